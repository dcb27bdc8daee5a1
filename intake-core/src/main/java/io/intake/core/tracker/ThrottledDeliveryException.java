package io.intake.core.tracker;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link DeliveryException} where the tracker said when to try again (HTTP 429 or 503 with {@code Retry-After}).
 * Delivery may wait at least {@link #retryAfter()} before the next attempt instead of its own backoff.
 */
public class ThrottledDeliveryException extends DeliveryException {

    private final Duration retryAfter;

    public ThrottledDeliveryException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the tracker asked us to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
