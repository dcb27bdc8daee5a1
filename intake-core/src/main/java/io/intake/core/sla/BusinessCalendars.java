package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named business calendars (name to calendar). Immutable; {@link #withSpecs} returns a new registry.
 * <p>
 * Defaults, as the agreement states them: {@code office} 08:00-18:00 America/New_York every day; {@code chat}
 * 09:00-18:00 America/Chicago every day; {@code installation} Monday-Friday 08:00-19:00 America/Chicago. None has
 * holidays (the agreement names none).
 */
public final class BusinessCalendars {

    private static final Logger log = LoggerFactory.getLogger(BusinessCalendars.class);

    /** The property prefix used in messages: {@code intake.sla.calendars.<name>.<key>}. */
    public static final String PREFIX = "intake.sla.calendars.";

    public static final String OFFICE = "office";
    public static final String CHAT = "chat";
    public static final String INSTALLATION = "installation";

    public static final BusinessCalendar OFFICE_CALENDAR = BusinessCalendar.of(OFFICE, ZoneId.of("America/New_York"),
            OpeningHours.daily(DailyWindow.between(LocalTime.of(8, 0), LocalTime.of(18, 0))), Holidays.NONE);
    public static final BusinessCalendar CHAT_CALENDAR = BusinessCalendar.of(CHAT, ZoneId.of("America/Chicago"),
            OpeningHours.daily(DailyWindow.between(LocalTime.of(9, 0), LocalTime.of(18, 0))), Holidays.NONE);
    public static final BusinessCalendar INSTALLATION_CALENDAR = BusinessCalendar.of(INSTALLATION,
            ZoneId.of("America/Chicago"), weekdays(DailyWindow.between(LocalTime.of(8, 0), LocalTime.of(19, 0))),
            Holidays.NONE);

    private static final BusinessCalendars DEFAULTS = new BusinessCalendars(
            List.of(OFFICE_CALENDAR, CHAT_CALENDAR, INSTALLATION_CALENDAR));

    private final Map<String, BusinessCalendar> calendars;

    private BusinessCalendars(List<BusinessCalendar> list) {
        Map<String, BusinessCalendar> map = new LinkedHashMap<>();
        for (BusinessCalendar calendar : list) {
            map.put(calendar.name(), calendar);
        }
        this.calendars = Collections.unmodifiableMap(map);
    }

    /** {@code office}, {@code chat} and {@code installation} as the agreement states them. */
    public static BusinessCalendars defaults() {
        return DEFAULTS;
    }

    /** Exactly the given calendars (names must be unique). */
    public static BusinessCalendars of(List<BusinessCalendar> calendars) {
        Set<String> seen = new java.util.HashSet<>();
        for (BusinessCalendar c : calendars) {
            if (!seen.add(c.name())) {
                throw new InvalidFieldException("calendars", "calendar '" + c.name() + "' is given twice; names must be unique");
            }
        }
        return new BusinessCalendars(calendars);
    }

    /**
     * This registry overridden and extended by spec properties {@code <name>.<key>=value} (a leading
     * {@value #PREFIX} is accepted and ignored). For a calendar that exists, missing keys keep their current values;
     * a new calendar needs at least {@code zone} and {@code hours}. Every problem is reported at once.
     *
     * @throws SlaConfigurationException listing every problem, each naming its property
     */
    public BusinessCalendars withSpecs(Map<String, String> properties) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        properties.forEach((rawKey, value) -> {
            String key = rawKey.startsWith(PREFIX) ? rawKey.substring(PREFIX.length()) : rawKey;
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                problems.add(PREFIX + key + ": not a calendar property; write " + PREFIX
                        + "<name>.<key> with key one of zone, hours, holidays, observed");
                return;
            }
            byName.computeIfAbsent(key.substring(0, dot), n -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        });
        Map<String, BusinessCalendar> result = new LinkedHashMap<>(calendars);
        byName.forEach((name, props) -> {
            BusinessCalendar base = calendars.get(name);
            BusinessCalendar parsed = CalendarSpec.parse(name, PREFIX + name + ".", props, base, problems);
            if (parsed != null) {
                result.put(name, parsed);
                log.info("SLA calendar {} {}: {}", name, base == null ? "added" : "configured", parsed.describe());
            }
        });
        if (!problems.isEmpty()) {
            throw new SlaConfigurationException(problems);
        }
        return new BusinessCalendars(new ArrayList<>(result.values()));
    }

    /** The calendar called {@code name}; the error lists the known names. */
    public BusinessCalendar get(String name) {
        BusinessCalendar calendar = calendars.get(name);
        if (calendar == null) {
            throw new InvalidFieldException("calendar", "'" + name + "' is not a known calendar; known: " + String.join(", ", calendars.keySet()));
        }
        return calendar;
    }

    public boolean contains(String name) {
        return calendars.containsKey(name);
    }

    /** Calendar names, defaults first, in the order they were added. */
    public Set<String> names() {
        return calendars.keySet();
    }

    @Override
    public String toString() {
        return calendars.values().toString();
    }

    private static OpeningHours weekdays(DailyWindow window) {
        Map<DayOfWeek, List<DailyWindow>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            map.put(day, List.of(window));
        }
        return new OpeningHours(map);
    }
}
