package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something appended to an existing ticket.
 *
 * @param ticketNumber           the ticket it belongs to
 * @param sequence               1 for the first update of a ticket, then 2, 3, ...; trackers apply them in this order
 * @param kind                   what the update records
 * @param channel                where it came in
 * @param sourceRef              the channel's unique reference for the update
 * @param author                 who wrote it
 * @param body                   the new text
 * @param quotedHistory          quoted history kept apart from the body
 * @param attachments            files by reference
 * @param classification         for REASSESSMENT and OVERRIDE: the new classification; otherwise null
 * @param previousClassification for REASSESSMENT and OVERRIDE: the classification it replaces; otherwise null
 * @param receivedAt             when the gateway received it
 * @param attributes             channel facts
 */
public record TicketUpdate(TicketNumber ticketNumber, int sequence, UpdateKind kind, Channel channel, String sourceRef,
                           Requester author, String body, String quotedHistory, List<Attachment> attachments,
                           Classification classification, Classification previousClassification, Instant receivedAt,
                           Map<String, String> attributes) {

    public TicketUpdate {
        Checks.required("ticket_number", ticketNumber);
        if (sequence < 1) {
            throw new InvalidFieldException("sequence", "must be at least 1 (was " + sequence + ")");
        }
        Checks.required("kind", kind);
        Checks.required("channel", channel);
        Checks.requiredText("source_ref", sourceRef, IntakeRequest.MAX_SOURCE_REF);
        Checks.required("author", author);
        body = body == null ? "" : body;
        quotedHistory = quotedHistory == null ? "" : quotedHistory;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if ((kind == UpdateKind.REASSESSMENT || kind == UpdateKind.OVERRIDE) && (classification == null || previousClassification == null)) {
            throw new InvalidFieldException("classification", kind + " keeps both the new and the previous classification");
        }
        Checks.required("received_at", receivedAt);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
