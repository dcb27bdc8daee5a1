package io.intake.core.sla;

import io.intake.core.InvalidFieldException;

import java.time.Duration;
import java.time.LocalTime;

/**
 * One opening window of a day, in local wall-clock time: it opens at {@code opens} and stays open for {@code length}
 * of wall-clock time. A window whose end is past midnight ({@code 22:00-02:00}) belongs to the day it starts.
 *
 * @param opens  local opening time, whole seconds
 * @param length wall-clock length; more than zero and less than 24 hours, or exactly 24 hours from 00:00
 */
public record DailyWindow(LocalTime opens, Duration length) {

    private static final Duration DAY = Duration.ofDays(1);

    public DailyWindow {
        if (opens == null) {
            throw new InvalidFieldException("window.opens", "is required");
        }
        if (length == null) {
            throw new InvalidFieldException("window.length", "is required");
        }
        if (opens.getNano() != 0 || length.getNano() != 0) {
            throw new InvalidFieldException("window", opens + " for " + length + " has fractions of a second; whole seconds only");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(DAY) > 0
                || (length.equals(DAY) && !opens.equals(LocalTime.MIDNIGHT))) {
            throw new InvalidFieldException("window", "'" + format(opens, length) + "' is not a window; the end must differ"
                    + " from the start (a whole day is 00:00-24:00)");
        }
    }

    /** The window from {@code opens} to {@code closes}; a closing time at or before the opening time is on the next day. */
    public static DailyWindow between(LocalTime opens, LocalTime closes) {
        long seconds = Duration.between(opens, closes).getSeconds();
        if (seconds <= 0) {
            seconds += DAY.getSeconds();
        }
        return new DailyWindow(opens, Duration.ofSeconds(seconds));
    }

    /** True when the window closes after midnight, on the next day. */
    public boolean endsNextDay() {
        return opens.toSecondOfDay() + length.getSeconds() > DAY.getSeconds();
    }

    /** Seconds from midnight of the window's own day to its end (may exceed 86,400). */
    long endSecondOfDay() {
        return opens.toSecondOfDay() + length.getSeconds();
    }

    @Override
    public String toString() {
        return format(opens, length);
    }

    private static String format(LocalTime opens, Duration length) {
        long end = (opens.toSecondOfDay() + length.getSeconds()) % DAY.getSeconds();
        String closes = end == 0 && length.getSeconds() > 0 ? "24:00" : hhmm(end);
        return hhmm(opens.toSecondOfDay()) + "-" + closes;
    }

    static String hhmm(long secondOfDay) {
        long h = secondOfDay / 3600;
        long m = secondOfDay / 60 % 60;
        long s = secondOfDay % 60;
        return s == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, s);
    }
}
