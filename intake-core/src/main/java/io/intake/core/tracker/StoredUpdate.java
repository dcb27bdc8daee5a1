package io.intake.core.tracker;

import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.UpdateKind;

import java.time.Instant;

/**
 * One update as the embedded {@link JdbcTrackerStore} keeps it.
 *
 * @param ticketNumber the ticket it belongs to
 * @param sequence     its sequence within the ticket, from 1
 * @param kind         what it records
 * @param createdAt    when the store received it
 * @param json         the wire envelope, exactly as {@link io.intake.core.json.WireFormat#updated} wrote it
 */
public record StoredUpdate(TicketNumber ticketNumber, int sequence, UpdateKind kind, Instant createdAt, String json) {
}
