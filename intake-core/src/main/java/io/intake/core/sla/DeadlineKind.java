package io.intake.core.sla;

/** Which deadline of a stamp a warning is about. */
public enum DeadlineKind {
    /** The (earlier) response target; CRITICAL only by default. */
    TARGET,
    /** The hard acknowledgement limit; when a stamp has one, it is also its response due. */
    ACK,
    /** The committed response deadline of a stamp without an acknowledgement limit. */
    RESPONSE
}
