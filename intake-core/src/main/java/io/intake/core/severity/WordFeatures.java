package io.intake.core.severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The words and word pairs a {@link WordModel} reads, and the table that finds their weights without building a
 * string per word. One scanner serves training and reading, so the two can never split a text differently.
 * <p>
 * A word is a run of letters, digits and apostrophes (a typographic ’ counts as one) without the apostrophes at its
 * ends, each character lower-cased on its own (so the text never changes length). A pair is two adjacent words,
 * written with one space between them; an ignored word is skipped as if it were not there, so "phones are URGENTLY
 * down" has the pair "are down", exactly as without the shouting. Pairs never span the subject and the body.
 */
final class WordFeatures {

    /** What {@link Table#find} answers for a word the model ignores. */
    static final int IGNORED = -2;
    /** What {@link Table#find} answers for a word or pair the model has no weight for. */
    static final int ABSENT = -1;

    /** Sees each word; {@code previousStart < 0} when there is no previous word to pair with. */
    @FunctionalInterface
    interface Visitor {
        /** Returns false when the word is ignored: it is then no feature, and the next word pairs with the one before. */
        boolean word(char[] text, int start, int end, int previousStart, int previousEnd);
    }

    private WordFeatures() {
    }

    static void scan(String subject, String body, Visitor visitor) {
        int n1 = subject == null ? 0 : subject.length();
        int n2 = body == null ? 0 : body.length();
        char[] t = new char[n1 + n2];
        for (int i = 0; i < n1; i++) {
            t[i] = lower(subject.charAt(i));
        }
        for (int i = 0; i < n2; i++) {
            t[n1 + i] = lower(body.charAt(i));
        }
        scanPart(t, 0, n1, visitor);
        scanPart(t, n1, n1 + n2, visitor);
    }

    private static void scanPart(char[] t, int from, int to, Visitor visitor) {
        int ps = -1;
        int pe = -1;
        int i = from;
        while (i < to) {
            if (!isWordChar(t[i])) {
                i++;
                continue;
            }
            int s = i;
            while (i < to && isWordChar(t[i])) {
                i++;
            }
            int e = i;
            while (s < e && t[s] == '\'') {
                s++;
            }
            while (e > s && t[e - 1] == '\'') {
                e--;
            }
            if (s < e && visitor.word(t, s, e, ps, pe)) {
                ps = s;
                pe = e;
            }
        }
    }

    private static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return c == '\u2019' ? '\'' : Character.toLowerCase(c);
    }

    private static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || (c >= 'A' && c <= 'Z');
        }
        return Character.isLetterOrDigit(c);
    }

    /** The distinct features of a text as strings, in the order they first appear (for training and explaining). */
    static List<String> list(String subject, String body, Set<String> ignored) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        scan(subject, body, (t, s, e, ps, pe) -> {
            String word = new String(t, s, e - s);
            if (ignored.contains(word)) {
                return false;
            }
            if (seen.add(word)) {
                out.add(word);
            }
            if (ps >= 0) {
                String pair = new String(t, ps, pe - ps) + " " + word;
                if (seen.add(pair)) {
                    out.add(pair);
                }
            }
            return true;
        });
        return out;
    }

    /**
     * An open-addressing table from feature to feature number, searched straight from the scanned characters. Each
     * slot is one {@code long}: the top 44 bits of a 64-bit hash of the feature's text and its 20-bit number, so a
     * search touches one cache line and never a string. The price is that a word or pair the model does not know may,
     * with a probability of about 4 in 10^9 per search for the shipped model, be taken for one it knows.
     */
    static final class Table {

        /** Feature numbers take the low 20 bits of a slot, so a model holds at most about a million features. */
        static final int MAX_FEATURES = (1 << 20) - 2;
        private static final long ID_BITS = (1L << 20) - 1;
        private static final long HASH_BITS = ~ID_BITS;

        private final long[] slots;
        private final int mask;

        Table(List<String> features, Set<String> ignored) {
            if (features.size() > MAX_FEATURES) {
                throw new IllegalArgumentException(features.size() + " features; a word model holds at most " + MAX_FEATURES);
            }
            int capacity = Integer.highestOneBit(Math.max(16, (features.size() + ignored.size()) * 2 - 1)) << 1;
            slots = new long[capacity];
            mask = capacity - 1;
            for (int i = 0; i < features.size(); i++) {
                put(features.get(i), i);
            }
            for (String word : ignored) {
                put(word, IGNORED);
            }
        }

        private void put(String key, int id) {
            char[] t = key.toCharArray();
            long h = hash(t, 0, t.length);
            int slot = (int) (h >>> 20) & mask;
            while (slots[slot] != 0) {
                if ((slots[slot] & HASH_BITS) == h) {
                    throw new IllegalArgumentException("feature '" + key + "' appears twice (or shares its hash with another)");
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = h | ((id + 2) & ID_BITS);
        }

        /** The number of the feature {@code t[s, e)} (a word, or a pair written with its space), {@link #IGNORED} or {@link #ABSENT}. */
        int find(char[] t, int s, int e) {
            return lookup(hash(t, s, e));
        }

        /** The number of the pair "{@code t[ps, pe)} {@code t[s, e)}", or {@link #ABSENT}. */
        int find(char[] t, int ps, int pe, int s, int e) {
            return findPair(raw(t, ps, pe), t, s, e);
        }

        /** As {@link #find(char[], int, int)} for a word whose {@link #raw} hash is known. */
        int findRaw(long raw) {
            return lookup(top(mix(raw)));
        }

        /** The number of the pair of the word with {@link #raw} hash {@code first} and the word {@code t[s, e)}. */
        int findPair(long first, char[] t, int s, int e) {
            return lookup(top(mix(step(step(first, ' '), t, s, e))));
        }

        /** Numbers are stored plus two, so that IGNORED (-2) is 0 and an empty slot (all zero) matches no hash. */
        private int lookup(long h) {
            for (int slot = (int) (h >>> 20) & mask; ; slot = (slot + 1) & mask) {
                long k = slots[slot];
                if (k == 0) {
                    return ABSENT;
                }
                if ((k & HASH_BITS) == h) {
                    return (int) (k & ID_BITS) - 2;
                }
            }
        }

        private static long hash(char[] t, int s, int e) {
            return top(mix(raw(t, s, e)));
        }

        /** The hash's top 44 bits; never zero, so an empty slot is told apart from an ignored word (number -2). */
        private static long top(long h) {
            long top = h & HASH_BITS;
            return top == 0 ? 1L << 20 : top;
        }

        /** The hash of {@code t[s, e)} before mixing; a pair's continues from its first word's. */
        static long raw(char[] t, int s, int e) {
            return step(0x9E3779B97F4A7C15L, t, s, e);
        }

        private static long step(long h, char[] t, int s, int e) {
            for (int i = s; i < e; i++) {
                h = step(h, t[i]);
            }
            return h;
        }

        private static long step(long h, char c) {
            return (h ^ c) * 0x100000001B3L + (h >>> 29);
        }

        /** The finaliser of MurmurHash3, so that neighbouring texts land far apart. */
        private static long mix(long h) {
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            h *= 0xC4CEB93FE53B3C4DL;
            return h ^ (h >>> 33);
        }
    }
}
