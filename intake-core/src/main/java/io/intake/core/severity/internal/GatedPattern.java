package io.intake.core.severity.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern over normalised text that is only tried where it can start: at words that begin one of its alternatives.
 * When the first words of some alternative cannot be worked out (optional start, character class, back reference),
 * the pattern is tried everywhere, as a plain {@code find}.
 */
final class GatedPattern {

    final Pattern pattern;
    /** Whether some alternative's first word is unknown (then every text may match). */
    private final boolean anyStart;
    /**
     * Per word id: the gated alternatives (indices into {@link #alternatives}, in file order) that can start with that
     * word; null where none does.
     */
    private final int[][] byWordId;
    /** Gated alternatives, each compiled alone: trying them in file order finds what their joined alternation finds. */
    private final Pattern[] alternatives;
    /** Per gated alternative: its slot in a {@link MatcherCache}. */
    private final int[] slots;
    /**
     * Per gated alternative: groups of word ids of which every match contains at least one as a whole word (a cheap
     * pre-check before the regular expression runs); see {@link #requiredWords}.
     */
    private final int[][][] required;
    /** Gated alternatives (indices into {@link #alternatives}, in file order) that start with a number; may be empty. */
    private final int[] digitAlternatives;
    /** Alternatives whose first word is unknown, tried with a plain find; null when there are none. */
    private final Pattern ungated;

