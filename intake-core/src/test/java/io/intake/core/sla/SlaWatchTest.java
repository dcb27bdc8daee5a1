package io.intake.core.sla;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.TicketNumber;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.intake.core.sla.BusinessCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SlaWatchTest {

    private final AgreementSlaPolicy policy = AgreementSlaPolicy.defaults();
    private final TicketNumber one = TicketNumber.ofSerial(1001);
    private final TicketNumber two = TicketNumber.ofSerial(1002);

    private SlaWatch watch(Instant now) {
        return new SlaWatch(policy, Clock.fixed(now, ZoneOffset.UTC));
    }

    private void register(SlaWatch watch, TicketNumber ticket, Severity severity, Instant receivedAt) {
        watch.register(ticket, severity, policy.stamp(severity, Channel.EMAIL, receivedAt));
    }

    @Nested
    class WallClockSeverities {

        private final Instant received = at("2026-06-10T10:00:00-04:00");

        @Test
        void warnsAtThreeQuartersAndNinetyPercentThenReportsTheBreach() {
            SlaWatch watch = watch(received);
            register(watch, one, Severity.DEGRADED, received);

            assertThat(watch.poll()).isEmpty();
            assertThat(watch.poll(at("2026-06-10T12:59:59-04:00"))).isEmpty();
            assertThat(watch.poll(at("2026-06-10T13:00:00-04:00")))
                    .extracting(SlaWarning::kind, SlaWarning::fraction, SlaWarning::at, SlaWarning::breached)
                    .containsExactly(tuple(DeadlineKind.RESPONSE, 0.75, at("2026-06-10T13:00:00-04:00"), false));
            assertThat(watch.poll(at("2026-06-10T15:00:00-04:00")))
                    .extracting(SlaWarning::fraction, SlaWarning::at, SlaWarning::breached)
                    .containsExactly(tuple(0.9, at("2026-06-10T13:36:00-04:00"), false),
                            tuple(1.0, at("2026-06-10T14:00:00-04:00"), true));
            assertThat(watch.poll(at("2026-06-11T15:00:00-04:00"))).isEmpty();
            assertThat(watch.watching()).as("forgotten after its breach").isZero();
        }

        @Test
        void reportsEachCrossingOnceEvenWhenPolledLateAndOften() {
            SlaWatch watch = watch(received);
            register(watch, one, Severity.DEGRADED, received);
            List<SlaWarning> all = new ArrayList<>(watch.poll(at("2026-06-10T20:00:00-04:00")));
            all.addAll(watch.poll(at("2026-06-10T20:00:00-04:00")));
            all.addAll(watch.poll(at("2026-06-10T21:00:00-04:00")));
            assertThat(all).extracting(SlaWarning::fraction).containsExactly(0.75, 0.9, 1.0);
        }

        @Test
        void watchesBothTheTargetAndTheAcknowledgementOfACriticalTicket() {
            SlaWatch watch = watch(received);
            register(watch, one, Severity.CRITICAL, received);
            assertThat(watch.poll(received.plus(Duration.ofHours(2))))
                    .extracting(SlaWarning::kind, SlaWarning::fraction, SlaWarning::at)
                    .containsExactly(
                            tuple(DeadlineKind.TARGET, 0.75, received.plusSeconds(675)),
                            tuple(DeadlineKind.TARGET, 0.9, received.plusSeconds(810)),
                            tuple(DeadlineKind.TARGET, 1.0, received.plusSeconds(900)),
                            tuple(DeadlineKind.ACK, 0.75, received.plusSeconds(2700)),
                            tuple(DeadlineKind.ACK, 0.9, received.plusSeconds(3240)),
                            tuple(DeadlineKind.ACK, 1.0, received.plusSeconds(3600)));
        }
    }

    @Nested
    class BusinessTimeSeverities {

        @Test
        void measuresTheFractionInBusinessTimeNotWallTime() {
            Instant evening = at("2026-06-10T17:00:00-04:00");
            SlaWatch watch = watch(evening);
            register(watch, one, Severity.LOW, evening);
            // 1 business hour on the 10th, then 08:00 on the 11th: 75% of 10h = 7.5h -> 14:30; 90% = 9h -> 16:00
            assertThat(watch.poll(at("2026-06-11T14:29:59-04:00"))).isEmpty();
            assertThat(watch.poll(at("2026-06-11T23:00:00-04:00")))
                    .extracting(SlaWarning::fraction, SlaWarning::at)
                    .containsExactly(tuple(0.75, at("2026-06-11T14:30:00-04:00")),
                            tuple(0.9, at("2026-06-11T16:00:00-04:00")),
                            tuple(1.0, at("2026-06-11T17:00:00-04:00")));
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void forgetsAnsweredAndClosedTickets() {
            Instant received = at("2026-06-10T10:00:00-04:00");
            SlaWatch watch = watch(received);
            register(watch, one, Severity.DEGRADED, received);
            register(watch, two, Severity.DEGRADED, received);
            assertThat(watch.watching()).isEqualTo(2);
            assertThat(watch.answered(one)).isTrue();
            assertThat(watch.closed(two)).isTrue();
            assertThat(watch.closed(two)).isFalse();
            assertThat(watch.poll(received.plus(Duration.ofDays(1)))).isEmpty();
        }

        @Test
        void aReRegisteredTicketIsWatchedOnItsNewStampOnly() {
            Instant received = at("2026-06-10T10:00:00-04:00");
            SlaWatch watch = watch(received);
            register(watch, one, Severity.LOW, received);
            register(watch, one, Severity.DEGRADED, received);
            assertThat(watch.poll(received.plus(Duration.ofDays(2))))
                    .extracting(SlaWarning::severity).containsOnly(Severity.DEGRADED).hasSize(3);
        }

        @Test
        void ordersWarningsOfSeveralTicketsByWhenTheyWereCrossed() {
            Instant received = at("2026-06-10T10:00:00-04:00");
            SlaWatch watch = new SlaWatch(policy, List.of(0.5), Clock.fixed(received, ZoneOffset.UTC));
            register(watch, one, Severity.DEGRADED, received);
            register(watch, two, Severity.DEGRADED, received.minus(Duration.ofHours(1)));
            assertThat(watch.poll(received.plus(Duration.ofHours(5))))
                    .extracting(SlaWarning::ticket, SlaWarning::fraction)
                    .containsExactly(tuple(two, 0.5), tuple(one, 0.5), tuple(two, 1.0), tuple(one, 1.0));
        }

        @Test
        void rejectsFractionsOutsideZeroToOneNamingTheProperty() {
            assertThatThrownBy(() -> new SlaWatch(policy, List.of(0.75, 1.2), Clock.systemUTC()))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageContaining("intake.sla.warning-fractions: 1.2 is not allowed");
        }

        @Test
        void acceptsAStampFromAnyPolicyComputedElsewhere() {
            Instant received = at("2026-06-10T10:00:00-04:00");
            SlaWatch watch = watch(received);
            SlaStamp stamp = new SlaStamp("manual", java.time.ZoneId.of("UTC"), received, received.plusSeconds(100), null, null);
            watch.register(one, Severity.DEGRADED, stamp);
            assertThat(watch.poll(received.plusSeconds(100))).extracting(SlaWarning::at)
                    .containsExactly(received.plusSeconds(75), received.plusSeconds(90), received.plusSeconds(100));
        }
    }
}
