package io.intake.core.tracker;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;

/**
 * One ticket as the embedded {@link JdbcTrackerStore} keeps it, without its JSON (see
 * {@link JdbcTrackerStore#findTicketJson}); what the {@code tickets} command prints.
 *
 * @param number      the gateway's ticket number
 * @param channel     where it came in
 * @param severity    its severity when it was delivered
 * @param subject     its subject (may be empty)
 * @param requester   the requester's label (name, else email, phone or account)
 * @param responseDue the SLA response deadline
 * @param receivedAt  when the gateway received it
 * @param createdAt   when the store received it
 * @param updateCount how many updates were appended
 */
public record StoredTicket(TicketNumber number, Channel channel, Severity severity, String subject, String requester,
                          Instant responseDue, Instant receivedAt, Instant createdAt, int updateCount) {
}
