package io.intake.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.sla.SlaTestData;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlaLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(String input, int expectedErrors) throws IOException {
        StringWriter out = new StringWriter();
        int errors = SlaLines.run(new BufferedReader(new StringReader(input)), out, AgreementSlaPolicy.defaults());
        assertThat(errors).as("error lines").isEqualTo(expectedErrors);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void writesEasternDeadlinesAndCriticalExtrasOnly() throws IOException {
        List<JsonNode> out = run("""
                {"id":"a","received_at":"2026-06-10T10:15:00-04:00","severity":"LOW","channel":"email","why":"x"}
                {"id":"b","received_at":"2026-06-10T07:12:00Z","severity":"critical","channel":"phone"}
                """, 0);
        assertThat(out.get(0).toString()).isEqualTo("{\"id\":\"a\",\"response_due\":\"2026-06-11T10:15:00-04:00\"}");
        assertThat(out.get(1).toString()).isEqualTo("{\"id\":\"b\",\"response_due\":\"2026-06-10T04:12:00-04:00\","
                + "\"response_target\":\"2026-06-10T03:27:00-04:00\",\"ack_deadline\":\"2026-06-10T04:12:00-04:00\"}");
    }

    @Test
    void reportsABadLineNamingTheFieldAndCarriesOn() throws IOException {
        List<JsonNode> out = run("""
                {"id":"no-offset","received_at":"2026-06-10T10:15:00","severity":"LOW","channel":"email"}
                {"id":"bad-severity","received_at":"2026-06-10T10:15:00Z","severity":"URGENT","channel":"email"}
                {"id":"bad-channel","received_at":"2026-06-10T10:15:00Z","severity":"LOW","channel":"fax"}
                {"id":7,"received_at":12,"severity":"LOW","channel":"email"}
                {"received_at":"2026-06-10T10:15:00Z","severity":"LOW","channel":"email"}
                not json

                {"id":"fine","received_at":"2026-06-10T10:15:00Z","severity":"DEGRADED","channel":"web"}
                """, 6);
        assertThat(out).hasSize(7);
        assertThat(out.get(0).get("error").asText()).startsWith("received_at: '2026-06-10T10:15:00' is not ISO-8601 with an offset");
        assertThat(out.get(1).get("error").asText()).startsWith("severity: 'URGENT' is not a severity");
        assertThat(out.get(2).get("error").asText()).startsWith("channel: 'fax' is not a channel");
        assertThat(out.get(3).get("id").asInt()).isEqualTo(7);
        assertThat(out.get(3).get("error").asText()).isEqualTo("received_at: must be a string, not number");
        assertThat(out.get(4).get("id").isNull()).isTrue();
        assertThat(out.get(4).get("error").asText()).isEqualTo("id: is required");
        assertThat(out.get(5).get("error").asText()).startsWith("line 6: not a JSON object");
        assertThat(out.get(6).get("response_due").asText()).isEqualTo("2026-06-10T10:15:00-04:00");
        assertThat(out.get(6).has("error")).isFalse();
    }

    @Test
    void answersEveryPublicCase() throws IOException {
        String input = Files.readString(SlaTestData.publicCases());
        List<JsonNode> expected = new ArrayList<>();
        for (String line : input.split("\n")) {
            if (!line.isBlank()) {
                expected.add(JSON.readTree(line));
            }
        }
        List<JsonNode> out = run(input, 0);
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < out.size(); i++) {
            JsonNode e = expected.get(i);
            JsonNode g = out.get(i);
            assertThat(g.get("id")).isEqualTo(e.get("id"));
            for (String field : List.of("response_due", "response_target", "ack_deadline")) {
                if (e.has("expected_" + field)) {
                    assertThat(OffsetDateTime.parse(g.get(field).asText()).toInstant()).as(e.get("id") + " " + field)
                            .isEqualTo(OffsetDateTime.parse(e.get("expected_" + field).asText()).toInstant());
                } else {
                    assertThat(g.has(field)).isFalse();
                }
            }
        }
    }
}
