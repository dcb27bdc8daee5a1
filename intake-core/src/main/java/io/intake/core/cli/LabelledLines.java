package io.intake.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.InvalidFieldException;
import io.intake.core.severity.WordModel;
import io.intake.core.ticket.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled tickets for training a {@link WordModel}: JSON Lines, each with {@code body}, an optional
 * {@code subject}, and the label in {@code expected_severity} (the test files' field) or {@code severity} (what a
 * tracker export holds; it should be the severity agents confirmed, or the model learns the classifier's own answers).
 * Other fields are ignored, blank lines skipped. Unlike classification, a bad line stops the read: a model silently trained
 * on part of the data is worse than none. The error names the file, the line and the field.
 */
public final class LabelledLines {

    /** One JSON value per line: a second object on the same line is an error, not silently dropped. */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = JsonLines.JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LabelledLines() {
    }

    /** Every example of the files, in order. */
    public static List<WordModel.Example> read(List<Path> files) {
        List<WordModel.Example> out = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException(file + ": is not UTF-8 text", e);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    out.add(example(file + ":" + (i + 1), lines.get(i)));
                }
            }
        }
        return out;
    }

    private static WordModel.Example example(String where, String line) {
        JsonNode node;
        try {
            node = STRICT.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        String label = node.hasNonNull("expected_severity") ? "expected_severity" : "severity";
        for (String field : new String[]{"body", label}) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                throw new IllegalArgumentException(where + ": field '" + field + "' is required and must be a string"
                        + (field.equals(label) ? " (the label: LOW, DEGRADED or CRITICAL, in 'severity' or 'expected_severity')" : ""));
            }
        }
        JsonNode subject = node.get("subject");
        if (subject != null && !subject.isNull() && !subject.isTextual()) {
            throw new IllegalArgumentException(where + ": field 'subject' must be a string when present");
        }
        try {
            return new WordModel.Example(subject == null || subject.isNull() ? "" : subject.asText(), node.get("body").asText(),
                    Severity.parse(label, node.get(label).asText()));
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
