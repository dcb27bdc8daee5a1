package io.intake.core.sla;

import io.intake.core.InvalidFieldException;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weekly opening hours of a business calendar: for each day of the week, its windows in local wall-clock time,
 * sorted and not overlapping (a window past midnight must also end before the next day's first window opens).
 * <p>
 * Spec syntax ({@link #parse}): groups separated by {@code ;}, each group a day set and a comma-separated list of
 * windows, e.g. {@code "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00"}. Day sets: {@code mon}..{@code sun}, ranges
 * ({@code mon-fri}, wrapping {@code fri-mon}), lists ({@code mon,wed}), {@code daily}, {@code weekdays},
 * {@code weekends}. Windows: {@code HH:MM-HH:MM}; an end at or before the start is on the next day, {@code 24:00} is
 * midnight at the end of the day.
 *
 * @param windows windows per day of week (days without windows are closed); copied
 */
public record OpeningHours(Map<DayOfWeek, List<DailyWindow>> windows) {

    private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());

    public OpeningHours {
        if (windows == null) {
            throw new InvalidFieldException("hours", "is required");
        }
        EnumMap<DayOfWeek, List<DailyWindow>> copy = new EnumMap<>(DayOfWeek.class);
        windows.forEach((day, list) -> {
            if (day == null || list == null) {
                throw new InvalidFieldException("hours", "has a null day or window list");
            }
            List<DailyWindow> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(DailyWindow::opens));
            if (!sorted.isEmpty()) {
                copy.put(day, List.copyOf(sorted));
            }
        });
        if (copy.isEmpty()) {
            throw new InvalidFieldException("hours", "has no opening window on any day; at least one window is required");
        }
        for (DayOfWeek day : WEEK) {
            List<DailyWindow> today = copy.getOrDefault(day, List.of());
            for (int i = 1; i < today.size(); i++) {
                if (today.get(i - 1).endSecondOfDay() > today.get(i).opens().toSecondOfDay()) {
                    throw overlap(day, today.get(i - 1), day, today.get(i));
                }
            }
            if (!today.isEmpty()) {
                DailyWindow last = today.get(today.size() - 1);
                List<DailyWindow> tomorrow = copy.getOrDefault(day.plus(1), List.of());
                if (last.endsNextDay() && !tomorrow.isEmpty()
                        && last.endSecondOfDay() - 86_400 > tomorrow.get(0).opens().toSecondOfDay()) {
                    throw overlap(day, last, day.plus(1), tomorrow.get(0));
                }
            }
        }
        windows = Collections.unmodifiableMap(copy);
    }

    /** The same windows every day of the week. */
    public static OpeningHours daily(DailyWindow... windows) {
        Map<DayOfWeek, List<DailyWindow>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : WEEK) {
            map.put(day, List.of(windows));
        }
        return new OpeningHours(map);
    }

    /** The windows of one day of the week (empty when closed all day). */
    public List<DailyWindow> on(DayOfWeek day) {
        return windows.getOrDefault(day, List.of());
    }

    /** Parses the spec syntax described on the type; errors name {@code property}, the bad token and what is allowed. */
    public static OpeningHours parse(String property, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidFieldException(property, "is required, e.g. \"mon-fri 08:00-17:00; sat 09:00-12:00\"");
        }
        Map<DayOfWeek, List<DailyWindow>> map = new EnumMap<>(DayOfWeek.class);
        for (String group : spec.split(";")) {
            String trimmed = group.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            if (parts.length < 2) {
                throw new InvalidFieldException(property, "group '" + trimmed + "' needs a day set and windows, e.g. \"mon-fri 08:00-17:00\"");
            }
            List<DayOfWeek> days = parseDays(property, parts[0]);
            List<DailyWindow> parsed = new ArrayList<>();
            for (String window : parts[1].split(",")) {
                parsed.add(parseWindow(property, window.strip()));
            }
            for (DayOfWeek day : days) {
                map.computeIfAbsent(day, d -> new ArrayList<>()).addAll(parsed);
            }
        }
        if (map.isEmpty()) {
            throw new InvalidFieldException(property, "'" + spec + "' has no groups, e.g. \"daily 08:00-18:00\"");
        }
        try {
            return new OpeningHours(map);
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(property, problemOf(e));
        }
    }

    /** The message of a failure without its field prefix, to re-attach it to the property that was being parsed. */
    static String problemOf(InvalidFieldException e) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The spec syntax, canonical: consecutive days with equal windows form a range. */
    public String toSpec() {
        List<String> groups = new ArrayList<>();
        for (DaySpan span : spans()) {
            groups.add(span.days + " " + windowList(span.windows));
        }
        return String.join("; ", groups);
    }

    /** Words for a policy description: windows first, e.g. {@code 08:00-18:00 daily}. */
    public String describe() {
        List<String> groups = new ArrayList<>();
        for (DaySpan span : spans()) {
            groups.add(windowList(span.windows) + " " + span.days);
        }
        return String.join("; ", groups);
    }

    @Override
    public String toString() {
        return toSpec();
    }

    private record DaySpan(String days, List<DailyWindow> windows) {
    }

    private List<DaySpan> spans() {
        List<DaySpan> spans = new ArrayList<>();
        if (WEEK.stream().allMatch(d -> on(d).equals(on(DayOfWeek.MONDAY)))) {
            spans.add(new DaySpan("daily", on(DayOfWeek.MONDAY)));
            return spans;
        }
        int i = 0;
        while (i < 7) {
            List<DailyWindow> list = on(WEEK.get(i));
            int j = i;
            while (j + 1 < 7 && on(WEEK.get(j + 1)).equals(list)) {
                j++;
            }
            if (!list.isEmpty()) {
                String days = i == j ? abbreviation(WEEK.get(i)) : abbreviation(WEEK.get(i)) + "-" + abbreviation(WEEK.get(j));
                spans.add(new DaySpan(days, list));
            }
            i = j + 1;
        }
        return spans;
    }

    private static String windowList(List<DailyWindow> windows) {
        return String.join(",", windows.stream().map(DailyWindow::toString).toList());
    }

    static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static final String DAYS_ALLOWED = "mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like mon,wed,"
            + " daily, weekdays or weekends";

    static DayOfWeek parseDay(String property, String token, String allowed) {
        for (DayOfWeek day : WEEK) {
            if (abbreviation(day).equals(token.toLowerCase(Locale.ROOT))) {
                return day;
            }
        }
        throw new InvalidFieldException(property, "bad day '" + token + "'; allowed: " + allowed);
    }

    private static List<DayOfWeek> parseDays(String property, String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "daily":
                return WEEK;
            case "weekdays":
                return WEEK.subList(0, 5);
            case "weekends":
                return WEEK.subList(5, 7);
            default:
                break;
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : lower.split(",")) {
            String[] range = item.split("-", -1);
            if (range.length == 1) {
                days.add(parseDay(property, range[0], DAYS_ALLOWED));
            } else if (range.length == 2) {
                DayOfWeek from = parseDay(property, range[0], DAYS_ALLOWED);
                DayOfWeek to = parseDay(property, range[1], DAYS_ALLOWED);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new InvalidFieldException(property, "bad day set '" + token + "'; allowed: " + DAYS_ALLOWED);
            }
        }
        return days;
    }

    private static DailyWindow parseWindow(String property, String token) {
        String[] ends = token.split("-", -1);
        if (ends.length != 2) {
            throw new InvalidFieldException(property, "bad window '" + token + "'; allowed: HH:MM-HH:MM such as 08:00-18:00,"
                    + " 22:00-02:00 (ends next day) or 00:00-24:00");
        }
        LocalTime opens = parseTime(property, token, ends[0].strip(), false);
        LocalTime closes = parseTime(property, token, ends[1].strip(), true);
        if (opens.equals(closes) && !ends[1].strip().equals("24:00")) {
            throw new InvalidFieldException(property, "bad window '" + token + "': it opens and closes at the same time;"
                    + " a whole day is 00:00-24:00");
        }
        try {
            return DailyWindow.between(opens, closes);
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(property, "bad window '" + token + "': " + problemOf(e));
        }
    }

    private static LocalTime parseTime(String property, String window, String text, boolean end) {
        if (end && text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        if (text.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
            String[] f = text.split(":");
            int h = Integer.parseInt(f[0]);
            int m = Integer.parseInt(f[1]);
            int s = f.length == 3 ? Integer.parseInt(f[2]) : 0;
            if (h < 24 && m < 60 && s < 60) {
                return LocalTime.of(h, m, s);
            }
        }
        throw new InvalidFieldException(property, "bad time '" + text + "' in window '" + window + "'; allowed: 00:00 to 23:59"
                + (end ? ", or 24:00 as an end" : ""));
    }

    private static InvalidFieldException overlap(DayOfWeek d1, DailyWindow w1, DayOfWeek d2, DailyWindow w2) {
        return new InvalidFieldException("hours", abbreviation(d1) + " " + w1 + " overlaps " + abbreviation(d2) + " " + w2
                + "; windows must not overlap");
    }
}
