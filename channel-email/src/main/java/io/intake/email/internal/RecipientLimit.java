package io.intake.email.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * At most {@code limit} acknowledgements per recipient in a sliding window, so a misbehaving autoresponder that slips
 * past the header checks still cannot start a mail loop. In memory, for at most {@value #CAPACITY} recipients (the
 * least recently used are forgotten first). Thread-safe.
 */
public final class RecipientLimit {

    public static final int CAPACITY = 50_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > CAPACITY;
        }
    };

    public RecipientLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Takes one acknowledgement from the recipient's allowance; false when it is used up. */
    public synchronized boolean tryAcquire(String recipient) {
        Instant now = clock.instant();
        Deque<Instant> times = sent.computeIfAbsent(recipient.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