    GatedPattern(Pattern pattern, List<String> alternatives, WordIds wordIds) {
        this.pattern = pattern;
        Set<String> words = new HashSet<>();
        List<String> rest = new ArrayList<>();
        List<Integer> digitList = new ArrayList<>();
        List<String> gated = new ArrayList<>();
        Map<String, List<Integer>> index = new HashMap<>();
        for (String alternative : flatten(alternatives)) {
            Set<String> first = firstWords(alternative);
            if (first == null) {
                rest.add(alternative);
                words = null;
                continue;
            }
            int at = gated.size();
            gated.add(alternative);
            if (first.remove(DIGITS)) {
                digitList.add(at);
            }
            for (String word : first) {
                index.computeIfAbsent(word, k -> new ArrayList<>()).add(at);
            }
            if (words != null) {
                words.addAll(first);
            }
        }
        this.alternatives = new Pattern[gated.size()];
        this.slots = new int[gated.size()];
        this.required = new int[gated.size()][][];
        for (int a = 0; a < gated.size(); a++) {
            this.alternatives[a] = Pattern.compile("\\b(?:" + gated.get(a) + ")(?![a-z0-9])");
            this.slots[a] = wordIds.registerPattern();
            // a group holding every word the alternative can start with is met wherever it is tried: left out
            Set<String> starts = firstWords(gated.get(a));
            List<int[]> ids = new ArrayList<>();
            for (Set<String> group : requiredWords(gated.get(a))) {
                if (!group.containsAll(starts)) {
                    ids.add(group.stream().mapToInt(wordIds::register).sorted().toArray());
                }
            }
            this.required[a] = ids.toArray(new int[0][]);
        }
        int max = -1;
        Map<Integer, int[]> byId = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : index.entrySet()) {
            int id = wordIds.register(e.getKey());
            byId.put(id, e.getValue().stream().mapToInt(Integer::intValue).sorted().toArray());
            max = Math.max(max, id);
        }
        this.byWordId = new int[max + 1][];
        byId.forEach((id, list) -> byWordId[id] = list);
        this.digitAlternatives = digitList.stream().mapToInt(Integer::intValue).toArray();
        this.anyStart = words == null;
        this.ungated = rest.isEmpty() ? null : Pattern.compile("\\b(?:" + rest.stream().map(r -> "(?:" + r + ")")
                .collect(java.util.stream.Collectors.joining("|")) + ")(?![a-z0-9])");
    }

    /**
     * The first match in {@code text} (whose words start at {@code starts} and have ids {@code ids}), or null.
     * {@code present} holds the ids of the text's words as a bit set, or is null when the text is not plain
     * single-spaced words (then no alternative is skipped for lack of a word).
     */
    Matcher find(String text, String[] tokens, int[] starts, int[] ids, long[] present, MatcherCache cache) {
        if (byWordId.length > 0 || digitAlternatives.length > 0) {
            int[][] byId = byWordId;
            // per alternative: 0 not yet known, 1 the text lacks a word it needs, 2 it may match (same at every word)
            byte[] viable = null;
            for (int i = 0; i < tokens.length; i++) {
                int id = ids[i];
                int[] atWord = id >= 0 && id < byId.length ? byId[id] : null;
                boolean digit = digitAlternatives.length > 0 && !tokens[i].isEmpty()
                        && Character.isDigit(tokens[i].charAt(0));
                if (present != null && viable == null && (atWord != null || digit)) {
                    viable = new byte[alternatives.length];
                }
                // both lists are in the expression's order; where a number is also a listed word ("6"), try them merged
                int[] candidates = atWord == null ? (digit ? digitAlternatives : null)
                        : digit ? merged(atWord, digitAlternatives) : atWord;
                if (candidates != null) {
                    Matcher m = firstAt(candidates, text, starts[i], present, viable, cache);
                    if (m != null) {
                        return earliest(m, text);
                    }
                }
            }
        }
        if (ungated != null) {
            Matcher m = ungated.matcher(text);
            return m.find() ? m : null;
        }
        return null;
    }

    /** Two ascending lists of alternative indices as one ascending list without repeats. */
    private static int[] merged(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The plain expression's first match, given the first match {@code gated} of the alternatives tried word by word:
     * an alternative that could not be tied to a first word may match earlier, or at the same place where the
     * expression's own order of alternatives decides.
     */
    private Matcher earliest(Matcher gated, String text) {
        if (ungated == null) {
            return gated;
        }
        Matcher u = ungated.matcher(text);
        if (!u.find() || u.start() > gated.start()) {
            return gated;
        }
        if (u.start() < gated.start()) {
            return u;
        }
        Matcher at = pattern.matcher(text).useTransparentBounds(true);
        at.region(gated.start(), text.length());
        return at.lookingAt() ? at : gated;
    }

    /**
     * The first of the candidate alternatives that matches at {@code start}, skipping those whose required words the
     * text lacks ({@code viable} remembers that answer per alternative; null when there is no pre-check).
     */
    private Matcher firstAt(int[] candidates, String text, int start, long[] present, byte[] viable, MatcherCache cache) {
        for (int a : candidates) {
            if (present != null && required[a].length > 0) {
                if (viable[a] == 0) {
                    viable[a] = hasRequired(required[a], present) ? (byte) 2 : (byte) 1;
                }
                if (viable[a] == 1) {
                    continue;
                }
            }
            Matcher m = tryAt(alternatives[a], slots[a], text, start, cache);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** {@link #find(String, String[], int[], int[], long[], MatcherCache)} without the word pre-check. */
    Matcher find(String text, String[] tokens, int[] starts, int[] ids, MatcherCache cache) {
        return find(text, tokens, starts, ids, null, cache);
    }

    private static boolean hasRequired(int[][] groups, long[] present) {
        groups:
        for (int[] group : groups) {
            for (int id : group) {
                if ((present[id >>> 6] & (1L << id)) != 0) {
                    continue groups;
                }
            }
            return false;
        }
        return true;
    }

    /** The ids of {@code ids} (non-negative ones) as a bit set over {@code wordCount} ids. */
    static long[] presence(int[] ids, int wordCount) {
        long[] bits = new long[(wordCount >>> 6) + 1];
        for (int id : ids) {
            if (id >= 0) {
                bits[id >>> 6] |= 1L << id;
            }
        }
        return bits;
    }

    private static Matcher tryAt(Pattern candidates, int slot, String text, int start, MatcherCache cache) {
        Matcher m = cache == null ? candidates.matcher(text).useTransparentBounds(true) : cache.matcher(slot, candidates, text);
        m.region(start, text.length());
        return m.lookingAt() ? m : null;
    }

    /** Whether any word of the text can start a match; cheap pre-check before a replace. */
    boolean mayMatch(String[] tokens, int[] ids) {
        if (anyStart || ungated != null) {
            return true;
        }
        for (int i = 0; i < tokens.length; i++) {
            int id = ids[i];
            if ((id >= 0 && id < byWordId.length && byWordId[id] != null)
                    || (digitAlternatives.length > 0 && !tokens[i].isEmpty() && Character.isDigit(tokens[i].charAt(0)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Words every match of the alternative contains as whole words: one set per part of the expression that must
     * match a literal word ("any of these"). Conservative: a part that cannot be read with certainty (optional or
     * repeated, a class, an escape, a word glued to what follows) adds nothing, and an expression with a top-level
     * bar yields nothing. A word counts only where the text before it is surely a word start (the start of the match
     * or a space) and the text after it surely a word end (a space, or the end of the alternative, which the pattern
     * follows with {@code (?![a-z0-9])}).
     */
    static List<Set<String>> requiredWords(String alternative) {
        List<Set<String>> out = new ArrayList<>();
        String s = alternative;
        if (hasTopLevelBar(s)) {
            return out;
        }
        boolean tokenStart = true;
        StringBuilder word = new StringBuilder();
        boolean wordValid = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '(') {
                if (word.length() > 0 && wordValid && wordEndsAt(s, i)) {
                    out.add(Set.of(word.toString()));
                }
                word.setLength(0);
                int close = closingParen(s, i);
                if (close < 0) {
                    return out;
                }
                if (s.startsWith("(?=", i) || s.startsWith("(?!", i) || s.startsWith("(?<=", i) || s.startsWith("(?<!", i)) {
                    if (close + 1 < n && isQuantifier(s.charAt(close + 1))) {
                        return out;
                    }
                    i = close + 1;
                    continue;
                }
                String inner = groupContent(s, i, close);
                if (inner == null) {
                    return out;
                }
                int j = close + 1;
                int min = 1;
                boolean quantified = false;
                if (j < n && isQuantifier(s.charAt(j))) {
                    quantified = true;
                    min = minRepeats(s, j);
                    j = skipQuantifier(s, j);
                    if (j < 0) {
                        return out;
                    }
                }
                List<String> options = topLevelOptions(inner);
                boolean allEndWithSpace = true;
                for (String option : options) {
                    if (!option.endsWith(" ") || option.endsWith("\\ ")) {
                        allEndWithSpace = false;
                        break;
                    }
                }
                if (!quantified) {
                    if (tokenStart) {
                        boolean wordEndAfter = wordEndsAt(s, j);
                        Set<String> words = new HashSet<>();
                        boolean known = true;
                        for (String option : options) {
                            if (!completeLeadingWord(option, wordEndAfter, words)) {
                                known = false;
                                break;
                            }
                        }
                        if (known && !words.isEmpty()) {
                            out.add(words);
                        }
                    }
                    tokenStart = allEndWithSpace;
                } else {
                    tokenStart = allEndWithSpace && (min >= 1 || tokenStart);
                }
                i = j;
                continue;
            }
            boolean quantifiedChar = i + 1 < n && isQuantifier(s.charAt(i + 1));
            if (c == '\\' || c == '[' || c == '.' || c == '^' || c == '$' || quantifiedChar) {
                // an escape, a class, any character, an anchor or a quantified character: nothing certain here
                word.setLength(0);
                if (c == '\\') {
                    i += 2;
                } else if (c == '[') {
                    int k = i + 1;
                    while (k < n && s.charAt(k) != ']') {
                        k += s.charAt(k) == '\\' ? 2 : 1;
                    }
                    i = k + 1;
                } else {
                    i++;
                }
                if (i < n && isQuantifier(s.charAt(i))) {
                    i = skipQuantifier(s, i);
                    if (i < 0) {
                        return out;
                    }
                }
                tokenStart = false;
                continue;
            }
            if (c == ' ') {
                if (word.length() > 0 && wordValid) {
                    out.add(Set.of(word.toString()));
                }
                word.setLength(0);
                tokenStart = true;
            } else if (isWordChar(c)) {
                if (word.length() == 0) {
                    wordValid = tokenStart;
                }
                word.append(c);
                tokenStart = false;
            } else {
                word.setLength(0);
                tokenStart = false;
            }
            i++;
        }
        if (word.length() > 0 && wordValid) {
            out.add(Set.of(word.toString()));
        }
        return out;
    }

    /**
     * Adds the option's leading literal word (both spellings of "goes?") when it is a whole word: followed by a space
     * inside the option, or ending the option when {@code wordEndAfter}; false when there is no such word.
     */
    private static boolean completeLeadingWord(String option, boolean wordEndAfter, Set<String> out) {
        option = withoutLookaroundsAtFirstWord(option);
        if (option == null) {
            return false;
        }
        int end = 0;
        while (end < option.length() && isWordChar(option.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return false;
        }
        String word = option.substring(0, end);
        if (end == option.length()) {
            if (!wordEndAfter) {
                return false;
            }
            out.add(word);
            return true;
        }
        char next = option.charAt(end);
        if (isSpace(option, end)) {
            out.add(word);
            return true;
        }
        if (next == '?' && word.length() > 1) {
            boolean followed = end + 1 == option.length() ? wordEndAfter : isSpace(option, end + 1);
            if (followed) {
                out.add(word);
                out.add(word.substring(0, word.length() - 1));
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a word that ends just before {@code at} surely ends there as a whole word: what follows is the end of
     * the alternative (the pattern follows it with {@code (?![a-z0-9])}), an end anchor, a word boundary, a space that
     * must match, or a group whose every option starts with such a space. Lookaheads are stepped over (they consume
     * nothing); an optional group of space-led options is stepped over too, as either way a space or what follows
     * comes next.
     */
    static boolean wordEndsAt(String s, int at) {
        int n = s.length();
        int i = at;
        while (true) {
            if (i == n || s.charAt(i) == '$' || s.startsWith("\\b", i)) {
                return true;
            }
            if (s.charAt(i) == ' ') {
                return isSpace(s, i);
            }
            if (s.charAt(i) != '(') {
                return false;
            }
            int close = closingParen(s, i);
            if (close < 0) {
                return false;
            }
            boolean quantified = close + 1 < n && isQuantifier(s.charAt(close + 1));
            if (s.startsWith("(?=", i) || s.startsWith("(?!", i)) {
                if (quantified) {
                    return false;
                }
                i = close + 1;
                continue;
            }
            String inner = groupContent(s, i, close);
            if (inner == null) {
                return false;
            }
            for (String option : topLevelOptions(inner)) {
                if (option.isEmpty() || !isSpace(option, 0)) {
                    return false;
                }
            }
            if (!quantified) {
                return true;
            }
            if (minRepeats(s, close + 1) >= 1) {
                return true;
            }
            i = skipQuantifier(s, close + 1);
            if (i < 0) {
                return false;
            }
        }
    }

    /** Whether {@code s} has a space at {@code at} that must match (not followed by a quantifier). */
    private static boolean isSpace(String s, int at) {
        return s.charAt(at) == ' ' && !(at + 1 < s.length() && isQuantifier(s.charAt(at + 1)));
    }

    private static boolean isQuantifier(char c) {
        return c == '?' || c == '*' || c == '+' || c == '{';
    }

    /**
     * The options of the group that opens at {@code open} and closes at {@code close}: a plain or {@code (?:...)} group;
     * null for any other construct ({@code (?i)}, named groups ...), which the callers cannot read with certainty.
     */
    private static String groupContent(String s, int open, int close) {
        if (s.startsWith("(?:", open)) {
            return s.substring(open + 3, close);
        }
        if (open + 1 < s.length() && s.charAt(open + 1) == '?') {
            return null;
        }
        return s.substring(open + 1, close);
    }

    /** The least number of repeats the quantifier at {@code at} allows ({@code ?} and {@code *} 0, {@code +} 1). */
    private static int minRepeats(String s, int at) {
        char q = s.charAt(at);
        return q == '+' ? 1 : q == '{' ? minOf(s, at) : 0;
    }

    /** The lower bound of a {@code {m}} or {@code {m,n}} quantifier at {@code at}. */
    private static int minOf(String s, int at) {
        int k = at + 1;
        int v = 0;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            v = v * 10 + (s.charAt(k) - '0');
            k++;
        }
        return v;
    }

    /** The index after the quantifier at {@code at} (with a lazy or possessive suffix), or -1 when it is malformed. */
    private static int skipQuantifier(String s, int at) {
        int k = at;
        if (s.charAt(k) == '{') {
            k = s.indexOf('}', k);
            if (k < 0) {
                return -1;
            }
        }
        k++;
        if (k < s.length() && (s.charAt(k) == '?' || s.charAt(k) == '+')) {
            k++;
        }
        return k;
    }

    /**
     * The alternatives with each one that is a single plain group, {@code (?:a|b|c)}, replaced by its options in order:
     * an ordered choice inside an ordered choice is the same choice, and each option can then be gated on its own words.
     */
    static List<String> flatten(List<String> alternatives) {
        List<String> out = new ArrayList<>();
        for (String alternative : alternatives) {
            if (alternative.startsWith("(?:") && closingParen(alternative, 0) == alternative.length() - 1) {
                List<String> options = topLevelOptions(alternative.substring(3, alternative.length() - 1));
                if (options.size() > 1 && options.stream().noneMatch(String::isEmpty)) {
                    out.addAll(options);
                    continue;
                }
            }
            out.add(alternative);
        }
        return out;
    }

    /** Marks alternatives that begin with a number ({@code \\d+}). */
    private static final String DIGITS = "\u0000digits";

    /** The words an alternative can begin with, or null when that cannot be told from the text of the pattern. */
    static Set<String> firstWords(String alternative) {
        String s = alternative;
        if (s.startsWith("(?<!") || s.startsWith("(?<=")) {
            int close = closingParen(s, 0);
            if (close < 0) {
                return null;
            }
            s = s.substring(close + 1);
        }
        Set<String> out = new HashSet<>();
        if (s.startsWith("\\d") || s.startsWith("(\\d")) {
            out.add(DIGITS);
            return out;
        }
        if (s.startsWith("(?:")) {
            int close = closingParen(s, 0);
            if (close < 0) {
                return null;
            }
            String inner = s.substring(3, close);
            if (s.startsWith("(?!", close + 1) || s.startsWith("(?=", close + 1)) {
                // a lookahead after the group ("(?:page|pages)(?! loads)") does not change where a match begins
                int ahead = closingParen(s, close + 1);
                if (ahead < 0 || (ahead + 1 < s.length() && isQuantifier(s.charAt(ahead + 1)))) {
                    return null;
                }
                s = s.substring(0, close + 1) + s.substring(ahead + 1);
            }
            if (close + 1 < s.length() && s.charAt(close + 1) != ' '
                    && !(s.startsWith("(?: ", close + 1) || s.startsWith("(?:\\w+ )", close + 1))) {
                return null;
            }
            if (hasTopLevelBar(s.substring(close + 1))) {
                return null;
            }
            for (String option : topLevelOptions(inner)) {
                if (!leadingWords(option, out)) {
                    return null;
                }
            }
            return out;
        }
        if (hasTopLevelBar(s) || !leadingWords(s, out)) {
            return null;
        }
        return out;
    }

    /**
     * The option without a lookbehind before its first word ("(?<!in and )out") and without a lookahead right after
     * that word ("wrong(?! pin)"): neither changes which word a match starts with or holds. Null when they cannot be
     * read (unbalanced, or a quantified lookahead).
     */
    private static String withoutLookaroundsAtFirstWord(String option) {
        if (option.startsWith("(?<!") || option.startsWith("(?<=")) {
            int close = closingParen(option, 0);
            if (close < 0) {
                return null;
            }
            option = option.substring(close + 1);
        }
        int end = 0;
        while (end < option.length() && isWordChar(option.charAt(end))) {
            end++;
        }
        if (end > 0 && (option.startsWith("(?!", end) || option.startsWith("(?=", end))) {
            int close = closingParen(option, end);
            if (close < 0 || (close + 1 < option.length() && isQuantifier(option.charAt(close + 1)))) {
                return null;
            }
            option = option.substring(0, end) + option.substring(close + 1);
        }
        return option;
    }

    /** Adds the literal first word of an option ("is not", "s ", "goes?") to {@code out}; false when there is none. */
    private static boolean leadingWords(String option, Set<String> out) {
        option = withoutLookaroundsAtFirstWord(option);
        if (option == null) {
            return false;
        }
        int end = 0;
        while (end < option.length() && isWordChar(option.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return false;
        }
        String word = option.substring(0, end);
        if (end < option.length() && option.charAt(end) == '?') {
            if (end + 1 < option.length() && option.charAt(end + 1) != ' ') {
                return false;
            }
            out.add(word);
            if (word.length() > 1) {
                out.add(word.substring(0, word.length() - 1));
            }
            return true;
        }
        if (end < option.length() && option.charAt(end) != ' ' && !option.startsWith("(?: ", end)) {
            return false;
        }
        out.add(word);
        return true;
    }

    private static java.util.List<String> topLevelOptions(String inner) {
        java.util.List<String> options = new java.util.ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                options.add(inner.substring(from, i));
                from = i + 1;
            }
        }
        options.add(inner.substring(from));
        return options;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static int closingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasTopLevelBar(String s) {
        return topLevelOptions(s).size() > 1;
    }
}
