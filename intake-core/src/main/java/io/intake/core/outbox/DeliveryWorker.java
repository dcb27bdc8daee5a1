package io.intake.core.outbox;

import io.intake.core.IntakeException;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.DeliveryException;
import io.intake.core.tracker.RejectedDeliveryException;
import io.intake.core.tracker.ThrottledDeliveryException;
import io.intake.core.tracker.TrackerSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Moves due outbox entries to the tracker. One round ({@link #drain()}) delivers entries in outbox order until none is
 * due. A transport failure pauses the whole round until the failed entry's next attempt, so no later entry overtakes
 * it while the tracker is down; a refusal, or too many failures, parks the entry (and holds its ticket's later
 * entries) for a person to replay. A failing tracker never breaks the gateway: everything is caught, counted and
 * logged here.
 */
public final class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final TrackerSink sink;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final String node;
    private final Counter delivered;
    private final Counter retried;
    private final Counter parked;
    private final AtomicLong rounds = new AtomicLong();
    private volatile Instant pausedUntil = Instant.MIN;

    public DeliveryWorker(Outbox outbox, TrackerSink sink, DeliveryPolicy policy, Clock clock,
                          MeterRegistry meters, String node) {
        this.outbox = outbox;
        this.sink = sink;
        this.policy = policy;
        this.clock = clock;
        this.node = node;
        this.delivered = attempts(meters, "delivered");
        this.retried = attempts(meters, "retried");
        this.parked = attempts(meters, "parked");
    }

    private Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("intake.delivery.attempts").description("Tracker delivery attempts by outcome")
                .tag("sink", sink.name()).tag("outcome", outcome).register(meters);
    }

    /** Delivers what is due; answers how many entries reached the tracker. Never throws. */
    public int drain() {
        int count = 0;
        List<Outbox.Delivered> done = new ArrayList<>();
        try {
            int held = outbox.parkFollowersOfParked();
            if (held > 0) {
                parked.increment(held);
                log.warn("Parked {} outbox entr{} waiting behind parked entries of their tickets", held, held == 1 ? "y" : "ies");
            }
            Map<TicketNumber, String> keys = new HashMap<>();
            while (clock.instant().isAfter(pausedUntil)) {
                Instant now = clock.instant();
                String owner = node + "#" + rounds.incrementAndGet();
                List<Outbox.Claimed> claimed = outbox.claimDue(now, owner, now.plus(policy.lease()), policy.batchSize());
                if (claimed.isEmpty()) {
                    break;
                }
                Set<TicketNumber> stopped = new HashSet<>();
                for (Outbox.Claimed c : claimed) {
                    if (stopped.contains(c.entry().ticketNumber())) {
                        continue;
                    }
                    Result result = deliver(c, keys, done);
                    if (result == Result.DELIVERED) {
                        count++;
                    } else if (result == Result.PARKED) {
                        stopped.add(c.entry().ticketNumber());
                    } else {
                        outbox.release(owner);
                        return count;
                    }
                }
                outbox.delivered(done, clock.instant());
                done.clear();
            }
        } catch (RuntimeException e) {
            log.warn("Delivery round stopped: {}", e.getMessage(), e);
        } finally {
            markDelivered(done);
        }
        return count;
    }

    /** When the tracker failed last, delivery waits until this instant before trying again. */
    public Instant pausedUntil() {
        return pausedUntil;
    }

    private enum Result { DELIVERED, PARKED, PAUSE }

    private Result deliver(Outbox.Claimed claimed, Map<TicketNumber, String> keys, List<Outbox.Delivered> done) {
        OutboxEntry entry = claimed.entry();
        MDC.put("ticket", entry.ticketNumber().toString());
        try {
            if (claimed.payload() == null) {
                throw new IntakeException("outbox entry " + entry.id() + " names a missing " + (entry.isCreation()
                        ? "ticket " + entry.ticketNumber() : "update " + entry.ticketNumber() + "/" + entry.sequence()));
            }
            String key;
            if (entry.isCreation()) {
                key = sink.create(WireFormat.read(claimed.payload(), Ticket.class));
                keys.put(entry.ticketNumber(), key);
            } else {
                String trackerKey = keys.getOrDefault(entry.ticketNumber(),
                        claimed.trackerKey() != null ? claimed.trackerKey() : entry.ticketNumber().toString());
                sink.append(WireFormat.read(claimed.payload(), TicketUpdate.class), trackerKey);
                key = null;
            }
            done.add(new Outbox.Delivered(entry, key));
            delivered.increment();
            log.debug("Delivered outbox entry {} (sequence {}) to {}", entry.id(), entry.sequence(), sink.name());
            return Result.DELIVERED;
        } catch (RejectedDeliveryException e) {
            markDelivered(done);
            park(entry, sink.name() + " refused: " + e.getMessage());
            return Result.PARKED;
        } catch (RuntimeException e) {
            markDelivered(done);
            String error = (e instanceof DeliveryException ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage();
            int failures = entry.attempts() + 1;
            if (failures >= policy.maxAttempts()) {
                park(entry, "gave up after " + failures + " attempts; last error: " + error);
                return Result.PARKED;
            }
            Duration wait = jitter(policy.backoff(failures));
            if (e instanceof ThrottledDeliveryException throttled && throttled.retryAfter().isPresent()
                    && throttled.retryAfter().get().compareTo(wait) > 0) {
                wait = throttled.retryAfter().get();
            }
            Instant next = clock.instant().plus(wait);
            outbox.retryLater(entry, error, next);
            pausedUntil = next;
            retried.increment();
            log.warn("Delivery of ticket {} to {} failed (attempt {} of {}), retrying at {}: {}", entry.ticketNumber(),
                    sink.name(), failures, policy.maxAttempts(), next, error);
            return Result.PAUSE;
        } finally {
            MDC.remove("ticket");
        }
    }

    /** Records what the tracker took so far (before a failure is recorded, so the outbox stays in order). */
    private void markDelivered(List<Outbox.Delivered> done) {
        if (!done.isEmpty()) {
            outbox.delivered(done, clock.instant());
            done.clear();
        }
    }

    private void park(OutboxEntry entry, String error) {
        outbox.park(entry, error);
        parked.increment();
        log.warn("Parked outbox entry {} of ticket {}: {}", entry.id(), entry.ticketNumber(), error);
    }

    private static Duration jitter(Duration d) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * factor)));
    }
}
