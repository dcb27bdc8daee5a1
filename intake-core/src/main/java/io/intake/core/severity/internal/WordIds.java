package io.intake.core.severity.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers for the words that can start a gated pattern, shared by all patterns of one engine. A segment looks each of
 * its words up once; every pattern then checks "can I start here?" with an array read instead of a hash lookup per
 * pattern and word. Filled while patterns are built, read-only afterwards.
 */
final class WordIds {

    /** Id of a word that starts no pattern. */
    static final int NONE = -1;

    private final Map<String, Integer> ids = new HashMap<>();

    private int patterns;

    /** A new slot number for one compiled pattern, see {@link MatcherCache}. */
    int registerPattern() {
        return patterns++;
    }

    /** How many pattern slots were handed out. */
    int patternCount() {
        return patterns;
    }

    /** How many words have ids (ids run from 0 to this, exclusive). */
    int size() {
        return ids.size();
    }

    int register(String word) {
        return ids.computeIfAbsent(word, w -> ids.size());
    }

    int idOf(String word) {
        Integer id = ids.get(word);
        return id == null ? NONE : id;
    }

    /** Ids of the words of a text, {@link #NONE} for words no pattern starts with. */
    int[] idsOf(String[] tokens) {
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = idOf(tokens[i]);
        }
        return out;
    }
}
