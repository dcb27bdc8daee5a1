package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;

/**
 * A ticket crossed a fraction of the time allowed to one of its deadlines; fraction 1.0 means the deadline is breached.
 *
 * @param ticket   the ticket
 * @param severity its severity when registered
 * @param kind     which deadline
 * @param fraction the fraction of the allowed time (business time for business-time terms) used up; in (0, 1]
 * @param deadline the deadline itself
 * @param at       the instant the fraction was crossed (not when it was noticed)
 */
public record SlaWarning(TicketNumber ticket, Severity severity, DeadlineKind kind, double fraction, Instant deadline,
                         Instant at) {

    public SlaWarning {
        if (ticket == null) {
            throw new InvalidFieldException("warning.ticket", "is required");
        }
        if (severity == null) {
            throw new InvalidFieldException("warning.severity", "is required");
        }
        if (kind == null) {
            throw new InvalidFieldException("warning.kind", "is required; one of TARGET, ACK, RESPONSE");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidFieldException("warning.fraction", fraction + " is not allowed; more than 0 and at most 1");
        }
        if (deadline == null || at == null) {
            throw new InvalidFieldException("warning.deadline", "deadline and at are required");
        }
    }

    /** True for the event at 100%: the deadline has passed without an answer. */
    public boolean breached() {
        return fraction >= 1.0;
    }
}
