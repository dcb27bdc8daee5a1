package io.intake.core.json;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.intake.core.ticket.Attachment;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Site;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.ticket.UpdateKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every envelope the gateway produces validates against docs/ticket.schema.json, and reads back equal. */
class WireFormatSchemaTest {

    private static Schema schema;

    private static final Instant AT = Instant.parse("2026-06-10T14:15:00Z");
    private static final Classification CRITICAL = new Classification(Severity.CRITICAL, "critical.main-number-down",
            "the main number does not ring");
    private static final SlaStamp STAMP = new SlaStamp("CRITICAL: 15 min target, 1 h acknowledgement (wall clock)",
            ZoneId.of("America/New_York"), AT, AT.plusSeconds(3600), AT.plusSeconds(900), AT.plusSeconds(3600));

    @BeforeAll
    static void loadSchema() throws Exception {
        Path file = Path.of("../docs/ticket.schema.json");
        assertThat(file).as("the schema ships in docs/").exists();
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(file), InputFormat.JSON);
    }

    private static List<Error> errors(String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    static Ticket fullTicket() {
        IntakeRequest request = IntakeRequest.builder(Channel.PHONE, "1718000000.42")
                .requester(new Requester("Pat \"Main\" O'Neil", "pat@example.com", "+15550100123", "ACME-7"))
                .site(new Site("store-12", "Store 12, Main St"))
                .subject("IVR: 1 - service down")
                .body("Nobody can call us.\nThe main number gives a busy signal.")
                .quotedHistory("> earlier text")
                .attachments(List.of(new Attachment("../../etc/recording.wav", "audio/wav", 48000, "sha256:ab12", null),
                        new Attachment("note.txt", "text/plain", 5, "sha256:cd34", "aGVsbG8=")))
                .suggestedSeverity(Severity.DEGRADED)
                .receivedAt(AT)
                .attributes(Map.of("ivr.menu", "1"))
                .build();
        return Ticket.from(TicketNumber.ofSerial(100_042), request, CRITICAL, STAMP);
    }

    @Test
    void aCreatedTicketWithEveryFieldValidates() {
        String json = WireFormat.created(fullTicket());
        assertThat(errors(json)).isEmpty();
        assertThat(json).contains("\"number\":\"" + TicketNumber.ofSerial(100_042) + "\"").contains("\"channel\":\"phone\"")
                .contains("\"response_due\":\"2026-06-10T15:15:00Z\"").contains("\"name\":\"recording.wav\"");
    }

    @Test
    void aMinimalTicketValidates() {
        IntakeRequest request = IntakeRequest.builder(Channel.EMAIL, "<m@x>").body("hi").receivedAt(AT).build();
        Ticket ticket = Ticket.from(TicketNumber.ofSerial(100_000), request,
                new Classification(Severity.LOW, "low.default", "nothing is broken"),
                new SlaStamp("LOW", ZoneId.of("America/New_York"), AT, AT.plusSeconds(36000), null, null));
        assertThat(errors(WireFormat.created(ticket))).isEmpty();
    }

    @Test
    void anUpdateWithBothClassificationsValidates() {
        TicketUpdate update = new TicketUpdate(TicketNumber.ofSerial(100_042), 2, UpdateKind.REASSESSMENT, Channel.EMAIL,
                "<r@x>", Requester.ofEmail(null, "pat@example.com"), "please look again", "", List.of(), CRITICAL,
                new Classification(Severity.LOW, "low.default", "nothing is broken"), AT, Map.of());
        assertThat(errors(WireFormat.updated(update))).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheGatewayNeverWrites() {
        String valid = WireFormat.created(fullTicket());
        assertThat(errors(valid.replace("\"severity\":\"CRITICAL\"", "\"severity\":\"URGENT\""))).isNotEmpty();
        assertThat(errors(valid.replace("\"number\":\"" + TicketNumber.ofSerial(100_042) + "\"", "\"number\":\"12a\""))).isNotEmpty();
        assertThat(errors(valid.replace("\"type\":\"ticket.created\"", "\"type\":\"ticket.updated\""))).isNotEmpty();
    }

    @Test
    void ticketsReadBackEqual() {
        Ticket ticket = fullTicket();
        WireFormat.Envelope envelope = WireFormat.read(WireFormat.created(ticket), WireFormat.Envelope.class);
        assertThat(envelope.ticket()).isEqualTo(ticket);
    }
}
