package io.intake.core.severity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Developer tool (not a test): for each named case of the labelled files, prints the rule that fired and every clause
 * with its scope, whether it reads as current, and the concepts it matches (with the matched text). Run from
 * intake-core with the test classpath: {@code SeverityExplain sev-hs3-001,sev-hs3-002}.
 */
final class SeverityExplain {

    private SeverityExplain() {
    }

    public static void main(String[] args) throws Exception {
        String ids = args.length > 0 ? args[0] : "";
        Set<String> want = Set.of(ids.split(","));
        RuleSet rs = RuleSetReader.defaults();
        SeverityEngine engine = new SeverityEngine(rs);
        WordIds w = new WordIds();
        TextNormaliser n = new TextNormaliser(rs, w);
        List<GatedPattern> concepts = new ArrayList<>();
        for (int i = 0; i < rs.concepts().size(); i++) concepts.add(new GatedPattern(rs.concepts().get(i), rs.alternatives().get(i), w));
        Analysis.Reserved r = Analysis.Reserved.of(rs);
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(Path.of("src/test/resources/severity"))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) continue;
                    JsonNode d = json.readTree(line);
                    String id = d.get("id").asText();
                    if (!want.contains(id)) continue;
                    IntakeRequest req = IntakeRequest.builder(Channel.parse("channel", d.get("channel").asText()), id)
                            .subject(d.path("subject").asText("")).body(d.path("body").asText(""))
                            .receivedAt(Instant.parse("2025-03-04T15:00:00Z")).build();
                    MessageParts p = MessageReader.read(req);
                    Analysis a = new Analysis(p.current(), n, concepts, w, r);
                    System.out.println("=== " + id + " expected " + d.get("expected_severity").asText() + " got " + engine.classify(req).rule());
                    for (int i = 0; i < a.clauses.size(); i++) {
                        Segment c = a.clauses.get(i);
                        StringBuilder sb = new StringBuilder();
                        for (int k = 0; k < concepts.size(); k++) if (c.has(k)) sb.append(rs.conceptNames().get(k)).append("[").append(c.evidence(k)).append("] ");
                        System.out.println("  [" + (a.isCurrent(i) ? "cur" : "NOTCUR") + " " + a.scopeOf(i) + "] " + c.text);
                        System.out.println("      " + sb);
                    }
                }
            }
        }
    }
}
