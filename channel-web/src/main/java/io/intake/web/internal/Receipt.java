package io.intake.web.internal;

import io.intake.core.IntakeResult;
import io.intake.core.ticket.Severity;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the confirmation page shows (kept in the session for one redirect).
 *
 * @param number        the ticket number
 * @param severity      the severity the rules decided, lower case
 * @param severityLabel a sentence about what the severity means
 * @param responseDue   the response target in the customer's zone, written out
 * @param responseIso   the same as an ISO instant (for the {@code <time>} element)
 * @param zone          the zone it is shown in
 * @param accessToken   the status code for the API
 * @param email         where the acknowledgement goes
 * @param duplicate     true when this was a resubmission of the same form
 */
record Receipt(String number, String severity, String severityLabel, String responseDue, String responseIso,
               String zone, String accessToken, String email, boolean duplicate) implements Serializable {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm a zzz", Locale.US);

    static Receipt of(IntakeResult.Accepted a, String token, ZoneId zone, String email) {
        return new Receipt(a.ticketNumber().toString(), a.severity().name().toLowerCase(Locale.ROOT), label(a.severity()),
                DUE.format(a.responseDue().atZone(zone)), a.responseDue().toString(), zone.getId(), token, email,
                a.outcome() == IntakeResult.Outcome.DUPLICATE);
    }

    static String label(Severity severity) {
        switch (severity) {
            case CRITICAL:
                return "Critical: production voice service is down. Our target is a response within 15 minutes, "
                        + "and we acknowledge within one hour at the latest.";
            case DEGRADED:
                return "Degraded: service works, but something is impaired. We respond within 4 hours, any day.";
            default:
                return "Low: nothing is broken. We respond within one business day.";
        }
    }
}
