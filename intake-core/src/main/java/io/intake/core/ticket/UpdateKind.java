package io.intake.core.ticket;

/** What a {@link TicketUpdate} records. */
public enum UpdateKind {
    /** The requester (or an agent) added text: an email reply, a web comment. */
    COMMENT,
    /** A batch of chat messages. */
    TRANSCRIPT,
    /** The customer asked for the severity to be reassessed; both classifications are kept. */
    REASSESSMENT,
    /** An agent changed the severity; both classifications are kept. */
    OVERRIDE,
    /** A delivery failure report (bounce) about a message of the ticket. */
    BOUNCE,
    /** The monitored condition recovered (phones registered again). */
    RECOVERY,
    /** Any other note the gateway itself adds. */
    NOTE
}
