package io.intake.core.sla;

import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When a business is open: a name, a time zone, weekly opening hours in local wall-clock time and holidays.
 * Immutable and thread-safe; computations walk from one open window to the next, never minute by minute.
 * <p>
 * Open time is half-open: a window {@code 08:00-18:00} is open at 08:00:00 and closed at 18:00:00. A window that runs
 * past midnight belongs to the day it starts (a holiday closes the windows that start on it).
 * <p>
 * <b>Daylight saving.</b> A window edge at local time {@code t} on day {@code D} happens at the <em>first instant at
 * which the local clock reads {@code D t} or later</em>:
 * <ul>
 *     <li>in a gap (spring forward; {@code 02:30} does not exist on 2026-03-08 in New York) the edge is the transition
 *     instant, when the clock jumps to {@code 03:00}; a window entirely inside the gap is empty that day;</li>
 *     <li>in an overlap (fall back; {@code 01:30} happens twice on 2026-11-01 in New York) the edge is the first
 *     occurrence, at the earlier (daylight) offset.</li>
 * </ul>
 * So a window's real length is the wall-clock difference, one hour longer or shorter when it spans a transition.
 * Edges keep their order, so windows never turn negative.
 */
public final class BusinessCalendar {

    /** How many consecutive days without open time a computation tolerates before it reports the calendar unusable. */
    static final int MAX_CLOSED_DAYS = 750;
    private static final long MAX_DURATION_DAYS = 3660;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final DailyWindow[] CLOSED = new DailyWindow[0];
    private static final int PLAN_CACHE_SIZE = 2048;

    private final String name;
    private final ZoneId zone;
    private final OpeningHours hours;
    private final Holidays holidays;
    private final ZoneRules rules;
    private final ZoneOffset fixedOffset;
    private final DailyWindow[][] windowsByDay;
    private final DayPlan[] plans = new DayPlan[PLAN_CACHE_SIZE];

