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
    /** Alternatives by the id of the word they start with, joined into one pattern per word; null where none starts. */
    private final Pattern[] byWordId;
    /** Per word id: the slot of that pattern in a {@link MatcherCache}. */
    private final int[] slotByWordId;
    private final int digitSlot;
    /** Alternatives that start with a number, or null. */
    private final Pattern digits;
    /** Alternatives whose first word is unknown, tried with a plain find; null when there are none. */
    private final Pattern ungated;

    GatedPattern(Pattern pattern, List<String> alternatives, WordIds wordIds) {
        this.pattern = pattern;
        Set<String> words = new HashSet<>();
        List<String> rest = new ArrayList<>();
        Map<String, List<String>> index = new HashMap<>();
        for (String alternative : alternatives) {
            Set<String> first = firstWords(alternative);
            if (first == null) {
                rest.add(alternative);
                words = null;
                continue;
            }
            for (String word : first) {
                index.computeIfAbsent(word, k -> new ArrayList<>()).add(alternative);
            }
            if (words != null) {
                words.addAll(first);
            }
        }
        // one alternation per first word: a single matcher tries them in file order, as trying each alone did
        // one alternation per first word: a single matcher tries them in file order, as trying each alone did
        Map<Integer, Pattern> byId = new HashMap<>();
        Pattern digitPattern = null;
        int max = -1;
        for (Map.Entry<String, List<String>> e : index.entrySet()) {
            Pattern joined = Pattern.compile("\\b(?:" + e.getValue().stream().map(r -> "(?:" + r + ")")
                    .collect(java.util.stream.Collectors.joining("|")) + ")(?![a-z0-9])");
            if (e.getKey().equals(DIGITS)) {
                digitPattern = joined;
            } else {
                int id = wordIds.register(e.getKey());
                byId.put(id, joined);
                max = Math.max(max, id);
            }
        }
        this.byWordId = new Pattern[max + 1];
        this.slotByWordId = new int[max + 1];
        byId.forEach((id, p) -> {
            byWordId[id] = p;
            slotByWordId[id] = wordIds.registerPattern();
        });
        this.digits = digitPattern;
        this.digitSlot = digitPattern == null ? -1 : wordIds.registerPattern();
        this.anyStart = words == null;
        this.ungated = rest.isEmpty() ? null : Pattern.compile("\\b(?:" + rest.stream().map(r -> "(?:" + r + ")")
                .collect(java.util.stream.Collectors.joining("|")) + ")(?![a-z0-9])");
    }

    /** The first match in {@code text} (whose words start at {@code starts} and have ids {@code ids}), or null. */
    Matcher find(String text, String[] tokens, int[] starts, int[] ids, MatcherCache cache) {
        if (byWordId.length > 0 || digits != null) {
            Pattern[] byId = byWordId;
            for (int i = 0; i < tokens.length; i++) {
                int id = ids[i];
                Matcher m = id >= 0 && id < byId.length && byId[id] != null
                        ? tryAt(byId[id], slotByWordId[id], text, starts[i], cache) : null;
                if (m == null && digits != null && !tokens[i].isEmpty() && Character.isDigit(tokens[i].charAt(0))) {
                    m = tryAt(digits, digitSlot, text, starts[i], cache);
                }
                if (m != null) {
                    return m;
                }
            }
        }
        if (ungated != null) {
            Matcher m = ungated.matcher(text);
            return m.find() ? m : null;
        }
        return null;
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
                    || (digits != null && !tokens[i].isEmpty() && Character.isDigit(tokens[i].charAt(0)))) {
                return true;
            }
        }
        return false;
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
            if (close + 1 < s.length() && s.charAt(close + 1) != ' '
                    && !(s.startsWith("(?: ", close + 1) || s.startsWith("(?:\\w+ )", close + 1))) {
                return null;
            }
            if (hasTopLevelBar(s.substring(close + 1))) {
                return null;
            }
            for (String option : topLevelOptions(s.substring(3, close))) {
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

    /** Adds the literal first word of an option ("is not", "s ", "goes?") to {@code out}; false when there is none. */
    private static boolean leadingWords(String option, Set<String> out) {
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
