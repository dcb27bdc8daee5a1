package io.intake.telephony;

import io.intake.core.FailingGateway;
import io.intake.core.MutableClock;
import io.intake.core.IntakeGateway;
import io.intake.core.directory.CustomerDirectory;
import io.intake.core.directory.StaticCustomerDirectory;
import io.intake.core.site.SiteStatus;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.UpdateKind;
import io.intake.telephony.FakeAsterisk.CallLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The IVR over a real socket, with Asterisk's side replayed from the captured transcripts and the real core. */
class IvrTest {

    static final Instant OFFICE_OPEN = Instant.parse("2026-11-25T15:00:00Z");   // 10:00 New York
    static final Instant OFFICE_CLOSED = Instant.parse("2026-11-26T04:00:00Z"); // 23:00 New York

    static final CustomerDirectory DIRECTORY = StaticCustomerDirectory.read(new ByteArrayInputStream("""
            customers:
              - account: "987654"
                name: Acme Dental
                sites:
                  - id: "1"
                    name: Main Street
                    contacts:
                      - { name: Jane Caller, phone: "555-0100" }
                  - id: "2"
                    name: Harbour
              - account: "555"
                name: Solo Shop
                sites:
                  - id: "1"
                    name: The only one
            """.getBytes(StandardCharsets.UTF_8)), "test");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OFFICE_OPEN);
    private TestCore core;
    private TelephonyChannel channel;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.stop();
        }
        if (core != null) {
            core.close();
        }
    }

    private void start(TelephonyConfig.Agi agi) throws Exception {
        core = core == null ? new TestCore(dir, clock) : core;
        startWith(agi, core.gateway());
    }

    private void startWith(TelephonyConfig.Agi agi, IntakeGateway gateway) throws Exception {
        port = TestCore.freePort();
        channel = new TelephonyChannel(TelephonyConfig.DEFAULTS.withAgi(agi.withPort(port)), gateway, DIRECTORY,
                SiteStatus.inMemory(), clock, BusinessCalendars.defaults().get("office"));
        channel.start();
    }

    private void start() throws Exception {
        start(TelephonyConfig.Agi.DEFAULTS);
    }

    private Ticket ticket(String uniqueId) {
        return core.ticketFrom(Channel.PHONE, uniqueId).orElseThrow(() -> new AssertionError("no ticket for " + uniqueId));
    }

    @Nested
    class Menus {

        @Test
        void knownCallerOnMenuOneGetsACriticalTicketReadBackAfterItIsCommitted() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().from("5550100").presses("1").call(port, "1795627782.1");

            Ticket t = ticket("1795627782.1");
            assertThat(t.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(t.attributes()).containsEntry("ivr.menu", "1").containsEntry("ivr.identified_by", "caller-id")
                    .doesNotContainKey("incomplete");
            assertThat(t.requester().account()).isEqualTo("987654");
            assertThat(t.requester().name()).isEqualTo("Jane Caller");
            assertThat(t.site().id()).isEqualTo("1");
            assertThat(t.attachments()).singleElement().satisfies(a -> assertThat(a.contentRef())
                    .isEqualTo("asterisk-recording:/var/spool/asterisk/intake/call-1795627782.1.wav"));
            assertThat(log.sent("GET DATA telephone-number")).as("no account question for a known caller").isFalse();
            assertThat(log.commands()).contains("RECORD FILE /var/spool/asterisk/intake/call-1795627782.1 wav # 120000 0 BEEP s=5");
            assertThat(log.commands()).contains("SAY DIGITS " + t.number() + " \"\"");
            assertThat(log.commands()).contains("SAY NUMBER 15 \"\"", "STREAM FILE minutes \"\"");
            assertThat(log.commands()).as("read back only after the ticket exists").containsSubsequence(
                    "RECORD FILE /var/spool/asterisk/intake/call-1795627782.1 wav # 120000 0 BEEP s=5",
                    "SAY DIGITS " + t.number() + " \"\"");
            assertThat(log.commands()).contains("HANGUP");
        }

        @Test
        void menuOneIsNeverBelowCriticalEvenWhenTheRulesSayLow() throws Exception {
            start();
            core.rules(r -> new Classification(Severity.LOW, "test.low", "always low"));
            CallLog log = FakeAsterisk.caller().presses("1").call(port, "call-floor");

            Ticket t = ticket("call-floor");
            assertThat(t.severity()).as("what the rules said").isEqualTo(Severity.LOW);
            assertThat(core.severity(t)).isEqualTo(Severity.CRITICAL);
            assertThat(core.updates(t)).anySatisfy(u -> {
                assertThat(u.kind()).isEqualTo(UpdateKind.OVERRIDE);
                assertThat(u.classification().reason()).contains("ivr").contains("menu 1");
            });
            assertThat(log.commands()).as("the caller hears the CRITICAL target").contains("SAY NUMBER 15 \"\"");
        }

        @Test
        void unknownCallerKeysInAccountAndSite() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().from("5551234").presses("2", "987654", "2").call(port, "call-acct");

            Ticket t = ticket("call-acct");
            assertThat(t.severity()).isEqualTo(Severity.DEGRADED);
            assertThat(t.requester().account()).isEqualTo("987654");
            assertThat(t.requester().phone()).isEqualTo("5551234");
            assertThat(t.site().id()).isEqualTo("2");
            assertThat(t.attributes()).containsEntry("ivr.identified_by", "account").containsEntry("ivr.menu", "2");
            assertThat(log.commands()).contains("GET DATA telephone-number 8000 16", "SAY NUMBER 4 \"\"");
        }

        @Test
        void aCustomerWithOneSiteIsNotAskedForTheSite() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().from("5551234").presses("2", "555").call(port, "call-solo");

            assertThat(ticket("call-solo").site().id()).isEqualTo("1");
            assertThat(log.count("GET DATA telephone-number")).isEqualTo(1);
        }

        @Test
        void threeBadAccountsContinueUnidentifiedWithoutHangingUp() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().from("5551234").presses("2", "111", "", "98~").call(port, "call-bad");

            Ticket t = ticket("call-bad");
            assertThat(t.requester().account()).isNull();
            assertThat(t.attributes()).containsEntry("ivr.identified_by", "none").doesNotContainKey("incomplete");
            assertThat(log.count("STREAM FILE option-is-invalid")).isEqualTo(3);
            assertThat(log.sent("RECORD FILE")).isTrue();
        }

        @Test
        void badMenuDigitsAreRepeatedAndNineRepeatsTheMenu() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().presses("7", "9", "", "1").call(port, "call-menu");

            assertThat(ticket("call-menu").attributes()).containsEntry("ivr.menu", "1");
            assertThat(log.count("GET DATA vm-enter-num-to-call")).isEqualTo(4);
            assertThat(log.count("STREAM FILE option-is-invalid")).as("only for the wrong digit").isEqualTo(1);
        }

        @Test
        void noMenuChoiceAfterThreeTriesStillLeavesATicket() throws Exception {
            start();
            FakeAsterisk.caller().presses("", "8", "").call(port, "call-none");

            Ticket t = ticket("call-none");
            assertThat(t.attributes()).containsEntry("ivr.menu", "none");
            assertThat(t.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void menuThreeInOfficeHoursIsAdministrative() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().presses("3").call(port, "call-admin");

            Ticket t = ticket("call-admin");
            assertThat(t.severity()).isEqualTo(Severity.LOW);
            assertThat(t.attributes()).containsEntry("ivr.menu", "3").doesNotContainKey("ivr.after_hours");
            assertThat(log.sent("STREAM FILE vm-nobodyavail")).isFalse();
        }

        @Test
        void menuThreeOutsideOfficeHoursSaysTheOfficeIsClosedAndTakesAMessage() throws Exception {
            clock.set(OFFICE_CLOSED);
            start();
            CallLog log = FakeAsterisk.caller().presses("3").call(port, "call-night");

            Ticket t = ticket("call-night");
            assertThat(t.attributes()).containsEntry("ivr.menu", "3").containsEntry("ivr.after_hours", "true");
            assertThat(log.commands()).containsSubsequence("STREAM FILE vm-nobodyavail \"\"", "STREAM FILE vm-intro \"\"");
            assertThat(log.sent("RECORD FILE")).isTrue();
        }

        @Test
        void aCriticalCallerIsTransferredToOnCallWhenConfigured() throws Exception {
            start(TelephonyConfig.Agi.DEFAULTS.withOnCallTransfer("PJSIP/oncall"));
            CallLog log = FakeAsterisk.caller().presses("1").call(port, "call-transfer");

            assertThat(log.commands()).containsSubsequence("STREAM FILE pls-hold-while-try \"\"", "EXEC Dial PJSIP/oncall,30");
        }

        @Test
        void aRetriedCallWithTheSameUniqueIdYieldsOneTicket() throws Exception {
            start();
            FakeAsterisk.caller().presses("2").call(port, "call-twice");
            CallLog second = FakeAsterisk.caller().presses("2").call(port, "call-twice");

            assertThat(core.summaries().stream().filter(s -> s.channel() == Channel.PHONE)).hasSize(1);
            assertThat(second.commands()).contains("SAY DIGITS " + ticket("call-twice").number() + " \"\"");
        }
    }

    @Nested
    class HangUps {

        @ParameterizedTest(name = "hang-up during {0} #{1} leaves an incomplete ticket at step {2}")
        @CsvSource({
                "ANSWER, 1, answer",
                "STREAM FILE welcome, 1, menu",
                "GET DATA vm-enter-num-to-call, 1, menu",
                "GET DATA telephone-number, 1, account",
                "GET DATA telephone-number, 2, site",
                "STREAM FILE vm-intro, 1, record",
                "RECORD FILE, 1, record",
        })
        void aHangUpAtAnyStepLeavesAnIncompleteTicket(String command, int occurrence, String step) throws Exception {
            start();
            String id = "hup-" + step + "-" + occurrence + "-" + command.length();
            CallLog log = FakeAsterisk.caller().from("5551234").presses("2", "987654")
                    .hangsUpDuring(command, occurrence).call(port, id);

            Ticket t = ticket(id);
            assertThat(t.attributes()).containsEntry("incomplete", "true").containsEntry("ivr.step", step);
            assertThat(t.subject()).contains("caller hung up");
            assertThat(log.sent("SAY DIGITS")).as("nobody to read a number to").isFalse();
        }

        @Test
        void aHangUpDuringTheRecordingKeepsTheRecordingReference() throws Exception {
            start();
            FakeAsterisk.caller().presses("1").hangsUpDuring("RECORD FILE").call(port, "hup-rec");

            Ticket t = ticket("hup-rec");
            assertThat(t.attachments()).hasSize(1);
            assertThat(t.attributes()).containsEntry("incomplete", "true").containsEntry("ivr.recording_finished", "false");
            assertThat(t.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void aHangUpWhoseTicketFailsToCommitIsTriedAgainUntilItIsStored() throws Exception {
            core = new TestCore(dir, clock);
            AtomicInteger failures = new AtomicInteger();
            startWith(TelephonyConfig.Agi.DEFAULTS, new FailingGateway(core.gateway(),
                    request -> failures.incrementAndGet() <= 2));
            FakeAsterisk.caller().presses("1").hangsUpDuring("RECORD FILE").call(port, "hup-retry");

            assertThat(failures).hasValue(3);
            assertThat(ticket("hup-retry").attributes()).containsEntry("incomplete", "true");
            assertThat(core.summaries()).hasSize(1);
        }

        @Test
        void aHangUpDuringTheReadBackLeavesTheCompleteTicket() throws Exception {
            start();
            FakeAsterisk.caller().presses("2").hangsUpDuring("SAY DIGITS").call(port, "hup-readback");

            assertThat(ticket("hup-readback").attributes()).doesNotContainKey("incomplete");
            assertThat(core.summaries()).hasSize(1);
        }

        @Test
        void aHangUpWithAgiExitOnHangupClosesTheSocketAndStillLeavesATicket() throws Exception {
            start();
            CallLog log = FakeAsterisk.caller().presses("2").hangsUpDuring("STREAM FILE welcome").exitOnHangup()
                    .call(port, "hup-exit");

            await().atMost(Duration.ofSeconds(10)).until(() -> core.ticketFrom(Channel.PHONE, "hup-exit").isPresent());
            assertThat(ticket("hup-exit").attributes()).containsEntry("incomplete", "true");
            assertThat(log.serverClosed()).isFalse();
        }
    }

    @Nested
    class Failures {

        @Test
        void whenTheTicketCannotBeStoredTheCallerIsNotGivenANumber() throws Exception {
            startWith(TelephonyConfig.Agi.DEFAULTS, new FailingGateway(null, request -> true));
            CallLog log = FakeAsterisk.caller().presses("2").call(port, "call-fail");

            assertThat(log.sent("SAY DIGITS")).isFalse();
            assertThat(log.commands()).contains("STREAM FILE tt-weasels \"\"");
            assertThat(log.commands()).contains("HANGUP");
        }

        @Test
        void aCallOutTellsOnCallTheTicketNumberTwice() throws Exception {
            start();
            TicketNumber ticket = TicketNumber.ofSerial(471);
            CallLog log = FakeAsterisk.caller().script("callout?ticket=" + ticket).call(port, "1795627984.17");

            assertThat(log.count("SAY DIGITS " + ticket + " \"\"")).isEqualTo(2);
        }
    }
}
