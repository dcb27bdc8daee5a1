package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The support agreement's response deadlines: per severity, a response target and an optional acknowledgement limit,
 * counted in business time on a named calendar or in wall-clock time. The channel never changes the deadline.
 * Immutable and thread-safe.
 */
public final class AgreementSlaPolicy implements SlaPolicy {

    private static final AgreementSlaPolicy DEFAULTS = of(BusinessCalendars.defaults(), SeverityTerms.defaults());

    private final Map<Severity, Compiled> bySeverity;

    private record Compiled(SeverityTerms terms, BusinessCalendar calendar, String description) {
    }

    private AgreementSlaPolicy(Map<Severity, Compiled> bySeverity) {
        this.bySeverity = bySeverity;
    }

    /** The agreement's defaults on the default calendars. */
    public static AgreementSlaPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A policy from terms for every severity, exactly once each, on calendars from {@code calendars}.
     *
     * @throws SlaConfigurationException listing every problem
     */
    public static AgreementSlaPolicy of(BusinessCalendars calendars, List<SeverityTerms> terms) {
        List<String> problems = new ArrayList<>();
        Map<Severity, Compiled> map = new EnumMap<>(Severity.class);
        for (SeverityTerms t : terms) {
            if (map.containsKey(t.severity())) {
                problems.add("sla.terms." + t.severity() + ": given twice; give each severity once");
                continue;
            }
            if (!calendars.contains(t.calendar())) {
                problems.add("sla.terms." + t.severity().name().toLowerCase(java.util.Locale.ROOT) + ".calendar: '"
                        + t.calendar() + "' is not a known calendar; known: " + String.join(", ", calendars.names()));
                continue;
            }
            BusinessCalendar calendar = calendars.get(t.calendar());
            map.put(t.severity(), new Compiled(t, calendar, describe(t, calendar)));
        }
        for (Severity s : Severity.values()) {
            if (!map.containsKey(s) && terms.stream().noneMatch(t -> t.severity() == s)) {
                problems.add("sla.terms." + s.name().toLowerCase(java.util.Locale.ROOT) + ": missing; every severity needs terms");
            }
        }
        if (!problems.isEmpty()) {
            throw new SlaConfigurationException(problems);
        }
        return new AgreementSlaPolicy(map);
    }

    @Override
    public SlaStamp stamp(Severity severity, Channel channel, Instant receivedAt) {
        if (severity == null) {
            throw new InvalidFieldException("severity", "is required; one of LOW, DEGRADED, CRITICAL");
        }
        if (channel == null) {
            throw new InvalidFieldException("channel", "is required; one of email, chat, phone, web, monitor");
        }
        if (receivedAt == null) {
            throw new InvalidFieldException("received_at", "is required");
        }
        Compiled c = bySeverity.get(severity);
        SeverityTerms t = c.terms;
        Instant target = deadline(c, receivedAt, t.responseTarget());
        Instant ack = t.ackDeadline() == null ? null : deadline(c, receivedAt, t.ackDeadline());
        ZoneId zone = c.calendar.zone();
        return ack == null
                ? new SlaStamp(c.description, zone, receivedAt, target, null, null)
                : new SlaStamp(c.description, zone, receivedAt, ack, target, ack);
    }

    /** The terms for a severity. */
    public SeverityTerms terms(Severity severity) {
        return bySeverity.get(severity).terms;
    }

    /** The calendar a severity's clock runs on (wall-clock severities: the calendar whose zone they are shown in). */
    public BusinessCalendar calendar(Severity severity) {
        return bySeverity.get(severity).calendar;
    }

    /**
     * The instant at which {@code fraction} of the way from {@code start} to {@code deadline} is reached, counted on
     * the severity's clock (business time for business-time terms).
     */
    public Instant fractionReached(Severity severity, Instant start, Instant deadline, double fraction) {
        Compiled c = bySeverity.get(severity);
        Duration whole = c.terms.clock() == ClockMode.BUSINESS
                ? c.calendar.businessTimeBetween(start, deadline)
                : Duration.between(start, deadline);
        Duration part = Duration.ofNanos(Math.round(whole.toNanos() * fraction));
        return deadline(c, start, part);
    }

    private static Instant deadline(Compiled c, Instant start, Duration d) {
        return c.terms.clock() == ClockMode.BUSINESS ? c.calendar.plusBusinessTime(start, d) : start.plus(d);
    }

    private static String describe(SeverityTerms t, BusinessCalendar calendar) {
        String clock = t.clock() == ClockMode.BUSINESS
                ? " business time on calendar " + calendar.name() + " (" + calendar.describe() + ")"
                : " wall-clock time (shown in " + calendar.zone().getId() + ")";
        String text = t.ackDeadline() == null
                ? t.severity() + ": " + words(t.responseTarget()) + clock
                : t.severity() + ": target " + words(t.responseTarget()) + ", acknowledgement within "
                + words(t.ackDeadline()) + clock + "; response due = acknowledgement deadline";
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    /** {@code 10h}, {@code 15m}, {@code 1h30m}, {@code 2d4h}. */
    static String words(Duration d) {
        StringBuilder b = new StringBuilder();
        long days = d.toDaysPart();
        if (days > 0) {
            b.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            b.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            b.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || b.length() == 0) {
            b.append(d.toSecondsPart()).append('s');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        bySeverity.values().forEach(c -> parts.add(c.description));
        return "AgreementSlaPolicy" + parts;
    }
}
