package io.intake.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.sla.SlaPolicy;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The SLA clock on the command line: JSON Lines in, one deadline line out per input line.
 * <p>
 * Input fields: {@code id}, {@code received_at} (ISO-8601 with an offset), {@code severity}, {@code channel}; other
 * fields are ignored. Output: {@code {"id":…,"response_due":…}} plus {@code response_target} and {@code ack_deadline}
 * when the stamp has them (CRITICAL by default), as ISO-8601 with the America/New_York offset in effect. A bad line
 * gives {@code {"id":…,"error":"…"}} naming the field and the problem, and the run continues. Blank lines are skipped.
 */
public final class SlaLines {

    private static final Logger log = LoggerFactory.getLogger(SlaLines.class);

    /** The zone deadlines are written in: the office's. */
    public static final ZoneId OUTPUT_ZONE = ZoneId.of("America/New_York");

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private SlaLines() {
    }

    /** Reads stdin, writes stdout with the default policy; exits 1 when any line was bad. */
    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        int errors = run(in, out, AgreementSlaPolicy.defaults());
        System.exit(errors == 0 ? 0 : 1);
    }

    /**
     * Processes every line of {@code in}, writing one line to {@code out} per non-blank input line.
     *
     * @return the number of error lines written
     * @throws UncheckedIOException when reading or writing fails
     */
    public static int run(BufferedReader in, Writer out, SlaPolicy policy) {
        return JsonLines.run(in, out, "sla", (lineNumber, node, result) -> stamp(lineNumber, node, result, policy));
    }

    private static void stamp(int lineNumber, JsonNode node, ObjectNode result, SlaPolicy policy) {
        JsonNode id = node.get("id");
        try {
            if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank())) {
                throw new InvalidFieldException("id", "is required");
            }
            Instant receivedAt = receivedAt(text(node, "received_at"));
            Severity severity = Severity.parse("severity", text(node, "severity"));
            Channel channel = Channel.parse("channel", text(node, "channel"));
            SlaStamp stamp = policy.stamp(severity, channel, receivedAt);
            result.put("response_due", format(stamp.responseDue()));
            if (stamp.responseTarget() != null) {
                result.put("response_target", format(stamp.responseTarget()));
            }
            if (stamp.ackDeadline() != null) {
                result.put("ack_deadline", format(stamp.ackDeadline()));
            }
        } catch (IntakeException e) {
            log.debug("SLA line {} rejected: {}", lineNumber, e.getMessage());
            result.put("error", e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFieldException(field, "must be a string, not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    private static Instant receivedAt(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("received_at", "is required: ISO-8601 with an offset, e.g. 2026-06-10T10:15:00-04:00");
        }
        try {
            return OffsetDateTime.parse(value.strip(), ISO).toInstant();
        } catch (DateTimeParseException e) {
            String shown = value.length() <= 40 ? value : value.substring(0, 37) + "...";
            throw new InvalidFieldException("received_at", "'" + shown + "' is not ISO-8601 with an offset"
                    + " (Z or ±HH:MM), e.g. 2026-06-10T10:15:00-04:00");
        }
    }

    private static String format(Instant instant) {
        return ISO.format(instant.atZone(OUTPUT_ZONE).toOffsetDateTime());
    }
}
