package io.intake.core.severity.internal;

import java.util.List;
import java.util.regex.Matcher;

/** A normalised piece of text (a clause or a sentence) that answers "does concept N match?" lazily, with caching. */
final class Segment {

    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;

    final String text;
    final String[] tokens;
    private final int[] starts;
    final int[] ids;
    private final List<GatedPattern> concepts;
    private final byte[] state;
    private final String[] evidence;
    private final MatcherCache cache;
    private final int wordCount;
    /** The ids of this segment's words as a bit set, built on first use; see {@link GatedPattern#find}. */
    private long[] present;
    private boolean presentKnown;

    Segment(String text, List<GatedPattern> concepts, WordIds wordIds) {
        this(text, concepts, wordIds, null);
    }

    Segment(String text, List<GatedPattern> concepts, WordIds wordIds, MatcherCache cache) {
        this(text, text.isEmpty() ? new String[0] : text.split(" "), null, concepts, wordIds, cache);
    }

    /**
     * A segment whose words ({@code text.split(" ")}) and, when not null, their ids are already known, as they are for
     * a sentence the normaliser has just written.
     */
    Segment(String text, String[] tokens, int[] ids, List<GatedPattern> concepts, WordIds wordIds, MatcherCache cache) {
        this.text = text;
        this.tokens = tokens;
        this.starts = new int[tokens.length];
        for (int i = 1; i < tokens.length; i++) {
            starts[i] = starts[i - 1] + tokens[i - 1].length() + 1;
        }
        this.ids = ids != null ? ids : wordIds.idsOf(tokens);
        this.concepts = concepts;
        this.state = new byte[concepts.size()];
        this.evidence = new String[concepts.size()];
        this.cache = cache;
        this.wordCount = wordIds.size();
    }

    boolean has(int concept) {
        byte s = state[concept];
        if (s == UNKNOWN) {
            Matcher m = concepts.get(concept).find(text, tokens, starts, ids, present(), cache);
            if (m != null) {
                evidence[concept] = m.group();
                s = YES;
            } else {
                s = NO;
            }
            state[concept] = s;
        }
        return s == YES;
    }

    /** The word-presence bit set, or null when the text is not plain single-spaced words (no word is then assumed). */
    private long[] present() {
        if (!presentKnown) {
            presentKnown = true;
            present = isPlain(text) ? GatedPattern.presence(ids, wordCount) : null;
        }
        return present;
    }

    /** Lower-case letters and digits in words separated by single spaces, as the normaliser writes them. */
    static boolean isPlain(String text) {
        int n = text.length();
        if (n == 0 || text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == ' ' && text.charAt(i - 1) != ' '))) {
                return false;
            }
        }
        return true;
    }

    /** The text that matched the concept (only after {@link #has} answered true). */
    String evidence(int concept) {
        return evidence[concept];
    }
}
