package io.intake.core.tracker;

import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;

/**
 * Where tickets go: the tracker the provider already runs. Delivery calls a sink from one thread at a time per ticket,
 * always creating a ticket before appending its updates, and may call it again with the same ticket or update after a
 * crash, so every implementation must be idempotent on {@link Ticket#number()} and on
 * ({@link TicketUpdate#ticketNumber()}, {@link TicketUpdate#sequence()}): {@link #create} called again for the same
 * ticket returns the same tracker key.
 * <p>
 * A transport failure is thrown as {@link DeliveryException}, which delivery retries with backoff; an answer that will
 * never change (a 4xx, a rejected payload) is thrown as {@link RejectedDeliveryException}, which parks the entry.
 */
public interface TrackerSink extends AutoCloseable {

    /** Creates the ticket in the tracker (or finds it, when it already exists) and returns the tracker's own key. */
    String create(Ticket ticket);

    /** Appends an update to a ticket created earlier; {@code trackerKey} is what {@link #create} returned. */
    void append(TicketUpdate update, String trackerKey);

    /**
     * Releases what the sink holds (connections, producers); the default holds nothing. Delivery calls it on shutdown.
     */
    @Override
    default void close() {
    }

    /** A short name for logs, metrics and the portal, for example {@code jdbc} or {@code webhook}. */
    String name();
}
