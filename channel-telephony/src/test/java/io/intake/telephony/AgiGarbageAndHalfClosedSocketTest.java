package io.intake.telephony;

import io.intake.core.MutableClock;
import io.intake.core.directory.StaticCustomerDirectory;
import io.intake.core.site.SiteStatus;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.ticket.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regression tests named after the threat: whatever connects to the FastAGI port (a scanner, a broken PBX, a peer that
 * stops half-way) must not take the IVR down, and a call that had started still leaves a ticket. Hang-ups signalled
 * by Asterisk are covered by {@code IvrTest}; fuzzed environments and replies by {@code AgiFuzzTest}.
 */
@Timeout(60)
class AgiGarbageAndHalfClosedSocketTest {

    @TempDir
    Path dir;

    private TestCore core;
    private TelephonyChannel channel;
    private int port;

    @BeforeEach
    void start() throws Exception {
        MutableClock clock = new MutableClock(IvrTest.OFFICE_OPEN);
        core = new TestCore(dir, clock);
        port = TestCore.freePort();
        channel = new TelephonyChannel(TelephonyConfig.DEFAULTS.withAgi(TelephonyConfig.Agi.DEFAULTS.withPort(port)),
                core.gateway(), StaticCustomerDirectory.read(new ByteArrayInputStream("customers: []\n".getBytes(StandardCharsets.UTF_8)), "t"),
                SiteStatus.inMemory(), clock, BusinessCalendars.defaults().get("office"));
        channel.start();
    }

    @AfterEach
    void stop() throws Exception {
        channel.stop();
        core.close();
    }

    private void aNormalCallStillWorks(String uniqueId) throws Exception {
        FakeAsterisk.caller().presses("1").call(port, uniqueId);
        assertThat(core.ticketFrom(Channel.PHONE, uniqueId)).isPresent();
    }

    /** Sends bytes, half-closes, and answers whether the IVR closed its side within the time limit. */
    private boolean sendAndHalfClose(byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // drain whatever the IVR sends until it closes
            }
            return true;
        }
    }

    @Test
    void binaryGarbageInsteadOfAnAgiEnvironmentIsDroppedAndTheNextCallIsServed() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(8).nextBytes(garbage);
        assertThat(sendAndHalfClose(garbage)).isTrue();
        assertThat(sendAndHalfClose("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        aNormalCallStillWorks("after-garbage");
    }

    @Test
    void aPeerThatConnectsAndHalfClosesAtOnceIsDroppedAndTheNextCallIsServed() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(sendAndHalfClose(new byte[0])).isTrue();
        }
        aNormalCallStillWorks("after-empty-connections");
    }

    @Test
    void aCallHalfClosedRightAfterTheEnvironmentLeavesAnIncompleteTicket() throws Exception {
        String env = "agi_network: yes\nagi_network_script: ivr\nagi_request: agi://127.0.0.1:" + port + "/ivr\n"
                + "agi_channel: PJSIP/x-00000001\nagi_uniqueid: half-closed-1\nagi_callerid: 5550100\n\n";
        assertThat(sendAndHalfClose(env.getBytes(StandardCharsets.US_ASCII))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> core.ticketFrom(Channel.PHONE, "half-closed-1").isPresent());
        assertThat(core.ticketFrom(Channel.PHONE, "half-closed-1").orElseThrow().attributes()).containsEntry("incomplete", "true");
        aNormalCallStillWorks("after-half-close");
    }

    @Test
    void garbageRepliesMidCallEndTheCallWithATicketAndTheNextCallIsServed() throws Exception {
        String env = "agi_network: yes\nagi_network_script: ivr\nagi_request: agi://127.0.0.1:" + port + "/ivr\n"
                + "agi_channel: PJSIP/x-00000002\nagi_uniqueid: garbage-replies-1\nagi_callerid: \u0000\u001b[2J\n\n";
        String replies = "200 result=0\n\u0000\u0001\u0002 not a reply\n520 nonsense\n";
        assertThat(sendAndHalfClose((env + replies).getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> core.ticketFrom(Channel.PHONE, "garbage-replies-1").isPresent());
        aNormalCallStillWorks("after-garbage-replies");
    }
}
