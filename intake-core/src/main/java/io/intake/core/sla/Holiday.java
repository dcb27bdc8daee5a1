package io.intake.core.sla;

import io.intake.core.InvalidFieldException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A day on which a business calendar does not open. Windows that <em>start</em> on a holiday are closed; a window that
 * started the evening before and runs past midnight into the holiday stays open (it belongs to the day it starts).
 */
public sealed interface Holiday {

    /**
     * The date this holiday falls on in {@code year}, before any observed shift; null when it does not occur that year
     * (02-29 outside leap years, a fixed date of another year, a fifth weekday a month does not have).
     */
    LocalDate dateIn(int year);

    /** Whether a weekend occurrence may be shifted to the nearest weekday ({@link Observance}). Fixed dates are literal. */
    boolean shiftable();

    /** The spec token, e.g. {@code 12-25}, {@code 2026-12-24}, {@code nov:thu#4}. */
    String toSpec();

    /** One specific date, e.g. {@code 2026-12-24}. Never shifted. */
    record OnDate(LocalDate date) implements Holiday {
        public OnDate {
            if (date == null) {
                throw new InvalidFieldException("holiday.date", "is required");
            }
        }

        @Override
        public LocalDate dateIn(int year) {
            return date.getYear() == year ? date : null;
        }

        @Override
        public boolean shiftable() {
            return false;
        }

        @Override
        public String toSpec() {
            return date.toString();
        }
    }

    /** The same month and day every year, e.g. {@code 12-25}; {@code 02-29} occurs in leap years only. */
    record Yearly(MonthDay day) implements Holiday {
        public Yearly {
            if (day == null) {
                throw new InvalidFieldException("holiday.day", "is required");
            }
        }

        @Override
        public LocalDate dateIn(int year) {
            return day.isValidYear(year) ? day.atYear(year) : null;
        }

        @Override
        public boolean shiftable() {
            return true;
        }

        @Override
        public String toSpec() {
            return String.format("%02d-%02d", day.getMonthValue(), day.getDayOfMonth());
        }
    }

    /**
     * The n-th given weekday of a month, e.g. the 4th Thursday of November ({@code nov:thu#4}); negative n counts from
     * the end (last Monday of May is {@code may:mon#-1}).
     *
     * @param ordinal 1..5 or -1..-5
     */
    record NthWeekday(Month month, DayOfWeek dayOfWeek, int ordinal) implements Holiday {
        public NthWeekday {
            if (month == null || dayOfWeek == null) {
                throw new InvalidFieldException("holiday", "month and day of week are required");
            }
            if (ordinal == 0 || ordinal > 5 || ordinal < -5) {
                throw new InvalidFieldException("holiday.ordinal", ordinal + " is not allowed; 1..5 or -1..-5 (last)");
            }
        }

        @Override
        public LocalDate dateIn(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            LocalDate date = first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, dayOfWeek));
            return date.getMonth() == month ? date : null;
        }

        @Override
        public boolean shiftable() {
            return true;
        }

        @Override
        public String toSpec() {
            return month.name().substring(0, 3).toLowerCase(Locale.ROOT) + ":" + OpeningHours.abbreviation(dayOfWeek) + "#" + ordinal;
        }
    }

    String ALLOWED = "MM-DD (yearly, e.g. 12-25), YYYY-MM-DD (once, e.g. 2026-12-24), mon:dow#n"
            + " (n-th weekday of a month, e.g. nov:thu#4; #-1 is the last, e.g. may:mon#-1)";

    /** Parses one holiday token; errors name {@code property}, the token and what is allowed. */
    static Holiday parse(String property, String rawToken) {
        String token = rawToken.strip();
        String t = token.toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return new OnDate(LocalDate.parse(t));
            }
            if (t.matches("\\d{2}-\\d{2}")) {
                return new Yearly(MonthDay.parse("--" + t));
            }
            if (t.matches("[a-z]{3}:[a-z]{3}#-?\\d")) {
                Month month = parseMonth(property, token, t.substring(0, 3));
                DayOfWeek day = OpeningHours.parseDay(property, t.substring(4, 7), ALLOWED);
                return new NthWeekday(month, day, Integer.parseInt(t.substring(8)));
            }
        } catch (java.time.DateTimeException e) {
            throw new InvalidFieldException(property, "bad holiday '" + token + "' (" + e.getMessage() + "); allowed: " + ALLOWED);
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(property, "bad holiday '" + token + "': " + OpeningHours.problemOf(e));
        }
        throw new InvalidFieldException(property, "bad holiday '" + token + "'; allowed: " + ALLOWED);
    }

    private static Month parseMonth(String property, String token, String text) {
        for (Month m : Month.values()) {
            if (m.name().substring(0, 3).equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new InvalidFieldException(property, "bad month '" + text + "' in holiday '" + token + "'; allowed: jan..dec");
    }
}
