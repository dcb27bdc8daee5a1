package io.intake.core.severity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The normalised sentences and clauses of one message, with the engine's reading of each clause: its scope and
 * whether it describes a current problem (not a how-to, request, plan, hypothesis or past event).
 */
final class Analysis {

    static final Pattern CLAUSE_BREAK = Pattern.compile(
            "\\s+(?:but|however|although|though|except|whereas|pero|aunque|sin embargo|um|uh|uhm|umm|erm|em|ehm|hmm)\\s+|\\s+while\\s+(?=\\w+\\s+(?:is|are|can|works?)\\b)");
    private static final Pattern PAST_TENSE = Pattern.compile(
            "\\b(?:was|were|went|had|failed|dropped|stopped|happened|did|rang|got|lasted|could not|returned|heard|recovered|occurred"
            + "|gave|came|said|told|took|following up|follow up|followup)\\b");

    /** Markers that a problem is still going on, as opposed to "today" or "this morning", which past events have too. */
    private static final Pattern STRONG_CURRENT = Pattern.compile(
            "\\b(?:still|currently|right now|at the moment|now|again|anymore|any more|keeps?|continues?|ongoing|as of)\\b");

    /** Above this many words a sentence's clauses are read for how-to, request, plan and hypothesis one by one. */
    static final int LONG_SENTENCE_WORDS = 30;

    /** A sentence about one thing already named: "it ...", "since then it ...", "and now it ...". */
    private static final Pattern SINGULAR_CONTINUES = Pattern.compile(
            "(?:(?:since then|since|and|then|now|but|so|and now|and then) )?(?:it|this one|that one|he|she) ");
    static final Pattern CONTINUES = Pattern.compile("^(?:it|they|this|that|these|those|he|she|when|and|also|then|now) ");

    final List<Segment> sentences = new ArrayList<>();
    /** Per sentence: the sentence, joined with the one before when it continues it ("It won't play ..."). */
    final List<Segment> contexts = new ArrayList<>();
    final List<Segment> clauses = new ArrayList<>();
    final List<Integer> clauseSentence = new ArrayList<>();
    /** Per sentence: whether the customer wrote it as a question (ends with "?"). */
    private final List<Boolean> questions = new ArrayList<>();
    /** Per sentence: whether it comes from quoted or forwarded history rather than the newest text. */
    private final List<Boolean> quoted = new ArrayList<>();
    private final Reserved reserved;
    private final List<GatedPattern> concepts;
    private final byte[] messageState;
    private final byte[] newestState;

    Analysis(List<String> rawSentences, TextNormaliser normaliser, List<GatedPattern> concepts, WordIds wordIds,
             Reserved reserved) {
        this(rawSentences, normaliser, concepts, wordIds, reserved, new Workspace(new MatcherCache(wordIds)));
    }

    /** Reads the sentences, reusing what {@code workspace} already holds from an earlier reading of the same request. */
    Analysis(List<String> rawSentences, TextNormaliser normaliser, List<GatedPattern> concepts, WordIds wordIds,
             Reserved reserved, Workspace workspace) {
        this(rawSentences, rawSentences.size(), normaliser, concepts, wordIds, reserved, workspace);
    }

    /**
     * Reads the sentences of which the first {@code newest} are the newest text and the rest quoted history (read only
     * when the newest text points at it).
     */
    Analysis(List<String> rawSentences, int newest, TextNormaliser normaliser, List<GatedPattern> concepts,
             WordIds wordIds, Reserved reserved, Workspace workspace) {
        this.reserved = reserved;
        this.concepts = concepts;
        this.messageState = new byte[concepts.size()];
        this.newestState = new byte[concepts.size()];
        boolean sharedIds = normaliser.uses(wordIds);
        TextNormaliser.Words fragment = null;
        for (int r = 0; r < rawSentences.size(); r++) {
            String raw = rawSentences.get(r);
            TextNormaliser.Words normalised = workspace.normalise(normaliser, raw);
            String text = normalised.text();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = normalised.words();
            int[] ids = sharedIds ? normalised.ids() : null;
            if (fragment != null) {
                text = fragment.text() + " " + text;
                words = concat(fragment.words(), words);
                ids = ids == null || fragment.ids() == null ? null : concat(fragment.ids(), ids);
                fragment = null;
            }
            if (r + 1 < rawSentences.size() && (r + 1 < newest || r >= newest) && isFragment(text)) {
                // (never across the line between the newest text and quoted history)
                // "dead. every handset in the shop." - a one or two word fragment is read with the next sentence
                fragment = new TextNormaliser.Words(text, words, ids);
                continue;
            }
            questions.add(isQuestion(raw));
            quoted.add(r >= newest);
            int index = sentences.size();
            Segment sentence = workspace.segment(text, words, ids, concepts, wordIds);
            if (index > 0 && continues(words)) {
                Segment previous = sentences.get(index - 1);
                contexts.add(workspace.segment(previous.text + " " + text, concat(previous.tokens, words),
                        concat(previous.ids, sentence.ids), concepts, wordIds));
            } else {
                contexts.add(sentence);
            }
            sentences.add(sentence);
            String[] parts = clauses(text, words);
            for (String clause : parts) {
                if (!clause.isBlank()) {
                    clauses.add(parts.length == 1 ? sentence : workspace.segment(clause, concepts, wordIds));
                    clauseSentence.add(index);
                }
            }
        }
    }

