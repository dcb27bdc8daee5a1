package io.intake.core.pipeline;

import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.DeliveryException;
import io.intake.core.tracker.RejectedDeliveryException;
import io.intake.core.tracker.TrackerSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-written tracker for pipeline tests: records every call, can be switched down or made to refuse. */
final class RecordingSink implements TrackerSink {

    /** Every call in order, as "create 1000009" or "append 1000009/1". */
    final List<String> calls = new ArrayList<>();
    final Map<String, Integer> stored = new LinkedHashMap<>();
    volatile boolean down;
    volatile boolean refuse;

    @Override
    public synchronized String create(Ticket ticket) {
        fail();
        calls.add("create " + ticket.number());
        stored.merge(ticket.number().toString(), 1, Integer::sum);
        return "REC-" + ticket.number();
    }

    @Override
    public synchronized void append(TicketUpdate update, String trackerKey) {
        fail();
        calls.add("append " + update.ticketNumber() + "/" + update.sequence() + " key=" + trackerKey);
        stored.merge(update.ticketNumber() + "/" + update.sequence(), 1, Integer::sum);
    }

    private void fail() {
        if (down) {
            throw new DeliveryException("connection refused (test tracker is down)");
        }
        if (refuse) {
            throw new RejectedDeliveryException("400 bad request (test tracker refuses)");
        }
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String name() {
        return "recording";
    }
}
