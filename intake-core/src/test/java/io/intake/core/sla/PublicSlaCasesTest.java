package io.intake.core.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The public SLA cases of testdata/sla")
class PublicSlaCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlaPolicy policy = AgreementSlaPolicy.defaults();

    static Stream<Arguments> cases() throws IOException {
        List<String> lines = Files.readAllLines(SlaTestData.publicCases());
        return lines.stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                JsonNode n = JSON.readTree(l);
                return Arguments.of(n.get("id").asText() + " (" + n.get("severity").asText() + ")", n);
            } catch (IOException e) {
                throw new IllegalStateException("bad test data line: " + l, e);
            }
        });
    }

    @Test
    void fileHoldsThirtyCases() throws IOException {
        assertThat(cases()).hasSize(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesTheExpectedDeadlinesAsInstants(String name, JsonNode c) {
        SlaStamp stamp = policy.stamp(Severity.parse("severity", c.get("severity").asText()),
                Channel.parse("channel", c.get("channel").asText()),
                OffsetDateTime.parse(c.get("received_at").asText()).toInstant());

        String why = c.get("why").asText();
        assertThat(stamp.responseDue()).as("response_due; " + why).isEqualTo(instant(c, "expected_response_due"));
        if (c.has("expected_response_target")) {
            assertThat(stamp.responseTarget()).as("response_target; " + why).isEqualTo(instant(c, "expected_response_target"));
            assertThat(stamp.ackDeadline()).as("ack_deadline; " + why).isEqualTo(instant(c, "expected_ack_deadline"));
        } else {
            assertThat(stamp.responseTarget()).isNull();
            assertThat(stamp.ackDeadline()).isNull();
        }
        assertThat(stamp.zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    private static java.time.Instant instant(JsonNode c, String field) {
        return OffsetDateTime.parse(c.get(field).asText()).toInstant();
    }
}
