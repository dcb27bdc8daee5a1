package io.intake.gateway;

import io.intake.core.store.TestPostgres;
import io.intake.gateway.Acks.Ack;
import io.intake.gateway.Acks.Channel;
import io.intake.gateway.FaultCount.Row;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults under load (issue 8): the runnable gateway as a child process on PostgreSQL, delivering through its webhook
 * sink to a {@link FakeTracker}, reading the help@ mailbox on a {@link FaultMailServer}, with mixed load on all four
 * channels ({@link FaultLoad}) while, one after another: the tracker is down for two minutes; the gateway is killed
 * with SIGKILL and started again on the same database and ports; the database is stopped and started again; the mail
 * server is stopped and started again. After each, once the outbox is drained, every acknowledged request must be in
 * the tracker exactly once, nothing missing, nothing doubled, nothing stuck outside PARKED. The counts are printed
 * as a table and written to {@code target/fault-suite.md}.
 */
class FaultSuiteIT {

    static final Duration TRACKER_DOWN = Duration.ofMinutes(2);
    /** Longer than the connection pool's 30 s wait, so requests fail during the outage instead of only waiting it out. */
    static final Duration DATABASE_DOWN = Duration.ofSeconds(40);
    static final Duration MAIL_SERVER_DOWN = Duration.ofSeconds(10);
    /** Load before each fault, and after it is over. */
    static final Duration BEFORE = Duration.ofSeconds(10);
    static final Duration AFTER = Duration.ofSeconds(15);
    /** How long clients keep retrying what is in flight once the load stops. */
    static final Duration FINISH = Duration.ofSeconds(60);
    /** How long the outbox may take to drain after a fault. */
    static final Duration SETTLE = Duration.ofSeconds(150);

    private final Acks acks = new Acks();
    private final Map<String, Map<Channel, Long>> stuckAfter = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final String run = Long.toString(Instant.now().getEpochSecond());
    private String databaseUrl;
    private FakeTracker tracker;
    private GatewayProcess gateway;
    private FaultLoad.Target target;

    @FunctionalInterface
    interface Fault {
        void inject() throws Exception;
    }

    @Test
    void everyAcknowledgedRequestIsOneTicketInTheTrackerAfterEachFault() throws Exception {
        long began = System.nanoTime();
        databaseUrl = TestPostgres.freshSchema();   // fails, naming scripts/postgres start, when there is no server
        Path targetDir = GatewayJar.JAR.toAbsolutePath().getParent();
        Path log = targetDir.resolve("fault-suite-gateway.log");
        Files.deleteIfExists(log);
        int webPort = GatewayJar.freePort();
        int agiPort = GatewayJar.freePort();
        int smtpPort = GatewayJar.freePort();
        int imapPort = GatewayJar.freePort();
        target = new FaultLoad.Target(webPort, agiPort, smtpPort);
        List<Row> rows = new ArrayList<>();
        try (FakeTracker tracker = new FakeTracker(); FaultMailServer mail = new FaultMailServer(smtpPort, imapPort);
             GatewayProcess gateway = new GatewayProcess(gatewayArgs(webPort, agiPort, mail, tracker, targetDir), webPort, log)) {
            this.tracker = tracker;
            this.gateway = gateway;
            gateway.start(Duration.ofSeconds(180));
            System.out.printf("fault suite: gateway pid %d up after %d s; log %s%n", gateway.pid(), seconds(began), log);

            underLoad("tracker-down", () -> {
                tracker.down(true);
                hold(TRACKER_DOWN);
                tracker.down(false);
            });
            underLoad("sigkill", () -> {
                gateway.kill();
                gateway.start(Duration.ofSeconds(180));
            });
            underLoad("db-restart", () -> {
                postgres("stop");
                try {
                    hold(DATABASE_DOWN);
                } finally {
                    postgres("start");
                }
            });
            underLoad("mail-restart", () -> {
                mail.stop();
                try {
                    hold(MAIL_SERVER_DOWN);
                } finally {
                    mail.start();
                }
            });

            // what each mail sender was told: at most one acknowledgement, naming the ticket the tracker holds (the
            // told number is checked against the tracker with the other channels' numbers below)
            Map<String, List<String>> mailed = AckMails.read(mail.greenMail());
            mailed.forEach((token, numbers) -> {
                if (numbers.size() > 1) {
                    problems.add("mail " + token + " acknowledged " + numbers.size() + " times: " + numbers);
                }
                acks.toldLater(token, numbers.get(0));
            });
            FaultCount.Index index = new FaultCount.Index(tracker.envelopes());
            for (String fault : stuckAfter.keySet()) {
                for (Channel channel : Channel.values()) {
                    rows.add(FaultCount.count(fault, channel, acks.of(fault, channel), index,
                            stuckAfter.get(fault).getOrDefault(channel, 0L), acks.retries(fault, channel)));
                }
            }
            Map<Channel, Long> stuckAtEnd = stuck();
            String report = report(rows, seconds(began), tracker, stuckAtEnd) + ackMailLine(mailed);
            System.out.println(report);
            Files.writeString(targetDir.resolve("fault-suite.md"), report, StandardCharsets.UTF_8);

            assertThat(problems).as("client problems no fault explains").isEmpty();
            assertThat(rows).as("faults, channels with something missing, doubled or stuck; details:%n%s",
                            String.join("\n", rows.stream().flatMap(r -> r.details().stream().limit(20)).toList()))
                    .allMatch(Row::clean);
            assertThat(rows).as("every fault and channel had load").allMatch(r -> r.acknowledged() > 0);
            assertThat(stuckAtEnd.values()).as("outbox entries neither delivered nor parked at the end").allMatch(n -> n == 0);
        } catch (Exception | AssertionError e) {
            System.out.println("fault suite failed after " + seconds(began) + " s; the gateway's log is " + log);
            throw e;
        }
    }

