package io.intake.core.outbox;

import io.intake.core.ticket.TicketNumber;

import java.time.Instant;

/**
 * One delivery owed to the tracker: the creation of a ticket (sequence 0) or one of its updates.
 *
 * @param id            position in the outbox; entries of one ticket are delivered in this order
 * @param ticketNumber  the ticket
 * @param sequence      0 for the creation, else the update's sequence
 * @param state         where the entry stands
 * @param attempts      delivery attempts so far
 * @param nextAttemptAt when delivery tries next (PENDING)
 * @param lastError     the last failure, if any
 * @param createdAt     when the entry was committed
 * @param deliveredAt   when the tracker took it (DELIVERED)
 */
public record OutboxEntry(long id, TicketNumber ticketNumber, int sequence, State state, int attempts,
                          Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {

    /** Where an entry stands. */
    public enum State {
        /** Waiting for (another) delivery attempt. */
        PENDING,
        /** The tracker has it. */
        DELIVERED,
        /** Delivery gave up (too many attempts, or refused); needs a person to replay it. */
        PARKED
    }

    public boolean isCreation() {
        return sequence == 0;
    }
}
