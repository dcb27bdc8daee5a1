package io.intake.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.severity.SeverityRules;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifyLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> run(String input, SeverityRules rules, int expectedErrors) throws Exception {
        StringWriter out = new StringWriter();
        int errors = ClassifyLines.run(new BufferedReader(new StringReader(input)), out, rules);
        assertThat(errors).isEqualTo(expectedErrors);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Nested
    class GoodLines {

        @Test
        void writesIdSeverityRuleAndReason() throws Exception {
            List<JsonNode> out = run("{\"id\":\"a1\",\"channel\":\"chat\",\"subject\":\"\",\"body\":\"main line goes to fast busy\"}\n",
                    RuleBasedSeverityRules.defaults(), 0);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).get("id").asText()).isEqualTo("a1");
            assertThat(out.get(0).get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(out.get(0).get("rule").asText()).isEqualTo("critical.main-number-down");
            assertThat(out.get(0).get("reason").asText()).isNotBlank();
        }

        @Test
        void ignoresLabelsAndOtherFields() throws Exception {
            List<IntakeRequest> seen = new ArrayList<>();
            SeverityRules spy = r -> {
                seen.add(r);
                return new Classification(Severity.LOW, "low.test", "test");
            };
            run("{\"id\":\"a1\",\"channel\":\"web\",\"subject\":\"s\",\"body\":\"b\",\"expected_severity\":\"CRITICAL\","
                    + "\"why\":\"main number down\",\"tags\":[\"main-number\"]}\n", spy, 0);
            assertThat(seen).singleElement().satisfies(r -> {
                assertThat(r.sourceRef()).isEqualTo("a1");
                assertThat(r.body()).isEqualTo("b");
                assertThat(r.requester()).isEqualTo(Requester.UNKNOWN);
                assertThat(r.attributes()).isEmpty();
            });
        }

        @Test
        void stampsReceivedAtFromTheClock() throws Exception {
            List<IntakeRequest> seen = new ArrayList<>();
            SeverityRules spy = r -> {
                seen.add(r);
                return new Classification(Severity.LOW, "low.test", "test");
            };
            Instant now = Instant.parse("2025-05-01T10:00:00Z");
            ClassifyLines.run(new BufferedReader(new StringReader("{\"id\":\"a\",\"channel\":\"email\",\"subject\":\"\",\"body\":\"x\"}")),
                    new StringWriter(), spy, Clock.fixed(now, ZoneOffset.UTC));
            assertThat(seen.get(0).receivedAt()).isEqualTo(now);
        }

        @Test
        void skipsBlankLines() throws Exception {
            assertThat(run("\n   \n{\"id\":\"a\",\"channel\":\"chat\",\"subject\":\"\",\"body\":\"hi\"}\n\n",
                    RuleBasedSeverityRules.defaults(), 0)).hasSize(1);
        }
    }

    @Nested
    class BadLines {

        @Test
        void reportNonJsonAndContinue() throws Exception {
            List<JsonNode> out = run("not json\n{\"id\":\"b\",\"channel\":\"chat\",\"subject\":\"\",\"body\":\"hi\"}\n",
                    RuleBasedSeverityRules.defaults(), 1);
            assertThat(out).hasSize(2);
            assertThat(out.get(0).get("id").isNull()).isTrue();
            assertThat(out.get(0).get("error").asText()).contains("line 1").contains("JSON");
            assertThat(out.get(1).get("severity").asText()).isEqualTo("LOW");
        }

        @Test
        void nameTheMissingField() throws Exception {
            List<JsonNode> out = run("{\"id\":\"c\",\"channel\":\"chat\",\"subject\":\"\"}\n[1,2]\n{\"channel\":\"chat\",\"subject\":\"\",\"body\":\"x\"}\n",
                    RuleBasedSeverityRules.defaults(), 3);
            assertThat(out.get(0).get("id").asText()).isEqualTo("c");
            assertThat(out.get(0).get("error").asText()).contains("'body'");
            assertThat(out.get(1).get("error").asText()).contains("not a JSON object");
            assertThat(out.get(2).get("id").isNull()).isTrue();
            assertThat(out.get(2).get("error").asText()).contains("'id'");
        }

        @Test
        void nameAnUnknownChannel() throws Exception {
            List<JsonNode> out = run("{\"id\":\"d\",\"channel\":\"fax\",\"subject\":\"\",\"body\":\"x\"}\n", RuleBasedSeverityRules.defaults(), 1);
            assertThat(out.get(0).get("id").asText()).isEqualTo("d");
            assertThat(out.get(0).get("error").asText()).contains("'channel'").contains("fax");
        }

        @Test
        void reportARequestTheModelRejects() throws Exception {
            List<JsonNode> out = run("{\"id\":\"e\",\"channel\":\"chat\",\"subject\":\"\",\"body\":\"\"}\n", RuleBasedSeverityRules.defaults(), 1);
            assertThat(out.get(0).get("error").asText()).contains("'body'");
        }
    }
}
