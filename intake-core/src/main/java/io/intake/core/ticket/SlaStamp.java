package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The response deadline computed for a ticket, with what computed it.
 *
 * @param policy         how the deadline was computed, in words (for example "LOW: 10 business hours on calendar office")
 * @param zone           the zone the deadline is best shown in (the calendar's zone)
 * @param receivedAt     when the clock started
 * @param responseDue    the deadline the agreement commits to
 * @param responseTarget the (earlier) target, CRITICAL only; else null
 * @param ackDeadline    the hard acknowledgement limit, CRITICAL only; else null
 */
public record SlaStamp(String policy, ZoneId zone, Instant receivedAt, Instant responseDue, Instant responseTarget,
                       Instant ackDeadline) {

    public SlaStamp {
        policy = Checks.requiredText("sla.policy", policy, 500);
        Checks.required("sla.zone", zone);
        Checks.required("sla.received_at", receivedAt);
        Checks.required("sla.response_due", responseDue);
        if (responseDue.isBefore(receivedAt)) {
            throw new InvalidFieldException("sla.response_due", responseDue + " is before received_at " + receivedAt);
        }
    }
}
