package io.intake.core.tracker;

import io.intake.core.IntakeException;

/** A delivery failed in a way that may succeed later (connection refused, timeout, 5xx, 429); it is retried. */
public class DeliveryException extends IntakeException {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
