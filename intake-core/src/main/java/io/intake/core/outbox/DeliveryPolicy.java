package io.intake.core.outbox;

import io.intake.core.InvalidFieldException;

import java.time.Duration;

/**
 * How delivery retries.
 *
 * @param maxAttempts    attempts before an entry is parked
 * @param initialBackoff wait after the first failure; doubled after each further failure
 * @param maxBackoff     the longest wait between attempts
 * @param batchSize      entries claimed per round
 * @param pollInterval   how often delivery looks for due entries
 * @param lease          how long a node owns an entry it claimed (another node takes over after a crash)
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int batchSize,
                             Duration pollInterval, Duration lease) {

    public static final DeliveryPolicy DEFAULTS = new DeliveryPolicy(30, Duration.ofSeconds(1), Duration.ofMinutes(5),
            100, Duration.ofMillis(200), Duration.ofMinutes(2));

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidFieldException("intake.delivery.max-attempts", "must be at least 1 (was " + maxAttempts + ")");
        }
        positive("intake.delivery.initial-backoff", initialBackoff);
        positive("intake.delivery.max-backoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidFieldException("intake.delivery.max-backoff", maxBackoff + " is shorter than initial-backoff " + initialBackoff);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new InvalidFieldException("intake.delivery.batch-size", "must be between 1 and 10000 (was " + batchSize + ")");
        }
        positive("intake.delivery.poll-interval", pollInterval);
        positive("intake.delivery.lease", lease);
    }

    /** The wait after the given number of failed attempts (1, 2, ...), before jitter. */
    public Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration d = initialBackoff.multipliedBy(1L << doublings);
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidFieldException(field, "must be a positive duration (was " + value + ")");
        }
    }
}