    private BusinessCalendar(String name, ZoneId zone, OpeningHours hours, Holidays holidays) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidFieldException("calendar.name", "'" + name + "' is not a calendar name; allowed: 1-40 of"
                    + " a-z, 0-9, '-', '_', starting with a letter or digit");
        }
        this.name = name;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
        this.windowsByDay = new DailyWindow[7][];
        for (DayOfWeek day : DayOfWeek.values()) {
            windowsByDay[day.ordinal()] = hours.on(day).toArray(CLOSED);
        }
    }

    /** A calendar; every argument is required (use {@link Holidays#NONE} for none). */
    public static BusinessCalendar of(String name, ZoneId zone, OpeningHours hours, Holidays holidays) {
        if (zone == null) {
            throw new InvalidFieldException("calendar.zone", "is required, e.g. America/New_York");
        }
        if (hours == null) {
            throw new InvalidFieldException("calendar.hours", "is required, e.g. \"daily 08:00-18:00\"");
        }
        if (holidays == null) {
            throw new InvalidFieldException("calendar.holidays", "is required; use Holidays.NONE for none");
        }
        return new BusinessCalendar(name, zone, hours, holidays);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public OpeningHours hours() {
        return hours;
    }

    public Holidays holidays() {
        return holidays;
    }

    /** True when the calendar is open at {@code t} (open at an opening edge, closed at a closing edge). */
    public boolean isOpen(Instant t) {
        Cursor c = new Cursor(t);
        c.skipClosedBefore(t.getEpochSecond());
        return c.open <= t.getEpochSecond();
    }

    /** The earliest instant at or after {@code t} at which the calendar is open: {@code t} itself when open. */
    public Instant nextOpening(Instant t) {
        Cursor c = new Cursor(t);
        c.skipClosedBefore(t.getEpochSecond());
        return c.open <= t.getEpochSecond() ? t : Instant.ofEpochSecond(c.open);
    }

    /**
     * The earliest instant at or after {@code t} at which the calendar is closed: {@code t} itself when closed, else the
     * end of the open stretch containing {@code t} (windows that touch count as one stretch).
     *
     * @throws IntakeException when the calendar stays open for more than {@value #MAX_CLOSED_DAYS} days (around the clock)
     */
    public Instant nextClosing(Instant t) {
        long ts = t.getEpochSecond();
        Cursor c = new Cursor(t);
        c.skipClosedBefore(ts);
        if (c.open > ts) {
            return t;
        }
        long end = c.close;
        while (true) {
            c.advance();
            if (c.open > end) {
                return Instant.ofEpochSecond(end);
            }
            end = c.close;
            if (end - ts > MAX_CLOSED_DAYS * 86_400L) {
                throw new IntakeException("calendar " + name + " is open around the clock after " + t + "; it never closes");
            }
        }
    }

    /**
     * The first instant at which {@code duration} of business time has elapsed since {@code start}. Time before the
     * next opening does not count; when the duration runs out exactly at a closing edge, the closing instant is the
     * answer (end of business, never the next morning's opening). A zero duration gives {@code start}.
     */
    public Instant plusBusinessTime(Instant start, Duration duration) {
        Objects.requireNonNull(start, "start");
        checkDuration(duration);
        if (duration.isZero()) {
            return start;
        }
        long remaining = duration.toNanos();
        Cursor c = new Cursor(start);
        c.skipClosedBefore(start.getEpochSecond());
        long beginSec = start.getEpochSecond();
        int beginNano = start.getNano();
        while (true) {
            if (c.open > beginSec) {
                beginSec = c.open;
                beginNano = 0;
            }
            long available = (c.close - beginSec) * 1_000_000_000L - beginNano;
            if (remaining <= available) {
                return Instant.ofEpochSecond(beginSec, beginNano + remaining);
            }
            remaining -= available;
            c.advance();
        }
    }

    /** Business time in {@code [a, b)}; negative when {@code b} is before {@code a}. */
    public Duration businessTimeBetween(Instant a, Instant b) {
        if (b.isBefore(a)) {
            return businessTimeBetween(b, a).negated();
        }
        long bs = b.getEpochSecond();
        int bn = b.getNano();
        Cursor c = new Cursor(a);
        c.skipClosedBefore(a.getEpochSecond());
        long totalSeconds = 0;
        long totalNanos = 0;
        while (c.open < bs || (c.open == bs && bn > 0)) {
            long fromSec = c.open;
            int fromNano = 0;
            if (fromSec <= a.getEpochSecond()) {
                fromSec = a.getEpochSecond();
                fromNano = a.getNano();
            }
            long toSec = c.close;
            int toNano = 0;
            if (toSec > bs) {
                toSec = bs;
                toNano = bn;
            }
            totalSeconds += toSec - fromSec;
            totalNanos += toNano - fromNano;
            if (c.close > bs) {
                break;
            }
            c.advance();
        }
        return Duration.ofSeconds(totalSeconds, totalNanos);
    }

    /** Words for a policy description, e.g. {@code America/New_York 08:00-18:00 daily}. */
    public String describe() {
        String text = zone.getId() + " " + hours.describe();
        if (!holidays.rules().isEmpty()) {
            String list = holidays.toSpec();
            text += list.length() <= 120 ? ", holidays " + list : ", " + holidays.rules().size() + " holidays";
            if (holidays.observance() == Observance.NEAREST_WEEKDAY) {
                text += " (weekend holidays observed on the nearest weekday)";
            }
        }
        return text;
    }

    /** The calendar as spec properties ({@code zone}, {@code hours}, {@code holidays}, {@code observed}). */
    public Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(CalendarSpec.ZONE, zone.getId());
        properties.put(CalendarSpec.HOURS, hours.toSpec());
        properties.put(CalendarSpec.HOLIDAYS, holidays.toSpec());
        properties.put(CalendarSpec.OBSERVED, holidays.observance().toSpec());
        return properties;
    }

    @Override
    public String toString() {
        return name + " (" + describe() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar other && name.equals(other.name) && zone.equals(other.zone)
                && hours.equals(other.hours) && holidays.equals(other.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, zone, hours, holidays);
    }

    private static void checkDuration(Duration duration) {
        if (duration == null) {
            throw new InvalidFieldException("duration", "is required");
        }
        if (duration.isNegative() || duration.compareTo(Duration.ofDays(MAX_DURATION_DAYS)) > 0) {
            throw new InvalidFieldException("duration", duration + " is not allowed; from zero to " + MAX_DURATION_DAYS + " days");
        }
    }

    /** The instant (epoch second) at which the local clock first reads {@code localEpochSecond} or later (see the type). */
    private long edge(long localEpochSecond) {
        if (fixedOffset != null) {
            return localEpochSecond - fixedOffset.getTotalSeconds();
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return localEpochSecond - rules.getOffset(local).getTotalSeconds();
        }
        return transition.isGap() ? transition.toEpochSecond() : localEpochSecond - transition.getOffsetBefore().getTotalSeconds();
    }

    /** The open intervals of one local day, as epoch-second pairs {@code [open, close)}; empty windows dropped. */
    private static final class DayPlan {
        final long epochDay;
        final long[] edges;

        DayPlan(long epochDay, long[] edges) {
            this.epochDay = epochDay;
            this.edges = edges;
        }
    }

    private static final long[] NO_EDGES = new long[0];

    /**
     * The plan of local day {@code epochDay}, from a small direct-mapped cache. Plans are immutable with final fields,
     * so a racy read sees either a complete plan or none; a miss just recomputes.
     */
    private DayPlan plan(long epochDay) {
        int slot = (int) (epochDay & (PLAN_CACHE_SIZE - 1));
        DayPlan cached = plans[slot];
        if (cached != null && cached.epochDay == epochDay) {
            return cached;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        DailyWindow[] windows = holidays.isHoliday(date) ? CLOSED : windowsByDay[date.getDayOfWeek().ordinal()];
        long[] edges = NO_EDGES;
        if (windows.length > 0) {
            long[] all = new long[windows.length * 2];
            int n = 0;
            for (DailyWindow w : windows) {
                long localOpen = epochDay * 86_400L + w.opens().toSecondOfDay();
                long o = edge(localOpen);
                long c = edge(localOpen + w.length().getSeconds());
                if (o < c) {
                    all[n++] = o;
                    all[n++] = c;
                }
            }
            edges = n == all.length ? all : Arrays.copyOf(all, n);
        }
        DayPlan plan = new DayPlan(epochDay, edges);
        plans[slot] = plan;
        return plan;
    }

    /**
     * Walks the open intervals {@code [open, close)} (epoch seconds) in order, clipped so they never overlap. Local to
     * one computation; not shared.
     */
    private final class Cursor {
        private long day;
        private long[] edges;
        private int index;
        private long lastClose = Long.MIN_VALUE;
        private int closedDays;
        long open;
        long close;

        Cursor(Instant from) {
            // Local day D's windows all close before (D + 3) 00:00 UTC whatever the offset (at most 18 hours), so
            // starting two UTC days back never misses an interval that is still open at 'from'.
            this.day = Math.floorDiv(from.getEpochSecond(), 86_400L) - 2;
            this.edges = plan(day).edges;
            advance();
        }

        /** Moves to the next non-empty interval. */
        void advance() {
            while (true) {
                while (index >= edges.length) {
                    if (++closedDays > MAX_CLOSED_DAYS) {
                        throw new IntakeException("calendar " + name + " (" + describe() + ") has no open time in "
                                + MAX_CLOSED_DAYS + " days after " + LocalDate.ofEpochDay(day - MAX_CLOSED_DAYS)
                                + "; check its hours and holidays");
                    }
                    day++;
                    edges = plan(day).edges;
                    index = 0;
                }
                long o = Math.max(edges[index], lastClose);
                long c = edges[index + 1];
                index += 2;
                if (o < c) {
                    open = o;
                    close = c;
                    lastClose = c;
                    closedDays = 0;
                    return;
                }
            }
        }

        /** Skips intervals that end at or before {@code second}. */
        void skipClosedBefore(long second) {
            while (close <= second) {
                advance();
            }
        }
    }
}
