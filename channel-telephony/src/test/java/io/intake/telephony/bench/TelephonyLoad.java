package io.intake.telephony.bench;

import io.intake.core.directory.CustomerDirectory;
import io.intake.core.site.SiteState;
import io.intake.core.site.SiteStatus;
import io.intake.core.sla.BusinessCalendars;
import io.intake.telephony.FakeAmi;
import io.intake.telephony.FakeAsterisk;
import io.intake.telephony.TelephonyChannel;
import io.intake.telephony.TelephonyConfig;
import io.intake.telephony.TestCore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * A small load harness (not JMH: both halves are dominated by sockets and the database, not by code a JMH fork could
 * isolate). Part 1: 200 concurrent calls through the IVR over real sockets into the real core on H2. Part 2: 5,000
 * endpoints at 1,000 sites; a stream of ContactStatus events over a real AMI socket through the monitor.
 * Run with the test classpath: {@code java -cp ... io.intake.telephony.bench.TelephonyLoad [calls] [events]}.
 */
public final class TelephonyLoad {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("telephony-load");
        ivr(dir.resolve("ivr"), calls);
        monitor(dir.resolve("monitor"), events);
        System.exit(0);
    }

    static void ivr(Path dir, int calls) throws Exception {
        try (TestCore core = new TestCore(dir, Clock.systemUTC())) {
            int port = TestCore.freePort();
            TelephonyConfig config = TelephonyConfig.DEFAULTS.withAgi(new TelephonyConfig.Agi("127.0.0.1", port,
                    TelephonyConfig.Agi.DEFAULTS.prompts(), "/var/spool/asterisk/intake", "wav", Duration.ofMinutes(2),
                    Duration.ofSeconds(5), Duration.ofSeconds(8), 3, null, 256));
            TelephonyChannel channel = new TelephonyChannel(config, core.gateway(), CustomerDirectory.EMPTY,
                    SiteStatus.inMemory(), Clock.systemUTC(), BusinessCalendars.defaults().get("office"));
            channel.start();
            // warm-up
            for (int i = 0; i < 20; i++) {
                FakeAsterisk.caller().presses("2", "", "", "").call(port, "warm-" + i);
            }
            long seqStart = System.nanoTime();
            long seqCommands = 0;
            int sequential = 50;
            for (int i = 0; i < sequential; i++) {
                seqCommands += FakeAsterisk.caller().presses("2", "", "", "").call(port, "seq-" + i).commands().size();
            }
            double seqMs = (System.nanoTime() - seqStart) / 1e6;
            ExecutorService pool = Executors.newFixedThreadPool(calls);
            AtomicLong commands = new AtomicLong();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String id = "load-" + i;
                futures.add(pool.submit(() -> {
                    commands.addAndGet(FakeAsterisk.caller().presses("2", "", "", "").call(port, id).commands().size());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double ms = (System.nanoTime() - start) / 1e6;
            pool.shutdown();
            channel.stop();
            System.out.printf("IVR sequential: %d calls, %.1f ms/call, %.1f commands/call, %.3f ms/command (incl. ticket commit)%n",
                    sequential, seqMs / sequential, (double) seqCommands / sequential, seqMs / seqCommands);
            System.out.printf("IVR concurrent: %d calls in %.0f ms = %.1f tickets/s, %d AGI commands = %.0f commands/s%n",
                    calls, ms, calls / (ms / 1000), commands.get(), commands.get() / (ms / 1000));
        }
    }

    static void monitor(Path dir, int events) throws Exception {
        Files.createDirectories(dir);
        int sitesCount = 1000;
        int perSite = 5;
        StringBuilder yaml = new StringBuilder("sites:\n");
        List<List<String>> contacts = new ArrayList<>();
        List<String> template = FakeAmi.byActionId(Transcripts.ALL_REACHABLE, "contacts-1").get(1);
        contacts.add(FakeAmi.byActionId(Transcripts.ALL_REACHABLE, "contacts-1").get(0));
        for (int s = 0; s < sitesCount; s++) {
            yaml.append("  - id: s").append(s).append("\n    endpoints: [");
            for (int p = 0; p < perSite; p++) {
                String e = "s" + s + "-" + p;
                yaml.append(p == 0 ? "" : ", ").append(e);
                contacts.add(template.stream().map(l -> l.replace("site-a-101", e)).toList());
            }
            yaml.append("]\n");
        }
        contacts.add(List.of("Event: ContactListComplete", "ActionID: x", "EventList: Complete",
                "ListItems: " + sitesCount * perSite));
        Files.writeString(dir.resolve("inventory.yaml"), yaml);
        try (TestCore core = new TestCore(dir.resolve("db"), Clock.systemUTC()); FakeAmi ami = new FakeAmi("secret")) {
            ami.contacts(contacts);
            SiteStatus status = SiteStatus.inMemory();
            System.gc();
            long before = usedHeap();
            TelephonyConfig config = TelephonyConfig.DEFAULTS.withAgi(TelephonyConfig.Agi.DEFAULTS.withPort(0))
                    .withAmi(TelephonyConfig.Ami.of("127.0.0.1", ami.port(), "intake", "secret"))
                    .withMonitor(TelephonyConfig.Monitor.of(dir.resolve("inventory.yaml"), Duration.ofSeconds(120)));
            TelephonyChannel channel = new TelephonyChannel(config, core.gateway(), CustomerDirectory.EMPTY, status,
                    Clock.systemUTC(), BusinessCalendars.defaults().get("office"));
            long connectStart = System.nanoTime();
            channel.start();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(1))
                    .until(() -> status.site("s999").map(r -> r.state() == SiteState.ONLINE).orElse(false));
            double snapshotMs = (System.nanoTime() - connectStart) / 1e6;
            System.gc();
            long after = usedHeap();
            List<List<String>> down = new ArrayList<>();
            List<List<String>> up = new ArrayList<>();
            for (int i = 0; i < sitesCount * perSite; i++) {
                String e = "s" + (i / perSite) + "-" + (i % perSite);
                down.add(FakeAmi.contactStatus(e, "Unreachable"));
                up.add(FakeAmi.contactStatus(e, "Reachable"));
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                int k = i % down.size();
                ami.emit((i / down.size()) % 2 == 0 ? down.get(k) : up.get(k));
            }
            ami.emit(FakeAmi.contactStatus("s999-4", "Removed"));
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> status.site("s999").map(r -> r.online() == perSite - 1).orElse(false));
            double ms = (System.nanoTime() - start) / 1e6;
            channel.stop();
            System.out.printf("Monitor: %d endpoints / %d sites, snapshot (PJSIPShowContacts) learned in %.0f ms, retained heap ~%.1f MB%n",
                    sitesCount * perSite, sitesCount, snapshotMs, (after - before) / 1e6);
            System.out.printf("Monitor: %d ContactStatus events over AMI in %.0f ms = %.0f events/s%n", events + 1, ms,
                    (events + 1) / (ms / 1000));
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** The transcripts the harness builds its traffic from. */
    static final class Transcripts {
        static final io.intake.telephony.Transcript ALL_REACHABLE = io.intake.telephony.Transcript.load("ami-pjsip-show-all-reachable.txt");
    }
}
