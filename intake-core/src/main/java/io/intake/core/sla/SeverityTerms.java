package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Severity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the agreement promises for one severity.
 *
 * @param severity       the severity these terms apply to
 * @param clock          business time on {@code calendar}, or wall-clock time
 * @param calendar       the business calendar: the clock for {@link ClockMode#BUSINESS}; for {@link ClockMode#WALL_CLOCK}
 *                       only the zone deadlines are shown in
 * @param responseTarget time to the response target; more than zero, at most 366 days
 * @param ackDeadline    time to the hard acknowledgement limit, or null for none; when given it is the committed
 *                       deadline ({@code response_due}) and {@code responseTarget} becomes the (earlier) target; it must
 *                       not be shorter than {@code responseTarget}
 */
public record SeverityTerms(Severity severity, ClockMode clock, String calendar, Duration responseTarget,
                            Duration ackDeadline) {

    private static final Duration MAX = Duration.ofDays(366);

    /** LOW: 1 business day = 10 business hours on the office calendar. */
    public static final SeverityTerms LOW = new SeverityTerms(Severity.LOW, ClockMode.BUSINESS, BusinessCalendars.OFFICE,
            Duration.ofHours(10), null);
    /** DEGRADED: 4 hours of wall-clock time. */
    public static final SeverityTerms DEGRADED = new SeverityTerms(Severity.DEGRADED, ClockMode.WALL_CLOCK,
            BusinessCalendars.OFFICE, Duration.ofHours(4), null);
    /** CRITICAL: 15-minute target, acknowledged within 1 hour; the hour is the committed deadline. */
    public static final SeverityTerms CRITICAL = new SeverityTerms(Severity.CRITICAL, ClockMode.WALL_CLOCK,
            BusinessCalendars.OFFICE, Duration.ofMinutes(15), Duration.ofHours(1));

    public SeverityTerms {
        if (severity == null) {
            throw new InvalidFieldException("sla.terms.severity", "is required; one of LOW, DEGRADED, CRITICAL");
        }
        String prefix = "sla.terms." + severity.name().toLowerCase(Locale.ROOT) + ".";
        if (clock == null) {
            throw new InvalidFieldException(prefix + "clock", "is required; one of BUSINESS, WALL_CLOCK");
        }
        if (calendar == null || calendar.isBlank()) {
            throw new InvalidFieldException(prefix + "calendar", "is required (the calendar name, e.g. office)");
        }
        calendar = calendar.strip();
        checkDuration(prefix + "response_target", responseTarget);
        if (ackDeadline != null) {
            checkDuration(prefix + "ack_deadline", ackDeadline);
            if (ackDeadline.compareTo(responseTarget) < 0) {
                throw new InvalidFieldException(prefix + "ack_deadline", ackDeadline + " is shorter than response_target "
                        + responseTarget + "; the acknowledgement limit must not come before the target");
            }
        }
    }

    /** The agreement's defaults, as {@code testdata/sla/README.md} interprets them. */
    public static List<SeverityTerms> defaults() {
        return List.of(LOW, DEGRADED, CRITICAL);
    }

    /** The committed deadline's duration: the acknowledgement limit when there is one, else the response target. */
    public Duration responseDue() {
        return ackDeadline != null ? ackDeadline : responseTarget;
    }

    private static void checkDuration(String field, Duration value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.isNegative() || value.isZero() || value.compareTo(MAX) > 0) {
            throw new InvalidFieldException(field, value + " is not allowed; more than zero and at most 366 days");
        }
    }
}
