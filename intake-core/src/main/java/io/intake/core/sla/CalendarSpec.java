package io.intake.core.sla;

import io.intake.core.InvalidFieldException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link BusinessCalendar} from plain properties, for example
 * <pre>
 * zone=America/Chicago
 * hours=mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00
 * holidays=12-25, 01-01, 2026-11-27, nov:thu#4, may:mon#-1
 * observed=nearest-weekday
 * </pre>
 * Values may be wrapped in double quotes. {@code zone} and {@code hours} are required unless a base calendar supplies
 * them; {@code holidays} defaults to none and {@code observed} to {@code none}. Every problem names the full property
 * ({@code prefix + key}), the bad token and what is allowed; all problems are reported at once.
 */
public final class CalendarSpec {

    public static final String ZONE = "zone";
    public static final String HOURS = "hours";
    public static final String HOLIDAYS = "holidays";
    public static final String OBSERVED = "observed";
    static final Set<String> KEYS = Set.of(ZONE, HOURS, HOLIDAYS, OBSERVED);

    private CalendarSpec() {
    }

    /**
     * Builds calendar {@code name} from {@code properties} (keys {@code zone}, {@code hours}, {@code holidays},
     * {@code observed}); missing keys come from {@code base} when given.
     *
     * @param prefix prepended to keys in messages, e.g. {@code intake.sla.calendars.office.}
     * @throws SlaConfigurationException listing every problem
     */
    public static BusinessCalendar parse(String name, String prefix, Map<String, String> properties, BusinessCalendar base) {
        List<String> problems = new ArrayList<>();
        BusinessCalendar calendar = parse(name, prefix, properties, base, problems);
        if (!problems.isEmpty()) {
            throw new SlaConfigurationException(problems);
        }
        return calendar;
    }

    /** As {@link #parse(String, String, Map, BusinessCalendar)}, adding problems to {@code problems}; null when any. */
    static BusinessCalendar parse(String name, String prefix, Map<String, String> properties, BusinessCalendar base,
                                  List<String> problems) {
        int before = problems.size();
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(prefix + key + ": unknown property; allowed: zone, hours, holidays, observed");
            }
        }
        ZoneId zone = base == null ? null : base.zone();
        String zoneText = value(properties, ZONE);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add(prefix + ZONE + ": '" + zoneText + "' is not a time zone; allowed: a region id such as"
                        + " America/New_York or an offset such as +05:30");
            }
        } else if (zone == null) {
            problems.add(prefix + ZONE + ": is required, e.g. America/New_York");
        }
        OpeningHours hours = base == null ? null : base.hours();
        String hoursText = value(properties, HOURS);
        if (hoursText != null || hours == null) {
            hours = attempt(problems, () -> OpeningHours.parse(prefix + HOURS, hoursText));
        }
        Observance observance = base == null ? Observance.NONE : base.holidays().observance();
        String observedText = value(properties, OBSERVED);
        if (observedText != null) {
            Observance parsed = attempt(problems, () -> Observance.parse(prefix + OBSERVED, observedText));
            observance = parsed == null ? observance : parsed;
        }
        Holidays holidays = base == null ? Holidays.NONE : base.holidays();
        String holidaysText = value(properties, HOLIDAYS);
        Observance chosen = observance;
        if (holidaysText != null) {
            holidays = attempt(problems, () -> Holidays.parse(prefix + HOLIDAYS, holidaysText, chosen));
        } else {
            holidays = new Holidays(holidays.rules(), chosen);
        }
        if (problems.size() > before) {
            return null;
        }
        ZoneId z = zone;
        OpeningHours h = hours;
        Holidays d = holidays;
        return attempt(problems, () -> BusinessCalendar.of(name, z, h, d));
    }

    private static String value(Map<String, String> properties, String key) {
        String v = properties.get(key);
        if (v == null) {
            return null;
        }
        v = v.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        return v;
    }

    private interface Step<T> {
        T run();
    }

    private static <T> T attempt(List<String> problems, Step<T> step) {
        try {
            return step.run();
        } catch (InvalidFieldException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