    /**
     * Splits a normalised sentence at clause breaks, exactly as {@code CLAUSE_BREAK.split(text)} does, but word by word
     * without running the regular expression over every space; text that is not plain single-spaced words takes the
     * regular expression.
     */
    static String[] clauses(String text) {
        return clauses(text, null);
    }

    /** {@link #clauses(String)} of a text whose words ({@code text.split(" ")}) are known, or null. */
    static String[] clauses(String text, String[] knownWords) {
        int n = text.length();
        if (n == 0 || text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') {
            return CLAUSE_BREAK.split(text);
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == ' ' && text.charAt(i - 1) != ' '))) {
                return CLAUSE_BREAK.split(text);
            }
        }
        if (knownWords != null ? !mayBreak(knownWords) : !mayBreak(text)) {
            return new String[] {text};
        }
        String[] words = knownWords != null ? knownWords : text.split(" ");
        List<String> out = null;
        int clauseStart = 0;
        boolean previousWasBreak = false;
        for (int i = 1; i < words.length - 1; i++) {
            int width = previousWasBreak ? 0 : breakWidth(words, i);
            previousWasBreak = false;
            if (width > 0) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                int wordStart = offset(words, i);
                out.add(text.substring(clauseStart, wordStart - 1));
                clauseStart = offset(words, i + width);
                i += width - 1;
                previousWasBreak = true;
            }
        }
        if (out == null) {
            return new String[] {text};
        }
        out.add(text.substring(clauseStart));
        return out.toArray(new String[0]);
    }

    private static final String[] BREAK_WORDS = {"but", "however", "although", "though", "except", "whereas", "pero",
        "aunque", "um", "uh", "uhm", "umm", "erm", "em", "ehm", "hmm", "sin", "while"};

    /** Whether some inner word of the text is one a clause break can start with (cheap pre-check, no allocation). */
    private static boolean mayBreak(String text) {
        int start = text.indexOf(' ') + 1;
        while (start > 0) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                return false;
            }
            int length = end - start;
            for (String word : BREAK_WORDS) {
                if (word.length() == length && text.regionMatches(start, word, 0, length)) {
                    return true;
                }
            }
            start = end + 1;
        }
        return false;
    }

    private static final java.util.Set<String> BREAK_WORD_SET = java.util.Set.of(BREAK_WORDS);

    /** {@link #mayBreak(String)} over the text's words: whether an inner word can start a clause break. */
    private static boolean mayBreak(String[] words) {
        for (int i = 1; i < words.length - 1; i++) {
            if (BREAK_WORD_SET.contains(words[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether the sentence starts as {@link #CONTINUES} says: "it ...", "they ...", "when ...". */
    static boolean continues(String[] words) {
        if (words.length < 2) {
            return false;
        }
        switch (words[0]) {
            case "it", "they", "this", "that", "these", "those", "he", "she", "when", "and", "also", "then", "now" -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** How many words starting at {@code i} form a clause break (0 when none); a word must follow the break. */
    private static int breakWidth(String[] words, int i) {
        String w = words[i];
        switch (w) {
            case "but", "however", "although", "though", "except", "whereas", "pero", "aunque", "um", "uh", "uhm", "umm",
                    "erm", "em", "ehm", "hmm" -> {
                return 1;
            }
            case "sin" -> {
                return "embargo".equals(words[i + 1]) && i + 2 < words.length ? 2 : 0;
            }
            case "while" -> {
                if (i + 2 < words.length) {
                    String verb = words[i + 2];
                    return verb.equals("is") || verb.equals("are") || verb.equals("can") || verb.equals("work")
                            || verb.equals("works") ? 1 : 0;
                }
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private static int offset(String[] words, int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            at += words[i].length() + 1;
        }
        return at;
    }

    private static boolean isFragment(String text) {
        int spaces = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && ++spaces > 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether the raw sentence asks something: it ends with a question mark, perhaps inside quotes or brackets. */
    static boolean isQuestion(String raw) {
        int end = raw.length();
        while (end > 0 && (Character.isWhitespace(raw.charAt(end - 1))
                || MessageReader.CLOSERS.indexOf(raw.charAt(end - 1)) >= 0)) {
            end--;
        }
        return end > 0 && raw.charAt(end - 1) == '?';
    }

    boolean isEmpty() {
        return sentences.isEmpty();
    }

    /**
     * Whether the newest text is at most {@code maxWords} words that no concept reads: "???" or "FYI" and a name over
     * a forwarded report says nothing of its own, so the report decides.
     */
    boolean saysNothing(int maxWords) {
        int words = 0;
        int newest = 0;
        while (newest < sentences.size() && !quoted.get(newest)) {
            words += sentences.get(newest++).tokens.length;
            if (words > maxWords) {
                return false;
            }
        }
        for (int i = 0; i < newest; i++) {
            for (int k = 0; k < concepts.size(); k++) {
                if (sentences.get(i).has(k)) {
                    return false;
                }
            }
        }
        return true;
    }

    Segment sentenceOf(int clause) {
        return sentences.get(clauseSentence.get(clause));
    }

    /** The clause's sentence, widened by the previous sentence when it continues it. */
    Segment contextOf(int clause) {
        return contexts.get(clauseSentence.get(clause));
    }

    /** Whether any sentence of the message matches the concept. */
    boolean messageHas(int concept) {
        return anySentenceHas(concept, messageState, false);
    }

    /**
     * Whether a sentence of the newest text matches the concept: quoted history read for context ("it's every phone
     * now" over a quoted report) does not veto the newest text (a quoted "calls are working again" from an earlier,
     * resolved round of the same thread).
     */
    boolean newestHas(int concept) {
        return anySentenceHas(concept, newestState, true);
    }

    /** Whether a sentence (of the newest text only, when asked) matches the concept, remembered in {@code state}. */
    private boolean anySentenceHas(int concept, byte[] state, boolean newestOnly) {
        byte s = state[concept];
        if (s == 0) {
            s = 1;
            for (int i = 0; i < sentences.size(); i++) {
                if ((!newestOnly || !quoted.get(i)) && sentences.get(i).has(concept)) {
                    s = 2;
                    break;
                }
            }
            state[concept] = s;
        }
        return s == 2;
    }

    String messageEvidence(int concept) {
        for (Segment sentence : sentences) {
            if (sentence.has(concept)) {
                return sentence.evidence(concept);
            }
        }
        return null;
    }

    /** Whether the clause describes something happening now rather than a question, request, plan or the past. */
    boolean isCurrent(int clause) {
        Segment sentence = sentenceOf(clause);
        Segment c = clauses.get(clause);
        // A long run-on sentence (a phone transcript has hardly any full stops) holds several thoughts: a how-to or
        // "if we went out of business" in one clause does not make the others non-current.
        Segment mood = c != sentence && sentence.tokens.length > LONG_SENTENCE_WORDS ? c : sentence;
        if (mood.has(reserved.howto) || mood.has(reserved.request) || mood.has(reserved.planned)
                || mood.has(reserved.hypothetical)) {
            return false;
        }
        int index = clauseSentence.get(clause);
        if (index > 0 && questions.get(index) && (sentences.get(index - 1).has(reserved.hypothetical)
                || sentences.get(index - 1).has(reserved.planned))) {
            // "What happens if the power goes out? Do callers get a busy signal?" - the follow-up question is hypothetical too
            return false;
        }
        boolean current = c.has(reserved.still) || (c.has(reserved.current) && !c.has(reserved.resolved));
        if (c.has(reserved.past) && !current && !pastIsAboutOthers(c)) {
            return false;
        }
        if (messageHas(reserved.resolved) && !messageHas(reserved.still) && PAST_TENSE.matcher(c.text).find()) {
            // the message says it is fixed: "went out this morning" is over unless the clause says it goes on
            return c.has(reserved.still) || (current && STRONG_CURRENT.matcher(c.text).find());
        }
        return true;
    }

    /** Whether the clause's past-sounding words are part of "the others are all working", not an event now over. */
    private boolean pastIsAboutOthers(Segment c) {
        return c.has(reserved.othersOk) && c.evidence(reserved.othersOk).contains(c.evidence(reserved.past));
    }

    /** The clause's scope: what it says itself, else its sentence, else "the others work" anywhere in the message. */
    Scope.ClauseScope scopeOf(int clause) {
        if (quoted.get(clauseSentence.get(clause)) && newestSaysItSpread()) {
            // "It's every phone now." over a quoted "my phone has no dial tone": the newest text sets the scope
            return Scope.ClauseScope.ALL;
        }
        Segment c = clauses.get(clause);
        if (quoted.get(clauseSentence.get(clause)) && newestHas(reserved.othersOk) && newestHas(reserved.scopePartial)) {
            // "two still can't ... the other ten work fine" in the newest text narrows a quoted "no phone can dial out";
            // "the rest of the staff are working from their cells" names no part of the site and does not
            return Scope.ClauseScope.PARTIAL;
        }
        if (c.has(reserved.scopeAll)) {
            // "the upstairs phones are all dead ... downstairs ones work": a named group said to be all down while
            // other phones are said to work is only part of the site
            return c.has(reserved.scopePartial) && othersOkNear(clause)
                    ? Scope.ClauseScope.PARTIAL : Scope.ClauseScope.ALL;
        }
        if (c.has(reserved.scopePartial)) {
            return Scope.ClauseScope.PARTIAL;
        }
        Segment sentence = sentenceOf(clause);
        if (sentence.has(reserved.scopeAll)) {
            return Scope.ClauseScope.ALL;
        }
        if (sentence.has(reserved.scopePartial) || othersOkNear(clause) || continuesOnePart(clause)) {
            return Scope.ClauseScope.PARTIAL;
        }
        return Scope.ClauseScope.UNKNOWN;
    }

    /**
     * Whether the clause's sentence goes on about one thing the sentence before named as part of the site: "We moved
     * the nurse station phone to the east wing. Since then it shows Registration failed."
     */
    private boolean continuesOnePart(int clause) {
        int index = clauseSentence.get(clause);
        if (index == 0 || !quoted.get(index).equals(quoted.get(index - 1))
                || !SINGULAR_CONTINUES.matcher(sentences.get(index).text).lookingAt()
                || sentences.get(index).has(reserved.still)) {
            // "Now it has spread ..." says the problem grew beyond the one thing named before
            return false;
        }
        Segment previous = sentences.get(index - 1);
        return previous.has(reserved.scopePartial) && !previous.has(reserved.scopeAll);
    }

    /** Whether a sentence of the newest text says the problem goes on and now covers everything (it has grown). */
    private boolean newestSaysItSpread() {
        boolean spread = false;
        for (int i = 0; i < sentences.size() && !quoted.get(i); i++) {
            Segment s = sentences.get(i);
            if (s.has(reserved.othersOk)) {
                // "now desks 5, 6 and 9 too ... the rest of the office can still call out": grown, not everywhere
                return false;
            }
            spread |= s.has(reserved.still) && s.has(reserved.scopeAll);
        }
        return spread;
    }

    /**
     * Whether "the others work" is said in the same part of the message as the clause: quoted history saying "others
     * seem ok" does not narrow a newest text that says the problem has grown ("it is every phone now").
     */
    private boolean othersOkNear(int clause) {
        if (!messageHas(reserved.othersOk)) {
            return false;
        }
        boolean part = quoted.get(clauseSentence.get(clause));
        for (int i = 0; i < sentences.size(); i++) {
            // the same part, or the newest text narrowing a quoted report ("the rest of the office can still call out")
            if ((quoted.get(i) == part || !quoted.get(i)) && sentences.get(i).has(reserved.othersOk)) {
                return true;
            }
        }
        return false;
    }

    /** Indices of the concepts the engine itself reads. */
    record Reserved(int howto, int request, int planned, int hypothetical, int past, int current, int resolved,
                    int still, int forward, int scopeAll, int scopePartial, int othersOk) {

        static Reserved of(RuleSet rules) {
            return new Reserved(rules.conceptIndex("howto"), rules.conceptIndex("request"), rules.conceptIndex("planned"),
                    rules.conceptIndex("hypothetical"), rules.conceptIndex("past"), rules.conceptIndex("current"),
                    rules.conceptIndex("resolved"), rules.conceptIndex("still"), rules.conceptIndex("forward"),
                    rules.conceptIndex("scope_all"), rules.conceptIndex("scope_partial"), rules.conceptIndex("others_ok"));
        }
    }
}
