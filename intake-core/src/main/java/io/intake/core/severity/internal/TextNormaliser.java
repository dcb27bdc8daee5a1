package io.intake.core.severity.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns free text into the normalised form the rules are written against: lower-case ASCII words separated by single
 * spaces, contractions expanded, synonyms and typos replaced, literal negations of problem words replaced by
 * {@code negx}. Thread-safe.
 */
public final class TextNormaliser {

    /** The word negation patterns are replaced with. */
    public static final String NEGATED = "negx";

    private static final Set<String> IS_CONTRACTIONS = Set.of("it", "that", "what", "there", "here", "nothing",
            "everything", "who", "he", "she", "where", "everyone", "something", "someone", "this", "nobody", "everybody");
    private static final int CACHE_LIMIT = 50_000;

    private final RuleSet rules;
    private final List<GatedPattern> negations = new ArrayList<>();
    /** Phrase synonyms by their first word, longest first. */
    private final Map<String, List<String[]>> phrases = new java.util.HashMap<>();
    private final Map<String, String> corrections = new ConcurrentHashMap<>();
    /** Word synonyms split into their words once (a replacement may be several words, or none). */
    private final Map<String, String[]> wordSynonyms = new java.util.HashMap<>();
    private final WordIds wordIds;

    /**
     * A normalised sentence: its text, its words ({@code text.split(" ")}, none for an empty text) and their ids in the
     * normaliser's {@link WordIds}, so that readers of the sentence need not split it or look its words up again.
     */
    record Words(String text, String[] words, int[] ids) {
    }

    public TextNormaliser(RuleSet rules) {
        this(rules, new WordIds());
    }

    TextNormaliser(RuleSet rules, WordIds wordIds) {
        this.rules = rules;
        this.wordIds = wordIds;
        for (int i = 0; i < rules.negations().size(); i++) {
            negations.add(new GatedPattern(rules.negations().get(i), List.of(rules.negationTexts().get(i)), wordIds));
        }
        rules.wordSynonyms().forEach((k, v) -> wordSynonyms.put(k, v.isEmpty() ? new String[0] : v.split(" ")));
        rules.phraseSynonyms().keySet().stream().sorted((a, b) -> b.length() - a.length())
                .forEach(k -> phrases.computeIfAbsent(k.split(" ")[0], x -> new ArrayList<>()).add(k.split(" ")));
    }

    /** Full normalisation of one sentence. */
    public String normalise(String text) {
        return normaliseWords(text).text();
    }

    /** Whether the word ids this normaliser hands out are those of {@code ids}. */
    boolean uses(WordIds ids) {
        return wordIds == ids;
    }

    /** Full normalisation of one sentence, with its words. */
    Words normaliseWords(String text) {
        List<String> tokens = replacePhrases(withoutStutter(tokens(text)));
        List<String> out = new ArrayList<>(tokens.size() + 4);
        for (String token : tokens) {
            String[] synonym = wordSynonyms.get(token);
            String mapped = synonym == null ? correct(token) : token;
            if (synonym == null && !mapped.equals(token)) {
                // a corrected word is rewritten like the word itself ("cannto" -> "cannot" -> "can not")
                synonym = wordSynonyms.get(mapped);
            }
            if (synonym != null) {
                for (String word : synonym) {
                    if (!word.isEmpty()) {
                        out.add(word);
                    }
                }
                continue;
            }
            if (mapped.indexOf(' ') < 0) {
                if (!mapped.isEmpty()) {
                    out.add(mapped);
                }
            } else {
                for (String word : mapped.split(" ")) {
                    if (!word.isEmpty()) {
                        out.add(word);
                    }
                }
            }
        }
        List<String> mappedTokens = replacePhrases(out);
        String result = String.join(" ", mappedTokens);
        String[] words = mappedTokens.toArray(new String[0]);
        int[] ids = wordIds.idsOf(words);
        long[] present = null;
        for (GatedPattern negation : negations) {
            if (negation.mayMatch(words, ids)) {
                // try the pattern only where it can start, skipping alternatives whose words the text lacks; the full
                // scan is kept for text that is not plain words (an apostrophe is a word boundary inside a word), so
                // what matches is exactly what the plain find would match
                boolean found;
                if (Segment.isPlain(result)) {
                    if (present == null) {
                        present = GatedPattern.presence(ids, wordIds.size());
                    }
                    found = negation.find(result, words, starts(words), ids, present, null) != null;
                } else {
                    found = result.indexOf('\'') < 0 ? negation.find(result, words, starts(words), ids, null) != null
                            : negation.pattern.matcher(result).find();
                }
                if (found) {
                    Matcher m = negation.pattern.matcher(result);
                    result = m.replaceAll(NEGATED);
                    words = result.split(" ");
                    ids = wordIds.idsOf(words);
                    present = null;
                }
            }
        }
        if (result.isEmpty()) {
            return new Words(result, new String[0], new int[0]);
        }
        return new Words(result, words, ids);
    }

    private static int[] starts(String[] words) {
        int[] starts = new int[words.length];
        for (int i = 1; i < words.length; i++) {
            starts[i] = starts[i - 1] + words[i - 1].length() + 1;
        }
        return starts;
    }

    /** Lower-case, accent-folded words separated by single spaces; used for synonym keys too. */
    public static String basicWords(String text) {
        return String.join(" ", tokens(text));
    }

