package io.intake.telephony;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.intake.core.MutableClock;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.ticket.Channel;
import io.intake.telephony.internal.AgiListener;
import io.intake.telephony.internal.IvrScript;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coverage-guided fuzzing of what the IVR parses from Asterisk: the FastAGI environment block and the reply line to
 * every command, over a real socket to Asterisk-Java's server running our {@link IvrScript} on the real core. Without
 * {@code JAZZER_FUZZ} only the seeds in {@code AgiFuzzTestInputs/} run.
 * <p>
 * An input is text, one item a line (ISO-8859-1, so every byte reaches the wire as it is): the caller id number, the
 * caller id name, extra environment lines up to an empty line, then the replies, read by the IVR one per command. After
 * the last reply the fake Asterisk half-closes the socket (it stops writing but keeps reading).
 * <p>
 * The properties: the script never throws (a hang-up or a refused command ends the call, nothing else escapes); every
 * call leaves a ticket, however garbled; the IVR closes the call within {@value #MAX_COMMANDS} commands whatever the
 * replies; nothing hangs.
 */
class AgiFuzzTest {

    static final int MAX_COMMANDS = 200;
    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final ConcurrentLinkedQueue<Throwable> ESCAPED = new ConcurrentLinkedQueue<>();

    private static Path dir;
    private static TestCore core;
    private static AgiListener listener;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("agi-fuzz");
        MutableClock clock = new MutableClock(IvrTest.OFFICE_OPEN);
        core = new TestCore(dir, clock);
        var directory = IvrTest.DIRECTORY;
        TelephonyConfig.Agi agi = TelephonyConfig.Agi.DEFAULTS;
        IvrScript ivr = new IvrScript(agi, core.gateway(), directory, BusinessCalendars.defaults().get("office"), clock);
        AgiScript watched = (AgiRequest request, AgiChannel channel) -> {
            RUNNING.incrementAndGet();
            try {
                ivr.service(request, channel);
            } catch (Throwable t) {
                ESCAPED.add(t);
            } finally {
                RUNNING.decrementAndGet();
            }
        };
        port = TestCore.freePort();
        listener = new AgiListener("127.0.0.1", port, Map.of("ivr", watched), 4);
        listener.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (listener != null) {
            listener.stop();
        }
        if (core != null) {
            core.close();
        }
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void anyEnvironmentAndRepliesEndTheCallCleanly(byte[] input) throws Exception {
        String[] items = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        int next = 0;
        String callerId = next < items.length ? items[next++] : "";
        String callerName = next < items.length ? items[next++] : "";
        StringBuilder env = new StringBuilder();
        while (next < items.length && !items[next].isEmpty()) {
            env.append(items[next++]).append('\n');
        }
        next++;
        String uniqueId = "fuzz-" + CALLS.incrementAndGet();
        env.append("agi_callerid: ").append(callerId).append('\n')
                .append("agi_calleridname: ").append(callerName).append('\n')
                .append("agi_network: yes\nagi_network_script: ivr\n")
                .append("agi_request: agi://127.0.0.1:").append(port).append("/ivr\n")
                .append("agi_channel: PJSIP/fuzz-00000001\nagi_language: en\nagi_type: PJSIP\n")
                .append("agi_uniqueid: ").append(uniqueId).append("\n\n");

        StringBuilder replies = new StringBuilder();
        while (next < items.length) {
            replies.append(items[next++]).append('\n');
        }

        int commands = 0;
        try (var loopback = BugDetectors.allowNetworkConnections((host, p) -> p == port && isLoopback(host));
             Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Asterisk-Java reads one reply per command, so replies sent ahead are read as the commands go out;
            // after the last one the socket is half-closed, as a peer that stops writing.
            out.write(env.append(replies).toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            while (in.readLine() != null) {
                commands++;
                assertThat(commands).as("commands the IVR sent on one call").isLessThanOrEqualTo(MAX_COMMANDS);
            }
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> RUNNING.get() == 0);
        assertThat(ESCAPED).as("exceptions escaping the IVR script").isEmpty();
        assertThat(core.ticketFrom(Channel.PHONE, uniqueId)).as("the call's ticket").isPresent();
        assertThat(listener.running()).isTrue();
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost");
    }
}
