package io.intake.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.severity.SecondOpinionSeverityRules;
import io.intake.core.severity.SeverityRules;
import io.intake.core.severity.WordModel;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The command-line contract for classification: JSON Lines in, one JSON line out per input line.
 * <p>
 * Each input object needs {@code id}, {@code channel}, {@code subject} and {@code body}; other fields (for example a
 * test file's {@code expected_severity}) are ignored. Output is {@code {"id","severity","rule","reason"}}, or
 * {@code {"id","error"}} for a line that is not JSON, lacks a field or names an unknown channel; the run goes on after
 * a bad line. Blank lines are skipped.
 */
public final class ClassifyLines {

    private static final String[] REQUIRED = {"id", "channel", "subject", "body"};

    private ClassifyLines() {
    }

    /** Classifies every line of {@code in}; returns the number of error lines written. */
    public static int run(BufferedReader in, Writer out, SeverityRules rules) {
        return run(in, out, rules, Clock.systemUTC());
    }

    /** As {@link #run(BufferedReader, Writer, SeverityRules)} with the clock that stamps {@code receivedAt}. */
    public static int run(BufferedReader in, Writer out, SeverityRules rules, Clock clock) {
        return JsonLines.run(in, out, "classify", (number, node, result) -> classify(number, node, result, rules, clock));
    }

    private static void classify(int number, JsonNode node, ObjectNode result, SeverityRules rules, Clock clock) {
        for (String field : REQUIRED) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || !value.isValueNode() || ("id".equals(field) && value.asText().isBlank())) {
                result.put("error", "line " + number + ": field '" + field + "' is required"
                        + ("subject".equals(field) ? " (it may be an empty string)" : ""));
                return;
            }
        }
        try {
            Channel channel = Channel.parse("channel", node.get("channel").asText());
            IntakeRequest request = IntakeRequest.builder(channel, node.get("id").asText())
                    .requester(Requester.UNKNOWN)
                    .subject(node.get("subject").asText())
                    .body(node.get("body").asText())
                    .receivedAt(Instant.now(clock))
                    .build();
            Classification c = rules.classify(request);
            result.put("severity", c.severity().name());
            result.put("rule", c.rule());
            result.put("reason", c.reason());
        } catch (InvalidFieldException e) {
            result.put("error", "line " + number + ": field '" + e.field() + "' " + e.getMessage().substring(e.field().length() + 2));
        } catch (IntakeException e) {
            result.put("error", "line " + number + ": " + e.getMessage());
        }
    }

    /** {@code java ... ClassifyLines [rules.yaml] < in.jsonl > out.jsonl}; exits 1 when any line was bad. */
    public static void main(String[] args) {
        SeverityRules rules = args.length > 0
                ? new SecondOpinionSeverityRules(RuleBasedSeverityRules.fromFile(Path.of(args[0])), WordModel.shipped())
                : SecondOpinionSeverityRules.defaults();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        int errors = run(in, out, rules);
        System.exit(errors == 0 ? 0 : 1);
    }
}
