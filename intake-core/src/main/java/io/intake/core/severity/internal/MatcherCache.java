package io.intake.core.severity.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matchers of one classification, one per pattern slot, reused across the segments of the message instead of creating a
 * matcher for every word a pattern is tried at. Not thread-safe: one per request.
 */
final class MatcherCache {

    private final Matcher[] matchers;
    private final String[] texts;

    MatcherCache(WordIds wordIds) {
        this.matchers = new Matcher[wordIds.patternCount()];
        this.texts = new String[matchers.length];
    }

    /** The slot's matcher, reset to {@code text} (with transparent bounds, so look-behinds see before a region). */
    Matcher matcher(int slot, Pattern pattern, String text) {
        Matcher m = matchers[slot];
        if (m == null) {
            m = pattern.matcher(text).useTransparentBounds(true);
            matchers[slot] = m;
            texts[slot] = text;
        } else if (texts[slot] != text) {
            m.reset(text);
            texts[slot] = text;
        }
        return m;
    }
}
