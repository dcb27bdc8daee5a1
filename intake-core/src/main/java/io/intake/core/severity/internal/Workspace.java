package io.intake.core.severity.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one classification has already worked out, so that reading the message a second time (with its quoted history)
 * normalises and matches each sentence once: normalised text by raw sentence, segments (with their concept answers)
 * by normalised text, and the matchers. Segments and normalisation are pure functions of their text, so sharing them
 * changes no result. Not thread-safe: one per request.
 */
final class Workspace {

    private final MatcherCache matchers;
    private final Map<String, TextNormaliser.Words> normalised = new HashMap<>();
    private final Map<String, Segment> segments = new HashMap<>();

    Workspace(MatcherCache matchers) {
        this.matchers = matchers;
    }

    TextNormaliser.Words normalise(TextNormaliser normaliser, String raw) {
        TextNormaliser.Words words = normalised.get(raw);
        if (words == null) {
            words = normaliser.normaliseWords(raw);
            normalised.put(raw, words);
        }
        return words;
    }

    /** The segment of a text whose words (and ids, when not null) are known. */
    Segment segment(String text, String[] tokens, int[] ids, List<GatedPattern> concepts, WordIds wordIds) {
        Segment segment = segments.get(text);
        if (segment == null) {
            segment = new Segment(text, tokens, ids, concepts, wordIds, matchers);
            segments.put(text, segment);
        }
        return segment;
    }

    Segment segment(String text, List<GatedPattern> concepts, WordIds wordIds) {
        Segment segment = segments.get(text);
        if (segment == null) {
            segment = new Segment(text, concepts, wordIds, matchers);
            segments.put(text, segment);
        }
        return segment;
    }
}
