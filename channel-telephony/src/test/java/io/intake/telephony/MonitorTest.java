package io.intake.telephony;

import io.intake.core.MutableClock;
import io.intake.core.directory.CustomerDirectory;
import io.intake.core.site.SiteState;
import io.intake.core.site.SiteStatus;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.store.TicketSummary;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.UpdateKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The AMI registration monitor and call-outs against a fake manager interface replaying the captured transcripts. */
class MonitorTest {

    static final String SECRET = "intake-ami-secret";
    static final Duration DEBOUNCE = Duration.ofSeconds(120);
    static final Instant DAY = Instant.parse("2026-11-25T15:00:00Z"); // 10:00 New York

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(DAY);
    private final SiteStatus sites = SiteStatus.inMemory();
    private FakeAmi ami;
    private TestCore core;
    private TelephonyChannel channel;
    private Path inventory;

    @BeforeEach
    void setUp() throws Exception {
        ami = new FakeAmi(SECRET);
        core = new TestCore(dir.resolve("db"), clock);
        inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, """
                sites:
                  - id: site-a
                    name: Main Street
                    account: "987654"
                    endpoints: [site-a-101, site-a-102]
                  - id: site-b
                    name: Harbour
                    account: "987654"
                    endpoints: [site-b-201]
                  - id: store-c
                    name: Night-dark store
                    monitoring: { zone: America/New_York, hours: "daily 07:00-22:00" }
                    endpoints: [store-c-301]
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (channel != null) {
            channel.stop();
        }
        ami.close();
        core.close();
    }

    private void start(String password, TelephonyConfig.CallOut callOut) {
        TelephonyConfig config = TelephonyConfig.DEFAULTS.withAgi(TelephonyConfig.Agi.DEFAULTS.withPort(0))
                .withAmi(TelephonyConfig.Ami.of("127.0.0.1", ami.port(), "intake", password)
                        .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400)))
                .withMonitor(new TelephonyConfig.Monitor(inventory, DEBOUNCE, Duration.ofMillis(20)))
                .withCallOut(callOut);
        channel = new TelephonyChannel(config, core.gateway(), CustomerDirectory.EMPTY, sites, clock,
                BusinessCalendars.defaults().get("office"));
        channel.start();
    }

    private void start() {
        start(SECRET, TelephonyConfig.CallOut.OFF);
    }

    private void awaitLoggedIn() {
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().amiConnected()
                && sites.site("site-a").orElseThrow().state() != SiteState.UNKNOWN);
    }

    /** Logged in, and the store's phone (not in the captured contact list) registered too. */
    private void awaitConnected() {
        awaitLoggedIn();
        phone("store-c-301", "Reachable", SiteState.ONLINE, "store-c");
    }

    private void phone(String endpoint, String status, SiteState siteState, String site) {
        ami.emit(FakeAmi.contactStatus(endpoint, status));
        await().atMost(Duration.ofSeconds(10)).until(() -> sites.site(site).orElseThrow().state() == siteState);
    }

    private List<TicketSummary> monitorTickets() {
        return core.summaries().stream().filter(s -> s.channel() == Channel.MONITOR).toList();
    }

    private void pass(Duration d) {
        clock.advance(d);
    }

    @Nested
    class Connection {

        @Test
        void logsInAndLearnsTheCurrentStateInsteadOfAssumingPhonesAreUp() throws Exception {
            ami.contacts(FakeAmi.byActionId(FakeAmi.MIXED, "contacts-1"));
            start();
            awaitLoggedIn();

            assertThat(ami.actionCount("PJSIPShowContacts")).isEqualTo(1);
            assertThat(sites.site("site-a").orElseThrow().state()).isEqualTo(SiteState.DOWN);
            assertThat(sites.site("site-b").orElseThrow().state()).isEqualTo(SiteState.ONLINE);
            assertThat(sites.site("store-c").orElseThrow().state()).as("no contact at all").isEqualTo(SiteState.DOWN);
            assertThat(monitorTickets()).as("nothing before the debounce").isEmpty();

            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().size() == 1);
            assertThat(channel.health().openIncidents()).as("site-a and store-c down: one multi-site incident")
                    .containsOnlyKeys("site-a+store-c");
            assertThat(monitorTickets()).singleElement().satisfies(t -> assertThat(t.severity()).isEqualTo(Severity.CRITICAL));
        }

        @Test
        void aRefusedLoginIsRetriedWithBackoffAndReportedInHealth() {
            start("wrong-secret", TelephonyConfig.CallOut.OFF);

            await().atMost(Duration.ofSeconds(10)).until(() -> ami.logins() >= 3);
            assertThat(channel.health().amiConnected()).isFalse();
            assertThat(channel.health().amiState()).isEqualTo("login-failed");
            assertThat(channel.health().amiError()).contains("Authentication failed").doesNotContain(SECRET);
            assertThat(channel.health().up()).isFalse();
        }

        @Test
        void aLostConnectionIsReestablishedAndTheStateAskedForAgain() throws Exception {
            start();
            awaitConnected();
            ami.dropConnections();

            await().atMost(Duration.ofSeconds(10)).until(() -> ami.actionCount("PJSIPShowContacts") == 2
                    && channel.health().amiConnected());
            assertThat(ami.logins()).isEqualTo(2);
        }

        @Test
        void anAsteriskShutdownIsFollowedByAReconnect() throws Exception {
            start();
            awaitConnected();
            ami.shutdownAsterisk();

            await().atMost(Duration.ofSeconds(10)).until(() -> ami.logins() == 2 && channel.health().amiConnected());
        }
    }

    @Nested
    class Incidents {

        @Test
        void aFlapShorterThanTheDebounceRaisesNothing() {
            start();
            awaitConnected();
            phone("site-a-101", "Unreachable", SiteState.DEGRADED, "site-a");
            pass(Duration.ofSeconds(60));
            phone("site-a-101", "Reachable", SiteState.ONLINE, "site-a");
            pass(Duration.ofSeconds(300));

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> monitorTickets().isEmpty());
        }

        @Test
        void somePhonesDownIsDegradedAllIsCriticalAndRecoveryIsRecorded() {
            start();
            awaitConnected();
            phone("site-a-101", "Unreachable", SiteState.DEGRADED, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().containsKey("site-a"));
            assertThat(monitorTickets()).singleElement().satisfies(t -> assertThat(t.severity()).isEqualTo(Severity.DEGRADED));

            phone("site-a-102", "Removed", SiteState.DOWN, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> monitorTickets().get(0).severity() == Severity.CRITICAL);
            assertThat(monitorTickets()).as("escalated, not a second ticket").hasSize(1);

            phone("site-a-101", "Reachable", SiteState.DEGRADED, "site-a");
            phone("site-a-102", "Reachable", SiteState.ONLINE, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().isEmpty());

            Ticket t = ticketOf(monitorTickets().get(0));
            assertThat(t.sourceRef()).startsWith("monitor:site-a:");
            assertThat(t.site().id()).isEqualTo("site-a");
            assertThat(core.updates(t)).extracting(u -> u.kind()).contains(UpdateKind.OVERRIDE, UpdateKind.RECOVERY);
        }

        @Test
        void aRestartDuringAnOutageContinuesTheOpenTicketAndTheNextOutageOpensANewOne() {
            start();
            awaitConnected();
            phone("site-a-101", "Unreachable", SiteState.DEGRADED, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().containsKey("site-a"));
            TicketSummary first = monitorTickets().get(0);

            channel.stop();
            start();
            awaitConnected();
            phone("site-a-101", "Unreachable", SiteState.DEGRADED, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().containsKey("site-a"));
            assertThat(monitorTickets()).as("the restarted monitor continues the open ticket").singleElement()
                    .satisfies(t -> assertThat(t.number()).isEqualTo(first.number()));

            phone("site-a-101", "Reachable", SiteState.ONLINE, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().isEmpty());
            assertThat(core.updates(ticketOf(first))).extracting(u -> u.kind()).contains(UpdateKind.RECOVERY);

            phone("site-a-101", "Unreachable", SiteState.DEGRADED, "site-a");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> monitorTickets().size() == 2);
        }

        @Test
        void everyPhoneDownAtTwoSitesIsOneCriticalIncidentNamingBoth() {
            start();
            awaitConnected();
            phone("site-a-101", "Unreachable", SiteState.DEGRADED, "site-a");
            phone("site-a-102", "Unreachable", SiteState.DOWN, "site-a");
            phone("site-b-201", "Unreachable", SiteState.DOWN, "site-b");
            pass(DEBOUNCE.plusSeconds(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().containsKey("site-a+site-b"));
            assertThat(monitorTickets()).singleElement().satisfies(s -> {
                assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(s.subject()).contains("site-a").contains("site-b");
            });
            assertThat(sites.site("site-b").orElseThrow().incident()).isEqualTo(monitorTickets().get(0).number().toString());

            phone("site-a-101", "Reachable", SiteState.DEGRADED, "site-a");
            phone("site-a-102", "Reachable", SiteState.ONLINE, "site-a");
            phone("site-b-201", "Reachable", SiteState.ONLINE, "site-b");
            pass(DEBOUNCE.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().isEmpty());
            assertThat(core.updates(ticketOf(monitorTickets().get(0)))).extracting(u -> u.kind()).contains(UpdateKind.RECOVERY);
            assertThat(monitorTickets()).hasSize(1);
        }

        @Test
        void aStoreOutsideItsMonitoringWindowRaisesNothingUntilTheWindowOpens() {
            clock.set(Instant.parse("2026-11-26T04:00:00Z")); // 23:00 New York
            start();
            awaitLoggedIn();
            phone("store-c-301", "Removed", SiteState.DOWN, "store-c");
            pass(Duration.ofHours(2));

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> monitorTickets().isEmpty());
            assertThat(sites.site("store-c").orElseThrow().monitored()).isFalse();

            clock.set(Instant.parse("2026-11-26T12:05:00Z")); // 07:05 New York
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.health().openIncidents().containsKey("store-c"));
            assertThat(monitorTickets()).singleElement().satisfies(s -> assertThat(s.severity()).isEqualTo(Severity.CRITICAL));
        }

        @Test
        void theCapturedTwoSiteSessionEndsWithTheSitesAsAsteriskLeftThem() {
            ami.contacts(FakeAmi.byActionId(FakeAmi.ALL_REACHABLE, "contacts-1"));
            start();
            awaitConnected();
            List<List<String>> events = FakeAmi.REGISTRATIONS.serverMessages().stream()
                    .filter(m -> m.get(0).equals("Event: ContactStatus") || m.get(0).equals("Event: PeerStatus")).toList();
            events.forEach(ami::emit);

            await().atMost(Duration.ofSeconds(10)).until(() -> sites.site("site-b").orElseThrow().state() == SiteState.DOWN
                    && sites.site("site-a").orElseThrow().state() == SiteState.DOWN);
            assertThat(sites.site("site-a").orElseThrow().online()).isZero();
        }
    }

    @Nested
    class CallOuts {

        @Test
        void aCriticalIncidentCallsOnCallRetryingAFailedOriginateAndRecordsBoth() {
            ami.originateOutcomes(false, true);
            start(SECRET, TelephonyConfig.CallOut.to("PJSIP/oncall", "agi://10.0.0.5:4573").withRetry(3, Duration.ofMillis(50)));
            awaitConnected();
            phone("site-b-201", "Unreachable", SiteState.DOWN, "site-b");
            pass(DEBOUNCE.plusSeconds(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> ami.actionCount("Originate") == 2);
            Map<String, String> originate = ami.actions().stream().filter(a -> "Originate".equals(a.get("Action"))).findFirst().orElseThrow();
            String number = channel.health().openIncidents().get("site-b");
            assertThat(originate).containsEntry("Channel", "PJSIP/oncall").containsEntry("Application", "AGI")
                    .containsEntry("Data", "agi://10.0.0.5:4573/callout?ticket=" + number).containsEntry("Async", "true");
            Ticket t = ticketOf(monitorTickets().get(0));
            await().atMost(Duration.ofSeconds(10)).until(() -> core.updates(t).size() >= 2);
            assertThat(core.updates(t)).extracting(u -> u.attributes().get("callout.outcome")).contains("failed", "answered");
        }
    }

    private Ticket ticketOf(TicketSummary summary) {
        return core.summaries().stream().filter(s -> s.number().equals(summary.number())).findFirst()
                .flatMap(s -> core.ticket(s.number())).orElseThrow();
    }
}
