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
        if (ids.equals("score")) {
            score(engine, args.length > 1 ? List.of(Path.of(args[1])) : null);
            return;
        }
        WordIds w = new WordIds();
        TextNormaliser n = new TextNormaliser(rs, w);
        List<GatedPattern> concepts = new ArrayList<>();
        for (int i = 0; i < rs.concepts().size(); i++) concepts.add(new GatedPattern(rs.concepts().get(i), rs.alternatives().get(i), w));
        Analysis.Reserved r = Analysis.Reserved.of(rs);
        ObjectMapper json = new ObjectMapper();
        try (var files = args.length > 1 ? java.util.stream.Stream.of(Path.of(args[1])) : Files.list(Path.of("src/test/resources/severity"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
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
                    System.out.println("=== " + id + " expected " + d.get("expected_severity").asText() + " got " + engine.classify(req).rule()
                            + " (" + engine.classify(req).reason() + "); quoted sentences " + p.quoted().size()
                            + "; still " + a.messageHas(r.still()) + " forward " + a.messageHas(r.forward()) + " resolved " + a.messageHas(r.resolved()));
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

    /** {@code SeverityExplain score}: accuracy, CRITICAL recall and the missed ids of every labelled file. */
    private static void score(SeverityEngine engine, List<Path> only) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(Path.of("src/test/resources/severity"))) {
            List<Path> all = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
            all.add(Path.of("../../shared/testdata/severity/public.jsonl"));
            if (only != null) {
                all = only;
            }
            for (Path f : all) {
                int n = 0, ok = 0, crit = 0, critOk = 0;
                List<String> misses = new ArrayList<>();
                List<String> hints = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) continue;
                    JsonNode d = json.readTree(line);
                    IntakeRequest req = IntakeRequest.builder(Channel.parse("channel", d.get("channel").asText()), d.get("id").asText())
                            .subject(d.path("subject").asText("")).body(d.path("body").asText(""))
                            .receivedAt(Instant.parse("2025-03-04T15:00:00Z")).build();
                    String want = d.get("expected_severity").asText();
                    var c = engine.classify(req);
                    n++;
                    if (c.rule().startsWith("hint.")) {
                        hints.add(d.get("id").asText() + ":" + c.rule() + "=" + c.severity() + "/gold " + want);
                    }
                    if (want.equals("CRITICAL")) crit++;
                    if (c.severity().name().equals(want)) {
                        ok++;
                        if (want.equals("CRITICAL")) critOk++;
                    } else {
                        misses.add(d.get("id").asText() + "(" + want.charAt(0) + "->" + c.severity().name().charAt(0) + " " + c.rule() + ")");
                    }
                }
                System.out.printf("%-34s %3d/%3d %.3f crit %d/%d %s%n", f.getFileName(), ok, n, ok / (double) n, critOk, crit, misses);
                if (!hints.isEmpty()) System.out.println("    decided by a hint: " + hints);
            }
        }
    }
}
