package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.intake.core.sla.BusinessCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgreementSlaPolicyTest {

    private final AgreementSlaPolicy policy = AgreementSlaPolicy.defaults();
    private final Instant evening = at("2026-06-10T18:30:00-04:00");

    @Nested
    class Defaults {

        @Test
        void lowCountsTenBusinessHoursOnTheOfficeCalendarAndSaysSo() {
            SlaStamp stamp = policy.stamp(Severity.LOW, Channel.EMAIL, evening);
            assertThat(stamp.responseDue()).isEqualTo(at("2026-06-11T18:00:00-04:00"));
            assertThat(stamp.responseTarget()).isNull();
            assertThat(stamp.ackDeadline()).isNull();
            assertThat(stamp.receivedAt()).isEqualTo(evening);
            assertThat(stamp.zone()).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(stamp.policy()).isEqualTo("LOW: 10h business time on calendar office (America/New_York 08:00-18:00 daily)");
        }

        @Test
        void degradedCountsFourWallClockHours() {
            SlaStamp stamp = policy.stamp(Severity.DEGRADED, Channel.PHONE, evening);
            assertThat(stamp.responseDue()).isEqualTo(evening.plus(Duration.ofHours(4)));
            assertThat(stamp.policy()).isEqualTo("DEGRADED: 4h wall-clock time (shown in America/New_York)");
            assertThat(stamp.zone()).isEqualTo(ZoneId.of("America/New_York"));
        }

        @Test
        void criticalIsDueAtTheAcknowledgementDeadlineWithTheFifteenMinuteTarget() {
            SlaStamp stamp = policy.stamp(Severity.CRITICAL, Channel.WEB, evening);
            assertThat(stamp.responseTarget()).isEqualTo(evening.plus(Duration.ofMinutes(15)));
            assertThat(stamp.ackDeadline()).isEqualTo(evening.plus(Duration.ofHours(1)));
            assertThat(stamp.responseDue()).isEqualTo(stamp.ackDeadline());
            assertThat(stamp.policy()).isEqualTo("CRITICAL: target 15m, acknowledgement within 1h wall-clock time"
                    + " (shown in America/New_York); response due = acknowledgement deadline");
        }

        @ParameterizedTest
        @EnumSource(Severity.class)
        void theChannelNeverChangesTheDeadline(Severity severity) {
            SlaStamp email = policy.stamp(severity, Channel.EMAIL, evening);
            for (Channel channel : Channel.values()) {
                assertThat(policy.stamp(severity, channel, evening)).isEqualTo(email);
            }
        }

        @Test
        void requiresEveryArgumentNamingIt() {
            assertThatThrownBy(() -> policy.stamp(null, Channel.EMAIL, evening)).hasMessageContaining("severity");
            assertThatThrownBy(() -> policy.stamp(Severity.LOW, null, evening)).hasMessageContaining("channel");
            assertThatThrownBy(() -> policy.stamp(Severity.LOW, Channel.EMAIL, null)).hasMessageContaining("received_at");
        }
    }

    @Nested
    class CustomTerms {

        @Test
        void runsLowOnAnotherCalendarAndShowsItsZone() {
            List<SeverityTerms> terms = List.of(
                    new SeverityTerms(Severity.LOW, ClockMode.BUSINESS, "installation", Duration.ofHours(11), null),
                    SeverityTerms.DEGRADED,
                    new SeverityTerms(Severity.CRITICAL, ClockMode.BUSINESS, "chat", Duration.ofMinutes(30), Duration.ofHours(2)));
            AgreementSlaPolicy custom = AgreementSlaPolicy.of(BusinessCalendars.defaults(), terms);
            Instant fridayEvening = at("2027-01-01T18:00:00-06:00");
            SlaStamp low = custom.stamp(Severity.LOW, Channel.EMAIL, fridayEvening);
            assertThat(low.responseDue()).isEqualTo(at("2027-01-04T18:00:00-06:00"));
            assertThat(low.zone()).isEqualTo(ZoneId.of("America/Chicago"));
            SlaStamp critical = custom.stamp(Severity.CRITICAL, Channel.CHAT, at("2026-06-10T17:45:00-05:00"));
            assertThat(critical.responseTarget()).isEqualTo(at("2026-06-11T09:15:00-05:00"));
            assertThat(critical.ackDeadline()).isEqualTo(at("2026-06-11T10:45:00-05:00"));
        }

        @Test
        void calendarsFromSpecsCanBeUsed() {
            BusinessCalendars calendars = BusinessCalendars.defaults().withSpecs(Map.of("office.holidays", "2026-06-11"));
            AgreementSlaPolicy custom = AgreementSlaPolicy.of(calendars, SeverityTerms.defaults());
            assertThat(custom.stamp(Severity.LOW, Channel.EMAIL, evening).responseDue()).isEqualTo(at("2026-06-12T18:00:00-04:00"));
            assertThat(custom.stamp(Severity.LOW, Channel.EMAIL, evening).policy()).contains("holidays 2026-06-11");
        }

        @Test
        void reportsMissingDuplicateAndUnknownCalendarTermsAtOnce() {
            List<SeverityTerms> terms = List.of(SeverityTerms.LOW, SeverityTerms.LOW,
                    new SeverityTerms(Severity.DEGRADED, ClockMode.BUSINESS, "helpdesk", Duration.ofHours(4), null));
            assertThatThrownBy(() -> AgreementSlaPolicy.of(BusinessCalendars.defaults(), terms))
                    .isInstanceOfSatisfying(SlaConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
                    .hasMessageContaining("given twice")
                    .hasMessageContaining("sla.terms.degraded.calendar: 'helpdesk' is not a known calendar")
                    .hasMessageContaining("sla.terms.critical: missing");
        }
    }

    @Nested
    class TermsValidation {

        @Test
        void namesTheFieldOfABadDuration() {
            assertThatThrownBy(() -> new SeverityTerms(Severity.LOW, ClockMode.BUSINESS, "office", Duration.ZERO, null))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("sla.terms.low.response_target: PT0S");
            assertThatThrownBy(() -> new SeverityTerms(Severity.CRITICAL, ClockMode.WALL_CLOCK, "office",
                    Duration.ofHours(1), Duration.ofMinutes(15)))
                    .hasMessageContaining("sla.terms.critical.ack_deadline: PT15M is shorter than response_target PT1H");
            assertThatThrownBy(() -> new SeverityTerms(Severity.LOW, ClockMode.BUSINESS, " ", Duration.ofHours(1), null))
                    .hasMessageContaining("sla.terms.low.calendar");
            assertThatThrownBy(() -> new SeverityTerms(Severity.LOW, null, "office", Duration.ofHours(1), null))
                    .hasMessageContaining("sla.terms.low.clock");
        }
    }
}
