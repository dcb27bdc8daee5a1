package io.intake.core.store;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;

/**
 * One line per ticket for the command line, the portal and the staff API.
 *
 * @param deliveryState {@code pending}, {@code delivered} or {@code parked} (any entry of the ticket parked)
 */
public record TicketSummary(TicketNumber number, Channel channel, Severity severity, String subject, String requester,
                            Instant receivedAt, Instant responseDue, int updateCount, String trackerKey,
                            String deliveryState) {
}
