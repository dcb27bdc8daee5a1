package io.intake.core;

/**
 * Root of the gateway's unchecked exceptions. Every subclass keeps its cause.
 */
public class IntakeException extends RuntimeException {

    public IntakeException(String message) {
        super(message);
    }

    public IntakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
