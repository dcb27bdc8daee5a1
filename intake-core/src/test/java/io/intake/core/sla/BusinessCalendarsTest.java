package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarsTest {

    @Test
    void hasTheAgreementsThreeCalendarsByDefault() {
        BusinessCalendars defaults = BusinessCalendars.defaults();
        assertThat(defaults.names()).containsExactly("office", "chat", "installation");
        assertThat(defaults.get("office").describe()).isEqualTo("America/New_York 08:00-18:00 daily");
        assertThat(defaults.get("chat").describe()).isEqualTo("America/Chicago 09:00-18:00 daily");
        assertThat(defaults.get("installation").describe()).isEqualTo("America/Chicago 08:00-19:00 mon-fri");
    }

    @Test
    void overridesOnlyTheGivenPropertiesOfAnExistingCalendar() {
        BusinessCalendars c = BusinessCalendars.defaults().withSpecs(Map.of(
                "intake.sla.calendars.installation.holidays", "12-25, nov:thu#4",
                "office.hours", "mon-sat 08:00-18:00"));
        assertThat(c.get("installation").zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(c.get("installation").holidays().rules()).hasSize(2);
        assertThat(c.get("office").hours().on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(c.get("office").zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(BusinessCalendars.defaults().get("office").hours().on(DayOfWeek.SUNDAY)).as("defaults untouched").isNotEmpty();
    }

    @Test
    void addsNewCalendars() {
        BusinessCalendars c = BusinessCalendars.defaults().withSpecs(Map.of(
                "emea.zone", "Europe/London", "emea.hours", "mon-fri 09:00-17:30"));
        assertThat(c.names()).containsExactly("office", "chat", "installation", "emea");
    }

    @Test
    void reportsEveryProblemNamingItsProperty() {
        assertThatThrownBy(() -> BusinessCalendars.defaults().withSpecs(Map.of(
                "emea.hours", "mon-fri 09:00-17:30",
                "office.hours", "daily 8-18",
                "nodot", "x")))
                .isInstanceOfSatisfying(SlaConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
                .hasMessageContaining("intake.sla.calendars.emea.zone: is required")
                .hasMessageContaining("intake.sla.calendars.office.hours: bad time '8' in window '8-18'")
                .hasMessageContaining("intake.sla.calendars.nodot: not a calendar property");
    }

    @Test
    void namesTheKnownCalendarsWhenOneIsMissing() {
        assertThatThrownBy(() -> BusinessCalendars.defaults().get("ofice"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("'ofice'")
                .hasMessageContaining("office, chat, installation");
    }
}