    /** Runs the load, injects the fault in the middle, stops the load, waits for the outbox to drain, notes stuck entries. */
    private void underLoad(String fault, Fault injection) throws Exception {
        long began = System.nanoTime();
        FaultLoad load = new FaultLoad(run, fault, target, acks).start();
        try {
            hold(BEFORE);
            System.out.printf("fault suite: %s begins (%d s)%n", fault, seconds(began));
            injection.inject();
            System.out.printf("fault suite: %s is over (%d s)%n", fault, seconds(began));
            hold(AFTER);
        } finally {
            load.stop(FINISH);
            problems.addAll(load.problems().stream().map(p -> fault + ": " + p).toList());
        }
        boolean settled = settle(fault);
        stuckAfter.put(fault, stuck());
        System.out.printf("fault suite: %s settled=%s after %d s; acknowledged %s; tracker %d posts, %d refused, %d again%n",
                fault, settled, seconds(began), acknowledged(fault), tracker.posts(), tracker.refused(), tracker.replayed());
    }

    private Map<Channel, Integer> acknowledged(String fault) {
        Map<Channel, Integer> n = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            n.put(c, acks.of(fault, c).size());
        }
        return n;
    }

    /** Waits until the outbox is empty and the tracker holds everything acknowledged in this fault (or time is up). */
    private boolean settle(String fault) {
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                OptionalLong pending = gateway.outboxPending();
                if (pending.isEmpty() || pending.getAsLong() > 0) {
                    return false;
                }
                FaultCount.Index index = new FaultCount.Index(tracker.envelopes());
                for (Channel c : Channel.values()) {
                    for (Ack ack : acks.of(fault, c)) {
                        if (index.holders(ack).isEmpty()) {
                            return false;
                        }
                    }
                }
                return true;
            });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Outbox entries neither DELIVERED nor PARKED, by the channel of their ticket. */
    private Map<Channel, Long> stuck() throws SQLException {
        Map<Channel, Long> stuck = new EnumMap<>(Channel.class);
        try (Connection c = DriverManager.getConnection(databaseUrl, TestPostgres.USER, TestPostgres.PASSWORD);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.channel, COUNT(*) FROM intake_outbox o JOIN intake_ticket t "
                     + "ON t.number = o.ticket_number WHERE o.state NOT IN ('DELIVERED', 'PARKED') GROUP BY t.channel")) {
            while (rs.next()) {
                for (Channel ch : Channel.values()) {
                    if (ch.wire.equalsIgnoreCase(rs.getString(1))) {
                        stuck.put(ch, rs.getLong(2));
                    }
                }
            }
        }
        return stuck;
    }

    private long parked() throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl, TestPostgres.USER, TestPostgres.PASSWORD);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM intake_outbox WHERE state = 'PARKED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String report(List<Row> rows, long seconds, FakeTracker tracker, Map<Channel, Long> stuckAtEnd) throws SQLException {
        int acknowledged = rows.stream().mapToInt(Row::acknowledged).sum();
        return "Fault suite run " + Instant.now() + ": " + seconds + " s in all, " + acknowledged
                + " acknowledged requests.\n\n" + FaultCount.table(rows)
                + "\nTracker: " + tracker.envelopes().size() + " tickets and updates stored, " + tracker.posts()
                + " POSTs answered 2xx (" + tracker.replayed() + " of them again with a known Idempotency-Key), "
                + tracker.refused() + " answered 503 while down. Outbox at the end: " + parked() + " parked, "
                + stuckAtEnd.values().stream().mapToLong(Long::longValue).sum() + " neither delivered nor parked.\n";
    }

    private String ackMailLine(Map<String, List<String>> mailed) {
        int accepted = 0;
        int answered = 0;
        for (String fault : stuckAfter.keySet()) {
            for (Ack ack : acks.of(fault, Channel.EMAIL)) {
                accepted++;
                if (mailed.containsKey(ack.token())) {
                    answered++;
                }
            }
        }
        long twice = mailed.values().stream().filter(n -> n.size() > 1).count();
        return "Email acknowledgements: " + answered + " of " + accepted + " accepted mails were answered with their ticket "
                + "number (checked against the tracker in the table), " + twice + " more than once. Acknowledgements are "
                + "sent at most once: a mail committed just before the gateway was killed, or answered while the mail "
                + "server was down, gets none.\n";
    }

    private List<String> gatewayArgs(int webPort, int agiPort, FaultMailServer mail, FakeTracker tracker, Path targetDir)
            throws java.io.IOException {
        Path data = targetDir.resolve("fault-suite-data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return List.of(
                "--server.port=" + webPort,
                "--intake.data-dir=" + data,
                "--intake.database.url=" + databaseUrl,
                "--intake.database.username=" + TestPostgres.USER,
                "--intake.database.password=" + TestPostgres.PASSWORD,
                "--intake.tracker.type=webhook",
                "--intake.tracker.webhook.url=" + tracker.url(),
                "--intake.tracker.webhook.secret=fault-suite-webhook-secret",
                // a two-minute outage must not leave the next attempt minutes away, nor a killed node's lease
                "--intake.delivery.max-backoff=5s",
                "--intake.delivery.lease=20s",
                "--intake.telephony.agi.port=" + agiPort,
                "--intake.email.mailboxes[0].url=imap://127.0.0.1:" + mail.imapPort,
                "--intake.email.mailboxes[0].username=" + FaultMailServer.HELP_LOGIN,
                "--intake.email.mailboxes[0].password=" + FaultMailServer.HELP_PASSWORD,
                "--intake.email.mailboxes[0].poll-interval=1s",
                "--intake.email.smtp.url=smtp://127.0.0.1:" + mail.smtpPort,
                "--intake.email.from=" + FaultMailServer.HELP,
                "--intake.web.staff[0].username=" + GatewayProcess.STAFF_USER,
                "--intake.web.staff[0].password-hash=" + GatewayProcess.STAFF_HASH,
                // every client comes from 127.0.0.1: per-address limits would throttle the whole load
                "--intake.web.rate-limit.enabled=false",
                "--intake.chat.limits.starts-per-minute=600",
                "--intake.chat.limits.start-burst=100",
                "--intake.chat.limits.address-messages-per-minute=6000",
                "--intake.chat.limits.address-message-burst=1000",
                "--intake.sla.calendars.chat.hours=daily 00:00-24:00",
                "--intake.chat.transcript-interval=5s");
    }

    /** {@code scripts/postgres stop|start} for the test server (the port of {@link TestPostgres#URL}). */
    private static void postgres(String command) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolve("../scripts/postgres").normalize();
        assertThat(script).as("the script that restarts the test database").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(script.toString(), command).redirectErrorStream(true);
        int port = URI.create(TestPostgres.URL.substring("jdbc:".length())).getPort();
        pb.environment().put("INTAKE_PG_PORT", Integer.toString(port == -1 ? 5432 : port));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("scripts/postgres " + command + " finished").isTrue();
        assertThat(p.exitValue()).as("scripts/postgres " + command + ": " + out).isZero();
    }

    /** Keeps a fault (or the load around it) going for a set time: the duration is the point, not a condition. */
    private static void hold(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
