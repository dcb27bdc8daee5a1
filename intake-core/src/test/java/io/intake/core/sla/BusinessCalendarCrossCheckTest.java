package io.intake.core.sla;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the window-to-window algorithm against a naive reference that steps minute by minute and asks, for each
 * minute, whether the local wall-clock time falls in a window (an independent reading of the calendar).
 */
@DisplayName("BusinessCalendar against a minute-stepping reference")
class BusinessCalendarCrossCheckTest {

    private static final Instant YEAR_START = Instant.parse("2026-01-01T05:00:00Z");
    private static final int MINUTES_IN_YEAR = 365 * 24 * 60;

    /** The first instant at which {@code minutes} open minutes have elapsed, stepping one minute at a time. */
    static Instant referencePlus(Predicate<Instant> open, Instant start, long minutes) {
        if (minutes == 0) {
            return start;
        }
        long elapsed = 0;
        for (Instant t = start; ; t = t.plus(1, ChronoUnit.MINUTES)) {
            if (open.test(t) && ++elapsed == minutes) {
                return t.plus(1, ChronoUnit.MINUTES);
            }
        }
    }

    static long referenceBetween(Predicate<Instant> open, Instant a, Instant b) {
        long count = 0;
        for (Instant t = a; t.isBefore(b); t = t.plus(1, ChronoUnit.MINUTES)) {
            if (open.test(t)) {
                count++;
            }
        }
        return count;
    }

    private static void crossCheck(BusinessCalendar calendar, Predicate<Instant> reference, long seed, int cases, int maxMinutes) {
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            Instant start = YEAR_START.plus(random.nextInt(MINUTES_IN_YEAR), ChronoUnit.MINUTES);
            long minutes = random.nextInt(maxMinutes + 1);
            Instant expected = referencePlus(reference, start, minutes);
            Instant actual = calendar.plusBusinessTime(start, Duration.ofMinutes(minutes));
            assertThat(actual).as("case %d: %s + %d business minutes on %s", i, start, minutes, calendar).isEqualTo(expected);
            assertThat(calendar.isOpen(start)).as("isOpen(%s)", start).isEqualTo(reference.test(start));
            assertThat(calendar.businessTimeBetween(start, actual)).as("between(%s, %s)", start, actual)
                    .isEqualTo(Duration.ofMinutes(minutes));
            Instant other = start.plus(random.nextInt(4 * 24 * 60), ChronoUnit.MINUTES);
            assertThat(calendar.businessTimeBetween(start, other)).as("between(%s, %s)", start, other)
                    .isEqualTo(Duration.ofMinutes(referenceBetween(reference, start, other)));
        }
    }

    @Nested
    class OfficeCalendar {

        private final ZoneId ny = ZoneId.of("America/New_York");

        private boolean open(Instant t) {
            LocalTime local = t.atZone(ny).toLocalTime();
            return !local.isBefore(LocalTime.of(8, 0)) && local.isBefore(LocalTime.of(18, 0));
        }

        @Test
        void agreesOnTwoThousandRandomReceiptsOverAYear() {
            crossCheck(BusinessCalendars.OFFICE_CALENDAR, this::open, 20260308L, 2000, 30 * 60);
        }

        @Test
        void agreesOnTheTenHourLowDeadlineFromEveryQuarterHourOfBothDstWeekends() {
            for (String day : new String[]{"2026-03-06T00:00:00-05:00", "2026-10-30T00:00:00-04:00"}) {
                Instant from = Instant.from(java.time.OffsetDateTime.parse(day));
                for (int q = 0; q < 4 * 24 * 4; q++) {
                    Instant start = from.plus(15L * q, ChronoUnit.MINUTES);
                    assertThat(BusinessCalendars.OFFICE_CALENDAR.plusBusinessTime(start, Duration.ofHours(10)))
                            .as("%s", start).isEqualTo(referencePlus(this::open, start, 600));
                }
            }
        }
    }

    @Nested
    class MultiWindowCalendarWithHolidays {

        private final ZoneId chicago = ZoneId.of("America/Chicago");
        // 07-04-2026 is a Saturday (observed Friday 07-03); Thanksgiving 2026-11-26; 12-25-2026 is a Friday
        private final Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 7, 3), LocalDate.of(2026, 11, 26),
                LocalDate.of(2026, 12, 25), LocalDate.of(2027, 11, 25), LocalDate.of(2027, 7, 5), LocalDate.of(2027, 12, 24));
        private final BusinessCalendar calendar = BusinessCalendarTest.calendar("America/Chicago",
                "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00; fri 22:00-01:30", "07-04, nov:thu#4, 12-25", "nearest-weekday");

        private boolean open(Instant t) {
            ZonedDateTime z = t.atZone(chicago);
            LocalDate day = z.toLocalDate();
            int minute = z.getHour() * 60 + z.getMinute();
            if (!holidays.contains(day)) {
                switch (day.getDayOfWeek()) {
                    case SATURDAY:
                        if (minute >= 9 * 60 && minute < 12 * 60) {
                            return true;
                        }
                        break;
                    case SUNDAY:
                        break;
                    default:
                        if ((minute >= 8 * 60 && minute < 12 * 60) || (minute >= 13 * 60 && minute < 17 * 60)) {
                            return true;
                        }
                        if (day.getDayOfWeek() == java.time.DayOfWeek.FRIDAY && minute >= 22 * 60) {
                            return true;
                        }
                }
            }
            LocalDate yesterday = day.minusDays(1);
            return yesterday.getDayOfWeek() == java.time.DayOfWeek.FRIDAY && !holidays.contains(yesterday) && minute < 90;
        }

        @Test
        void agreesOnTwoThousandRandomReceiptsOverAYear() {
            crossCheck(calendar, this::open, 42L, 2000, 40 * 60);
        }
    }

    @Nested
    class OvernightWindowsFarFromUtc {

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"})
        void agreesInZone(String zone) {
            ZoneId id = ZoneId.of(zone);
            BusinessCalendar calendar = BusinessCalendarTest.calendar(zone, "daily 20:00-03:00");
            Predicate<Instant> open = t -> {
                int minute = t.atZone(id).getHour() * 60 + t.atZone(id).getMinute();
                return minute >= 20 * 60 || minute < 3 * 60;
            };
            crossCheck(calendar, open, zone.hashCode(), 300, 30 * 60);
        }
    }
}
