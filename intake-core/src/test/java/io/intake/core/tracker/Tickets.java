package io.intake.core.tracker;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Site;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.ticket.UpdateKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Valid tickets and updates for tracker tests. Numbers are unique within a JVM, so sinks may share their storage. */
public final class Tickets {

    public static final Instant RECEIVED_AT = Instant.parse("2026-03-02T09:15:00Z");
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    public static final Requester REQUESTER = Requester.ofEmail("Ada Customer", "ada@example.net");

    private static final AtomicLong SERIALS = new AtomicLong(4100);

    private Tickets() {
    }

    /** A ticket number no other test in this JVM has used. */
    public static TicketNumber nextNumber() {
        return TicketNumber.ofSerial(SERIALS.incrementAndGet());
    }

    /** A DEGRADED e-mail ticket with a fresh number. */
    public static Ticket ticket() {
        return ticket(nextNumber(), Severity.DEGRADED);
    }

    public static Ticket ticket(TicketNumber number, Severity severity) {
        return ticket(number, severity, "The phones at the head office lost registration", "All desk phones show 'No service'.");
    }

    public static Ticket ticket(TicketNumber number, Severity severity, String subject, String body) {
        return new Ticket(number, Channel.EMAIL, "<" + number + ".msg@example.net>", REQUESTER, Site.of("HQ-BER"),
                subject, body, "", List.of(), classification(severity), sla(severity), RECEIVED_AT,
                Map.of("mailbox", "help"));
    }

    /** A COMMENT update with the given sequence. */
    public static TicketUpdate update(TicketNumber number, int sequence) {
        return new TicketUpdate(number, sequence, UpdateKind.COMMENT, Channel.EMAIL,
                "<" + number + "-" + sequence + ".reply@example.net>", REQUESTER, "Still broken, reply " + sequence,
                "", List.of(), null, null, RECEIVED_AT.plus(Duration.ofMinutes(sequence)), Map.of());
    }

    /** An OVERRIDE update raising the ticket to CRITICAL. */
    public static TicketUpdate override(TicketNumber number, int sequence) {
        return new TicketUpdate(number, sequence, UpdateKind.OVERRIDE, Channel.WEB, "override-" + number + "-" + sequence,
                new Requester("Agent Smith", null, null, null), "Whole site is down", "", List.of(),
                classification(Severity.CRITICAL), classification(Severity.DEGRADED),
                RECEIVED_AT.plus(Duration.ofMinutes(sequence)), Map.of());
    }

    public static Classification classification(Severity severity) {
        return new Classification(severity, severity.name().toLowerCase() + ".test-rule", "chosen by the test fixture");
    }

    /** The SLA stamp a ticket of this severity gets: due in 15 minutes, 4 hours or 10 hours. */
    public static SlaStamp sla(Severity severity) {
        Duration due = switch (severity) {
            case CRITICAL -> Duration.ofMinutes(15);
            case DEGRADED -> Duration.ofHours(4);
            case LOW -> Duration.ofHours(10);
        };
        boolean critical = severity == Severity.CRITICAL;
        return new SlaStamp(severity + ": test policy", ZONE, RECEIVED_AT, RECEIVED_AT.plus(due),
                critical ? RECEIVED_AT.plus(due) : null, critical ? RECEIVED_AT.plus(Duration.ofHours(1)) : null);
    }
}
