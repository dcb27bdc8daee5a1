package io.intake.core.limit;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (an address, a chat): {@code burst} requests at once, refilled at {@code perMinute}.
 * Remembers at most {@code maxClients} clients; when full, buckets that have refilled completely are forgotten first
 * (they hold no information), then the whole table is cleared rather than grow without bound.
 */
public final class RateLimiter {

    private final double capacity;
    private final double perMilli;
    private final int maxClients;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, int burst, int maxClients, Clock clock) {
        this.capacity = burst;
        this.perMilli = perMinute / 60_000.0;
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /** Takes one token for the client: 0 when allowed, else the seconds until the next token (at least 1). */
    public long acquire(String client) {
        long millis = acquireMillis(client);
        return millis == 0 ? 0 : Math.max(1, (millis + 999) / 1000);
    }

    /** Takes one token for the client: 0 when allowed, else the milliseconds until the next token (at least 1). */
    public long acquireMillis(String client) {
        long now = clock.millis();
        if (buckets.size() >= maxClients && !buckets.containsKey(client)) {
            evict(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, perMilli);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perMilli));
        }
    }

    /** Drops what is known about a client that is gone (an ended chat). */
    public void forget(String client) {
        buckets.remove(client);
    }

    private void evict(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                b.refill(now, capacity, perMilli);
                if (b.tokens >= capacity) {
                    it.remove();
                }
            }
        }
        if (buckets.size() >= maxClients) {
            buckets.clear();
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double capacity, double perMilli) {
            if (now > at) {
                tokens = Math.min(capacity, tokens + (now - at) * perMilli);
                at = now;
            }
        }
    }
}
