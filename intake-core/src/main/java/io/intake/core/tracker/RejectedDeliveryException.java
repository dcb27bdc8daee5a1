package io.intake.core.tracker;

/** The tracker refused the delivery and will refuse it again (a 4xx other than 408/429); the entry is parked. */
public class RejectedDeliveryException extends DeliveryException {

    public RejectedDeliveryException(String message) {
        super(message);
    }

    public RejectedDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
