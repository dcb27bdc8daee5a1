package io.intake.core.sla;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarSpecTest {

    private static final String P = "intake.sla.calendars.support.";

    private static BusinessCalendar parse(Map<String, String> properties) {
        return CalendarSpec.parse("support", P, properties, null);
    }

    @Nested
    class ValidSpecs {

        @Test
        void readsQuotedValuesSeveralGroupsAndHolidays() {
            BusinessCalendar c = parse(Map.of("zone", "America/Chicago",
                    "hours", "\"mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00\"",
                    "holidays", "\"12-25, 01-01, 2026-11-27, nov:thu#4, may:mon#-1\"",
                    "observed", "nearest-weekday"));
            assertThat(c.zone()).isEqualTo(ZoneId.of("America/Chicago"));
            assertThat(c.hours().on(DayOfWeek.WEDNESDAY)).containsExactly(
                    DailyWindow.between(LocalTime.of(8, 0), LocalTime.of(12, 0)),
                    DailyWindow.between(LocalTime.of(13, 0), LocalTime.of(17, 0)));
            assertThat(c.hours().on(DayOfWeek.SUNDAY)).isEmpty();
            assertThat(c.holidays().rules()).hasSize(5);
            assertThat(c.holidays().observance()).isEqualTo(Observance.NEAREST_WEEKDAY);
            assertThat(c.toProperties()).containsEntry("holidays", "12-25, 01-01, 2026-11-27, nov:thu#4, may:mon#-1")
                    .containsEntry("hours", "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00");
        }

        @Test
        void acceptsDailyWeekdaysWeekendsListsWrappingRangesAnd24() {
            assertThat(parse(Map.of("zone", "UTC", "hours", "daily 08:00-18:00")).hours().toSpec()).isEqualTo("daily 08:00-18:00");
            assertThat(parse(Map.of("zone", "UTC", "hours", "weekdays 09:00-17:00; weekends 10:00-12:00")).hours().toSpec())
                    .isEqualTo("mon-fri 09:00-17:00; sat-sun 10:00-12:00");
            assertThat(parse(Map.of("zone", "UTC", "hours", "mon,wed 09:00-17:00")).hours().toSpec())
                    .isEqualTo("mon 09:00-17:00; wed 09:00-17:00");
            assertThat(parse(Map.of("zone", "UTC", "hours", "fri-mon 00:00-24:00")).hours().toSpec())
                    .isEqualTo("mon 00:00-24:00; fri-sun 00:00-24:00");
            DailyWindow night = parse(Map.of("zone", "UTC", "hours", "daily 22:00-02:00")).hours().on(DayOfWeek.MONDAY).get(0);
            assertThat(night.length()).isEqualTo(Duration.ofHours(4));
            assertThat(night.endsNextDay()).isTrue();
            assertThat(night).hasToString("22:00-02:00");
        }

        @Test
        void roundTripsThroughItsProperties() {
            BusinessCalendar c = parse(Map.of("zone", "Asia/Kolkata", "hours", "mon-fri 09:00-17:30; sat 22:00-01:00",
                    "holidays", "01-26, 2026-03-04, oct:mon#-1"));
            assertThat(CalendarSpec.parse("support", P, c.toProperties(), null)).isEqualTo(c);
        }
    }

    @Nested
    class ErrorsNameThePropertyTheTokenAndWhatIsAllowed {

        @Test
        void badDay() {
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "mon-fry 08:00-18:00")))
                    .isInstanceOf(SlaConfigurationException.class)
                    .hasMessageContaining(P + "hours").hasMessageContaining("'fry'").hasMessageContaining("mon-fri");
        }

        @Test
        void badTime() {
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 08:00-25:00")))
                    .hasMessageContaining(P + "hours").hasMessageContaining("'25:00'").hasMessageContaining("24:00");
        }

        @Test
        void badWindow() {
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 0800")))
                    .hasMessageContaining(P + "hours").hasMessageContaining("'0800'").hasMessageContaining("HH:MM-HH:MM");
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 08:00-08:00")))
                    .hasMessageContaining("opens and closes at the same time");
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily")))
                    .hasMessageContaining("needs a day set and windows");
        }

        @Test
        void overlappingWindows() {
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "mon 08:00-12:00,11:00-13:00")))
                    .hasMessageContaining(P + "hours: mon 08:00-12:00 overlaps mon 11:00-13:00");
        }

        @Test
        void badHoliday() {
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 08:00-18:00", "holidays", "12-25, nov:thu#6")))
                    .hasMessageContaining(P + "holidays").hasMessageContaining("'nov:thu#6'").hasMessageContaining("-1..-5");
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 08:00-18:00", "holidays", "13-01")))
                    .hasMessageContaining("'13-01'").hasMessageContaining("MM-DD");
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 08:00-18:00", "holidays", "xmas")))
                    .hasMessageContaining("'xmas'").hasMessageContaining("nov:thu#4");
            assertThatThrownBy(() -> parse(Map.of("zone", "UTC", "hours", "daily 08:00-18:00", "holidays", "nox:thu#4")))
                    .hasMessageContaining("bad month 'nox'").hasMessageContaining("jan..dec");
        }

        @Test
        void badZoneObservanceAndUnknownKeysAreAllReportedAtOnce() {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("zone", "America/Springfield");
            props.put("hours", "daily 08:00-18:00");
            props.put("observed", "sometimes");
            props.put("hollidays", "12-25");
            assertThatThrownBy(() -> parse(props))
                    .isInstanceOfSatisfying(SlaConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
                    .hasMessageContaining(P + "zone: 'America/Springfield' is not a time zone")
                    .hasMessageContaining(P + "observed: bad value 'sometimes'; allowed: none, nearest-weekday")
                    .hasMessageContaining(P + "hollidays: unknown property");
        }

        @Test
        void missingZoneAndHoursForANewCalendar() {
            assertThatThrownBy(() -> parse(Map.of()))
                    .hasMessageContaining(P + "zone: is required").hasMessageContaining(P + "hours: is required");
        }
    }
}
