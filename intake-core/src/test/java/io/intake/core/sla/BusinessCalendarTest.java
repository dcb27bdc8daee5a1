package io.intake.core.sla;

import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    static BusinessCalendar calendar(String zone, String hours, String holidays, String observed) {
        return CalendarSpec.parse("test", "test.", Map.of("zone", zone, "hours", hours, "holidays", holidays,
                "observed", observed), null);
    }

    static BusinessCalendar calendar(String zone, String hours) {
        return calendar(zone, hours, "", "none");
    }

    private static final BusinessCalendar OFFICE = BusinessCalendars.OFFICE_CALENDAR;

    @Nested
    @DisplayName("the office calendar (08:00-18:00 New York, every day)")
    class Office {

        @Test
        void isOpenExactlyAtOpeningAndClosedExactlyAtClosing() {
            assertThat(OFFICE.isOpen(at("2026-06-10T08:00:00-04:00"))).isTrue();
            assertThat(OFFICE.isOpen(at("2026-06-10T17:59:59-04:00"))).isTrue();
            assertThat(OFFICE.isOpen(at("2026-06-10T18:00:00-04:00"))).isFalse();
            assertThat(OFFICE.isOpen(at("2026-06-10T07:59:59-04:00"))).isFalse();
            assertThat(OFFICE.isOpen(at("2026-06-10T17:59:59.999999999-04:00"))).isTrue();
        }

        @Test
        void nextOpeningIsTheInstantItselfWhenOpenElseTheNextMorning() {
            assertThat(OFFICE.nextOpening(at("2026-06-10T10:00:00-04:00"))).isEqualTo(at("2026-06-10T10:00:00-04:00"));
            assertThat(OFFICE.nextOpening(at("2026-06-10T18:00:00-04:00"))).isEqualTo(at("2026-06-11T08:00:00-04:00"));
            assertThat(OFFICE.nextOpening(at("2026-06-10T03:00:00-04:00"))).isEqualTo(at("2026-06-10T08:00:00-04:00"));
        }

        @Test
        void nextClosingIsTheEndOfTheOpenStretchOrTheInstantItselfWhenClosed() {
            assertThat(OFFICE.nextClosing(at("2026-06-10T10:00:00-04:00"))).isEqualTo(at("2026-06-10T18:00:00-04:00"));
            assertThat(OFFICE.nextClosing(at("2026-06-10T19:00:00-04:00"))).isEqualTo(at("2026-06-10T19:00:00-04:00"));
        }

        @Test
        void tenBusinessHoursFromInsideTheDayEndAtTheSameWallTimeNextDay() {
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T17:59:59-04:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-06-11T17:59:59-04:00"));
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T10:15:00-04:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-06-11T10:15:00-04:00"));
        }

        @Test
        void aDurationRunningOutAtClosingEndsAtClosingNotAtTheNextOpening() {
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T08:00:00-04:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-06-10T18:00:00-04:00"));
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T17:00:00-04:00"), Duration.ofHours(1)))
                    .isEqualTo(at("2026-06-10T18:00:00-04:00"));
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T18:00:00-04:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-06-11T18:00:00-04:00"));
        }

        @Test
        void startsTheClockAtTheNextOpeningWhenClosed() {
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T06:45:00-04:00"), Duration.ofMinutes(1)))
                    .isEqualTo(at("2026-06-10T08:01:00-04:00"));
        }

        @Test
        void aZeroDurationIsTheStartItself() {
            Instant night = at("2026-06-10T23:00:00-04:00");
            assertThat(OFFICE.plusBusinessTime(night, Duration.ZERO)).isEqualTo(night);
        }

        @Test
        void rejectsANegativeDurationNamingTheField() {
            assertThatThrownBy(() -> OFFICE.plusBusinessTime(Instant.EPOCH, Duration.ofHours(-1)))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("duration").hasMessageContaining("PT-1H");
        }

        @Test
        void countsBusinessTimeBetweenTwoInstantsAndNegatesWhenReversed() {
            Instant a = at("2026-06-10T10:00:00-04:00");
            Instant b = at("2026-06-12T09:30:00-04:00");
            assertThat(OFFICE.businessTimeBetween(a, b)).isEqualTo(Duration.ofHours(19).plusMinutes(30));
            assertThat(OFFICE.businessTimeBetween(b, a)).isEqualTo(Duration.ofHours(-19).minusMinutes(30));
            assertThat(OFFICE.businessTimeBetween(a, a)).isZero();
        }

        @Test
        void keepsNanosecondsOfTheStart() {
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T17:59:59.5-04:00"), Duration.ofMillis(700)))
                    .isEqualTo(at("2026-06-11T08:00:00.2-04:00"));
            assertThat(OFFICE.businessTimeBetween(at("2026-06-10T17:59:59.5-04:00"), at("2026-06-11T08:00:00.2-04:00")))
                    .isEqualTo(Duration.ofMillis(700));
        }

        @Test
        void describesItselfForPolicyTexts() {
            assertThat(OFFICE.describe()).isEqualTo("America/New_York 08:00-18:00 daily");
            assertThat(OFFICE).hasToString("office (America/New_York 08:00-18:00 daily)");
        }
    }

    @Nested
    @DisplayName("several windows a day (Chicago: mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00)")
    class MultiWindowDays {

        private final BusinessCalendar split = calendar("America/Chicago", "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00");

        @Test
        void isClosedOverLunchAndReopensAfterIt() {
            assertThat(split.isOpen(at("2026-06-12T12:30:00-05:00"))).isFalse();
            assertThat(split.nextOpening(at("2026-06-12T12:30:00-05:00"))).isEqualTo(at("2026-06-12T13:00:00-05:00"));
            assertThat(split.nextClosing(at("2026-06-12T09:00:00-05:00"))).isEqualTo(at("2026-06-12T12:00:00-05:00"));
        }

        @Test
        void skipsLunchWhenAddingBusinessTime() {
            assertThat(split.plusBusinessTime(at("2026-06-12T11:00:00-05:00"), Duration.ofHours(4)))
                    .isEqualTo(at("2026-06-12T16:00:00-05:00"));
        }

        @Test
        void carriesFridayIntoSaturdayMorningAndSaturdayIntoMonday() {
            assertThat(split.plusBusinessTime(at("2026-06-12T16:00:00-05:00"), Duration.ofHours(3)))
                    .isEqualTo(at("2026-06-13T11:00:00-05:00"));
            assertThat(split.plusBusinessTime(at("2026-06-13T11:00:00-05:00"), Duration.ofHours(2)))
                    .isEqualTo(at("2026-06-15T09:00:00-05:00"));
        }

        @Test
        void countsEightHoursOnFridayAndThreeOnSaturday() {
            assertThat(split.businessTimeBetween(at("2026-06-12T00:00:00-05:00"), at("2026-06-15T00:00:00-05:00")))
                    .isEqualTo(Duration.ofHours(11));
        }

        @Test
        void describesItsGroups() {
            assertThat(split.describe()).isEqualTo("America/Chicago 08:00-12:00,13:00-17:00 mon-fri; 09:00-12:00 sat");
            assertThat(split.hours().toSpec()).isEqualTo("mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00");
        }
    }

    @Nested
    @DisplayName("windows past midnight (22:00-02:00 belongs to the day it starts)")
    class WindowsPastMidnight {

        private final BusinessCalendar night = calendar("America/New_York", "daily 22:00-02:00");

        @Test
        void isOpenAfterMidnightInTheWindowOfThePreviousDay() {
            assertThat(night.isOpen(at("2026-06-10T01:00:00-04:00"))).isTrue();
            assertThat(night.isOpen(at("2026-06-10T02:00:00-04:00"))).isFalse();
            assertThat(night.nextClosing(at("2026-06-09T23:00:00-04:00"))).isEqualTo(at("2026-06-10T02:00:00-04:00"));
        }

        @Test
        void addsAcrossMidnightAndIntoTheNextNight() {
            assertThat(night.plusBusinessTime(at("2026-06-09T23:00:00-04:00"), Duration.ofHours(4)))
                    .isEqualTo(at("2026-06-10T23:00:00-04:00"));
        }

        @Test
        void aHolidayClosesTheWindowStartingOnItButNotTheOneRunningIntoIt() {
            BusinessCalendar withHoliday = calendar("America/New_York", "daily 22:00-02:00", "2026-06-10", "none");
            assertThat(withHoliday.isOpen(at("2026-06-10T01:00:00-04:00"))).isTrue();
            assertThat(withHoliday.isOpen(at("2026-06-10T23:00:00-04:00"))).isFalse();
            assertThat(withHoliday.isOpen(at("2026-06-11T01:00:00-04:00"))).isFalse();
            assertThat(withHoliday.nextOpening(at("2026-06-10T03:00:00-04:00"))).isEqualTo(at("2026-06-11T22:00:00-04:00"));
        }

        @Test
        void treatsTouchingWindowsAsOneOpenStretch() {
            BusinessCalendar touching = calendar("America/New_York", "mon 22:00-24:00; tue 00:00-06:00");
            assertThat(touching.nextClosing(at("2026-06-08T23:00:00-04:00"))).isEqualTo(at("2026-06-09T06:00:00-04:00"));
            assertThat(touching.plusBusinessTime(at("2026-06-08T23:00:00-04:00"), Duration.ofHours(1)))
                    .isEqualTo(at("2026-06-09T00:00:00-04:00"));
        }

        @Test
        void aroundTheClockAddsWallTimeButNeverCloses() {
            BusinessCalendar always = calendar("America/New_York", "daily 00:00-24:00");
            Instant t = at("2026-03-07T12:00:00-05:00");
            assertThat(always.isOpen(t)).isTrue();
            assertThat(always.plusBusinessTime(t, Duration.ofHours(30))).isEqualTo(t.plus(Duration.ofHours(30)));
            assertThatThrownBy(() -> always.nextClosing(t)).isInstanceOf(IntakeException.class)
                    .hasMessageContaining("never closes");
        }

        @Test
        void rejectsAWindowOverlappingTheNextDay() {
            assertThatThrownBy(() -> calendar("America/New_York", "mon 22:00-09:00; tue 08:00-12:00"))
                    .isInstanceOf(SlaConfigurationException.class)
                    .hasMessageContaining("test.hours").hasMessageContaining("mon 22:00-09:00 overlaps tue 08:00-12:00");
        }
    }

    @Nested
    class Holidays {

        @Test
        void skipsFixedDatesAndYearlyDates() {
            BusinessCalendar c = calendar("America/New_York", "daily 08:00-18:00", "2026-12-24, 12-25", "none");
            assertThat(c.plusBusinessTime(at("2026-12-23T10:00:00-05:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-12-26T10:00:00-05:00"));
            assertThat(c.holidays().isHoliday(LocalDate.of(2027, 12, 25))).isTrue();
            assertThat(c.holidays().isHoliday(LocalDate.of(2027, 12, 24))).isFalse();
        }

        @Test
        void findsTheFourthThursdayOfNovemberAndTheLastMondayOfMay() {
            var h = calendar("America/New_York", "daily 08:00-18:00", "nov:thu#4, may:mon#-1", "none").holidays();
            assertThat(h.isHoliday(LocalDate.of(2026, 11, 26))).isTrue();
            assertThat(h.isHoliday(LocalDate.of(2027, 11, 25))).isTrue();
            assertThat(h.isHoliday(LocalDate.of(2026, 11, 19))).isFalse();
            assertThat(h.isHoliday(LocalDate.of(2026, 5, 25))).isTrue();
            assertThat(h.isHoliday(LocalDate.of(2027, 5, 31))).isTrue();
        }

        @Test
        void aFifthWeekdayAMonthDoesNotHaveIsNoHoliday() {
            var h = calendar("America/New_York", "daily 08:00-18:00", "feb:mon#5", "none").holidays();
            for (LocalDate d = LocalDate.of(2026, 2, 1); d.getMonthValue() == 2; d = d.plusDays(1)) {
                assertThat(h.isHoliday(d)).as(d.toString()).isFalse();
            }
            assertThat(h.isHoliday(LocalDate.of(2016, 2, 29))).isTrue();
        }

        @Test
        void observesWeekendHolidaysOnTheNearestWeekdayWhenConfigured() {
            var shifted = calendar("America/New_York", "daily 08:00-18:00", "07-04, 12-25, 01-01, 2026-07-04", "nearest-weekday").holidays();
            assertThat(shifted.isHoliday(LocalDate.of(2026, 7, 3))).as("Sat Jul 4 2026 observed Friday").isTrue();
            assertThat(shifted.isHoliday(LocalDate.of(2026, 7, 4))).as("fixed date 2026-07-04 is literal").isTrue();
            assertThat(shifted.isHoliday(LocalDate.of(2027, 12, 24))).as("Sat Dec 25 2027 observed Friday").isTrue();
            assertThat(shifted.isHoliday(LocalDate.of(2027, 12, 25))).isFalse();
            assertThat(shifted.isHoliday(LocalDate.of(2027, 12, 31))).as("Sat Jan 1 2028 observed the Friday before").isTrue();
            assertThat(shifted.isHoliday(LocalDate.of(2023, 1, 2))).as("Sun Jan 1 2023 observed Monday").isTrue();
            var literal = calendar("America/New_York", "daily 08:00-18:00", "07-04", "none").holidays();
            assertThat(literal.isHoliday(LocalDate.of(2026, 7, 4))).isTrue();
            assertThat(literal.isHoliday(LocalDate.of(2026, 7, 3))).isFalse();
        }

        @Test
        void aLeapDayHolidayOccursInLeapYearsOnly() {
            BusinessCalendar c = calendar("America/New_York", "daily 08:00-18:00", "02-29", "none");
            assertThat(c.isOpen(at("2028-02-29T12:00:00-05:00"))).isFalse();
            assertThat(c.isOpen(at("2027-03-01T12:00:00-05:00"))).isTrue();
            assertThat(c.plusBusinessTime(at("2028-02-28T17:00:00-05:00"), Duration.ofHours(2)))
                    .isEqualTo(at("2028-03-01T09:00:00-05:00"));
        }

        @Test
        void aCalendarWhoseEveryOpenDayIsAHolidayFailsClearlyInsteadOfLooping() {
            List<String> everyMonday = new ArrayList<>();
            for (String m : List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")) {
                for (int n = 1; n <= 5; n++) {
                    everyMonday.add(m + ":mon#" + n);
                }
            }
            BusinessCalendar never = calendar("America/New_York", "mon 08:00-09:00", String.join(",", everyMonday), "none");
            assertThatThrownBy(() -> never.plusBusinessTime(at("2026-06-10T10:00:00-04:00"), Duration.ofHours(1)))
                    .isInstanceOf(IntakeException.class).hasMessageContaining("calendar test")
                    .hasMessageContaining("no open time");
            assertThatThrownBy(() -> never.isOpen(at("2026-06-10T10:00:00-04:00"))).isInstanceOf(IntakeException.class);
        }
    }

    @Nested
    @DisplayName("daylight saving (New York: 2026-03-08 02:00 -> 03:00, 2026-11-01 02:00 -> 01:00)")
    class DaylightSaving {

        @Test
        void theOfficeHasTenHoursOnBothTransitionDays() {
            assertThat(OFFICE.plusBusinessTime(at("2026-03-07T16:00:00-05:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-03-08T16:00:00-04:00"));
            assertThat(OFFICE.plusBusinessTime(at("2026-10-31T11:00:00-04:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-11-01T11:00:00-05:00"));
            assertThat(OFFICE.businessTimeBetween(at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00")))
                    .isEqualTo(Duration.ofHours(10));
            assertThat(OFFICE.businessTimeBetween(at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00")))
                    .isEqualTo(Duration.ofHours(10));
        }

        @Test
        void aClosingEdgeInTheSpringGapIsTheInstantTheClockJumps() {
            BusinessCalendar c = calendar("America/New_York", "daily 01:30-02:30");
            assertThat(c.isOpen(at("2026-03-08T01:45:00-05:00"))).isTrue();
            assertThat(c.nextClosing(at("2026-03-08T01:45:00-05:00"))).isEqualTo(at("2026-03-08T03:00:00-04:00"));
            assertThat(c.businessTimeBetween(at("2026-03-08T00:00:00-05:00"), at("2026-03-08T12:00:00-04:00")))
                    .isEqualTo(Duration.ofMinutes(30));
        }

        @Test
        void anOpeningEdgeInTheSpringGapIsTheInstantTheClockJumps() {
            BusinessCalendar c = calendar("America/New_York", "daily 02:30-04:00");
            assertThat(c.nextOpening(at("2026-03-08T01:00:00-05:00"))).isEqualTo(at("2026-03-08T03:00:00-04:00"));
            assertThat(c.businessTimeBetween(at("2026-03-08T00:00:00-05:00"), at("2026-03-08T12:00:00-04:00")))
                    .isEqualTo(Duration.ofHours(1));
        }

        @Test
        void aWindowEntirelyInsideTheSpringGapIsEmptyThatDay() {
            BusinessCalendar c = calendar("America/New_York", "sun 02:10-02:50");
            assertThat(c.nextOpening(at("2026-03-08T00:00:00-05:00"))).isEqualTo(at("2026-03-15T02:10:00-04:00"));
        }

        @Test
        void anEdgeInTheAutumnOverlapIsItsFirstOccurrence() {
            BusinessCalendar closesInOverlap = calendar("America/New_York", "daily 00:30-01:30");
            assertThat(closesInOverlap.isOpen(at("2026-11-01T01:15:00-04:00"))).isTrue();
            assertThat(closesInOverlap.isOpen(at("2026-11-01T01:15:00-05:00"))).isFalse();
            assertThat(closesInOverlap.nextClosing(at("2026-11-01T00:45:00-04:00"))).isEqualTo(at("2026-11-01T01:30:00-04:00"));

            BusinessCalendar opensInOverlap = calendar("America/New_York", "daily 01:30-03:00");
            assertThat(opensInOverlap.nextOpening(at("2026-11-01T00:00:00-04:00"))).isEqualTo(at("2026-11-01T01:30:00-04:00"));
            assertThat(opensInOverlap.businessTimeBetween(at("2026-11-01T00:00:00-04:00"), at("2026-11-01T12:00:00-05:00")))
                    .as("01:30 EDT to 03:00 EST is two and a half real hours").isEqualTo(Duration.ofMinutes(150));
        }

        @Test
        void aWindowPastMidnightAcrossTheSpringChangeIsAnHourShorter() {
            BusinessCalendar night = calendar("America/New_York", "daily 22:00-06:00");
            assertThat(night.businessTimeBetween(at("2026-03-07T12:00:00-05:00"), at("2026-03-08T12:00:00-04:00")))
                    .isEqualTo(Duration.ofHours(7));
            assertThat(night.businessTimeBetween(at("2026-10-31T12:00:00-04:00"), at("2026-11-01T12:00:00-05:00")))
                    .isEqualTo(Duration.ofHours(9));
        }
    }

    @Nested
    @DisplayName("other zones and offsets")
    class OtherZones {

        @Test
        void handlesAHalfHourZone() {
            BusinessCalendar kolkata = calendar("Asia/Kolkata", "mon-fri 09:00-17:30");
            assertThat(kolkata.plusBusinessTime(at("2026-02-20T17:00:00+05:30"), Duration.ofHours(1)))
                    .isEqualTo(at("2026-02-23T09:30:00+05:30"));
        }

        @Test
        void handlesPlusThirteenInAucklandSummer() {
            BusinessCalendar auckland = calendar("Pacific/Auckland", "daily 08:00-18:00");
            assertThat(auckland.plusBusinessTime(at("2026-01-15T07:00:00+13:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-01-15T18:00:00+13:00"));
            assertThat(auckland.isOpen(at("2026-01-14T19:30:00Z"))).as("08:30 NZDT").isTrue();
        }

        @Test
        void handlesAFixedOffsetZone() {
            BusinessCalendar fixed = calendar("+05:45", "daily 08:00-18:00");
            assertThat(fixed.plusBusinessTime(at("2026-06-10T17:00:00+05:45"), Duration.ofHours(2)))
                    .isEqualTo(at("2026-06-11T09:00:00+05:45"));
        }

        @Test
        void convertsReceiptsInAnyOffsetToTheCalendarsZone() {
            assertThat(OFFICE.plusBusinessTime(at("2026-02-20T17:00:00+05:30"), Duration.ofHours(10)))
                    .isEqualTo(at("2026-02-20T18:00:00-05:00"));
            assertThat(OFFICE.plusBusinessTime(at("2026-06-10T19:45:00+05:45"), Duration.ofHours(10)))
                    .as("14:00Z = 10:00 EDT").isEqualTo(at("2026-06-11T10:00:00-04:00"));
            assertThat(OFFICE.plusBusinessTime(at("2026-06-11T02:00:00+13:00"), Duration.ofHours(10)))
                    .as("13:00Z Jun 10 = 09:00 EDT").isEqualTo(at("2026-06-11T09:00:00-04:00"));
        }
    }

    @Nested
    @DisplayName("calendar boundaries")
    class Boundaries {

        @Test
        void crossesALeapDay() {
            assertThat(OFFICE.plusBusinessTime(at("2028-02-28T12:00:00-05:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2028-02-29T12:00:00-05:00"));
            assertThat(OFFICE.plusBusinessTime(at("2028-02-29T19:00:00-05:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2028-03-01T18:00:00-05:00"));
        }

        @Test
        void crossesTheYearEnd() {
            assertThat(OFFICE.plusBusinessTime(at("2026-12-31T17:00:00-05:00"), Duration.ofHours(10)))
                    .isEqualTo(at("2027-01-01T17:00:00-05:00"));
        }

        @Test
        void skipsTheWeekendOnTheInstallationCalendar() {
            BusinessCalendar installation = BusinessCalendars.INSTALLATION_CALENDAR;
            assertThat(installation.plusBusinessTime(at("2027-01-01T18:00:00-06:00"), Duration.ofHours(2)))
                    .isEqualTo(at("2027-01-04T09:00:00-06:00"));
            assertThat(installation.isOpen(at("2027-01-02T12:00:00-06:00"))).isFalse();
        }
    }
}
