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
    private final Map<String, String> normalised = new HashMap<>();
    private final Map<String, Segment> segments = new HashMap<>();

    Workspace(MatcherCache matchers) {
        this.matchers = matchers;
    }

    String normalise(TextNormaliser normaliser, String raw) {
        String text = normalised.get(raw);
        if (text == null) {
            text = normaliser.normalise(raw);
            normalised.put(raw, text);
        }
        return text;
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
