package io.intake.core.severity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One labelled message of a severity test file (JSON Lines: id, channel, subject, body, expected_severity, tags). */
record LabelledCase(String id, IntakeRequest request, Severity expected, List<String> tags) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<LabelledCase> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("labelled severity cases not found at " + file
                    + " (set -Dintake.testdata=<dir containing severity/public.jsonl>)");
        }
        List<LabelledCase> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    cases.add(parse(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException(file + " holds no cases");
        }
        return cases;
    }

    private static LabelledCase parse(JsonNode d) {
        String id = d.get("id").asText();
        IntakeRequest request = IntakeRequest.builder(Channel.parse("channel", d.get("channel").asText()), id)
                .subject(d.path("subject").asText(""))
                .body(d.path("body").asText(""))
                .receivedAt(Instant.parse("2025-03-04T15:00:00Z"))
                .build();
        List<String> tags = new ArrayList<>();
        d.path("tags").forEach(t -> tags.add(t.asText()));
        return new LabelledCase(id, request, Severity.parse("expected_severity", d.get("expected_severity").asText()), tags);
    }

    @Override
    public String toString() {
        return id;
    }
}