    /** Replaces phrase synonyms word by word, longest phrase first; no regular expressions. */
    private List<String> replacePhrases(List<String> tokens) {
        List<String> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            List<String[]> candidates = phrases.get(tokens.get(i));
            String[] hit = null;
            if (candidates != null) {
                for (String[] phrase : candidates) {
                    if (matchesAt(tokens, i, phrase)) {
                        hit = phrase;
                        break;
                    }
                }
            }
            if (hit != null) {
                if (out == null) {
                    out = new ArrayList<>(tokens.subList(0, i));
                }
                for (String word : rules.phraseSynonyms().get(String.join(" ", hit)).split(" ")) {
                    if (!word.isEmpty()) {
                        out.add(word);
                    }
                }
                i += hit.length - 1;
            } else if (out != null) {
                out.add(tokens.get(i));
            }
        }
        return out == null ? tokens : out;
    }

    private static boolean matchesAt(List<String> tokens, int at, String[] phrase) {
        if (at + phrase.length > tokens.size()) {
            return false;
        }
        for (int j = 1; j < phrase.length; j++) {
            if (!phrase[j].equals(tokens.get(at + j))) {
                return false;
            }
        }
        return true;
    }

    static List<String> tokens(String raw) {
        String text = fold(raw);
        List<String> out = new ArrayList<>(text.length() / 5 + 4);
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (start < 0) {
                    start = i;
                }
            } else if (c == '\'' && start >= 0 && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
                // an apostrophe inside a word ("can't") stays in it
            } else {
                if (start >= 0) {
                    expand(text.substring(start, i), out);
                    start = -1;
                }
                if (c == '#') {
                    out.add("number");
                } else if (c == '&') {
                    out.add("and");
                }
            }
        }
        return out;
    }

    /** Pictographs people use for "dead" or "not working" in chat; anything else outside text is dropped later. */
    private static final String[][] PICTOGRAPHS = {{"\uD83D\uDC80", " dead "}, {"\u2620", " dead "}, {"\uD83D\uDCF5", " no phones "},
        {"\u274C", " not working "}, {"\uD83D\uDEAB", " not working "}};

    private static String fold(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
        if (lower.indexOf('\uD83D') >= 0 || lower.indexOf('\u2620') >= 0 || lower.indexOf('\u274C') >= 0) {
            for (String[] p : PICTOGRAPHS) {
                lower = lower.replace(p[0], p[1]);
            }
        }
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) > 0x7f) {
                return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            }
        }
        return lower;
    }

    private static void expand(String word, List<String> out) {
        int apostrophe = word.indexOf('\'');
        if (apostrophe < 0) {
            out.add(word);
            return;
        }
        String base = word.substring(0, apostrophe);
        String tail = word.substring(apostrophe + 1);
        if (tail.equals("t") && base.endsWith("n")) {
            String stem = base.substring(0, base.length() - 1);
            switch (stem) {
                case "ca" -> out.add("can");
                case "wo" -> out.add("will");
                case "sha" -> out.add("shall");
                default -> out.add(stem);
            }
            out.add("not");
            return;
        }
        out.add(base);
        switch (tail) {
            case "s" -> {
                if (IS_CONTRACTIONS.contains(base)) {
                    out.add("is");
                } else {
                    out.add("s");
                }
            }
            case "re" -> out.add("are");
            case "ve" -> out.add("have");
            case "ll" -> out.add("will");
            case "m" -> out.add("am");
            case "d" -> out.add("would");
            default -> out.add(tail);
        }
    }

    /** A near-miss of a vocabulary word (one edit, same first letter) is corrected; other words stay. */
    private String correct(String token) {
        if (token.length() < 5 || rules.knownWords().contains(token) || !isLetters(token)) {
            return token;
        }
        String cached = corrections.get(token);
        if (cached != null) {
            return cached;
        }
        String result = token;
        for (String candidate : rules.vocabulary()) {
            if (candidate.charAt(0) == token.charAt(0) && Math.abs(candidate.length() - token.length()) <= 1
                    && oneEdit(token, candidate)) {
                result = candidate;
                break;
            }
        }
        if (corrections.size() < CACHE_LIMIT) {
            corrections.put(token, result);
        }
        return result;
    }

    /** A word said twice or more in a row, as speech transcripts have it ("unplugged the the the switch"), once. */
    static List<String> withoutStutter(List<String> tokens) {
        List<String> out = null;
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).equals(tokens.get(i - 1)) && isLetters(tokens.get(i))) {
                if (out == null) {
                    out = new ArrayList<>(tokens.subList(0, i));
                }
            } else if (out != null) {
                out.add(tokens.get(i));
            }
        }
        return out == null ? tokens : out;
    }

    private static boolean isLetters(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code a} becomes {@code b} by one insertion, deletion, substitution or swap of neighbours; a
     * substitution of the last letter ("phoned" / "phones") is not counted, as that is usually another word.
     */
    static boolean oneEdit(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        int la = a.length();
        int lb = b.length();
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (i == la - 1) {
                return false;
            }
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        if (la + 1 == lb) {
            return a.substring(i).equals(b.substring(i + 1)) && !(b.startsWith(a) && b.endsWith("s"));
        }
        if (la == lb + 1) {
            return a.substring(i + 1).equals(b.substring(i)) && !(a.startsWith(b) && a.endsWith("s"));
        }
        return false;
    }
}
