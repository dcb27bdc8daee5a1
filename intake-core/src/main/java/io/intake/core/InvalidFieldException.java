package io.intake.core;

/**
 * A value failed validation. The message names the field, the offending value (shortened) and what is allowed.
 */
public class InvalidFieldException extends IntakeException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The name of the field that failed, in the wire form's snake_case. */
    public String field() {
        return field;
    }
}
