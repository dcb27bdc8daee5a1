package io.intake.email.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed attempts per message (Message-ID, or content hash) to tell a poison message from an outage. A message
 * is poison when it has failed {@code maxAttempts} times <em>and</em> some other message was accepted since its first
 * failure: while the gateway's storage is down every message fails, and none of them is quarantined for it.
 * <p>
 * Kept in memory, for at most {@value #CAPACITY} messages (the least recently failed are forgotten first). After a
 * restart the counts start again, so a poison message is tried up to {@code maxAttempts} more times; nothing is lost
 * by that. Thread-safe.
 */
public final class AttemptLedger {

    public static final int CAPACITY = 10_000;

    private record Entry(int attempts, long acceptedAtFirstFailure) {
    }

    private final Map<String, Entry> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };
    private long accepted;

    /** A message went through: its count is dropped, and it is evidence the gateway works. */
    public synchronized void succeeded(String key) {
        failures.remove(key);
        accepted++;
    }

    /** Records a failure and answers the number of failed attempts so far. */
    public synchronized int failed(String key) {
        Entry e = failures.get(key);
        Entry next = e == null ? new Entry(1, accepted) : new Entry(e.attempts() + 1, e.acceptedAtFirstFailure());
        failures.put(key, next);
        return next.attempts();
    }

    /** Whether the message has failed often enough, while others went through, to be quarantined. */
    public synchronized boolean isPoison(String key, int maxAttempts) {
        Entry e = failures.get(key);
        return e != null && e.attempts() >= maxAttempts && accepted > e.acceptedAtFirstFailure();
    }

    /** Forgets the message (after it was quarantined). */
    public synchronized void forget(String key) {
        failures.remove(key);
    }

    public synchronized int attempts(String key) {
        Entry e = failures.get(key);
        return e == null ? 0 : e.attempts();
    }
}
