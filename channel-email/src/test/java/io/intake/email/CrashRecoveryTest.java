package io.intake.email;

import com.icegreen.greenmail.util.GreenMail;
import io.intake.core.store.IntakeDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static io.intake.email.TestMails.deliver;
import static io.intake.email.TestMails.inboxSize;
import static io.intake.email.TestMails.unseenInInbox;
import static io.intake.email.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer killed (SIGKILL, in a child JVM) in the middle of a batch of 1,000 mails, then restarted, ends with
 * exactly one ticket or update per mail: whatever was committed but not yet marked seen is read again and answered as a
 * duplicate, and whatever was not committed is still unseen.
 */
class CrashRecoveryTest {

    static final int MAILS = 1_000;

    @TempDir
    Path dataDir;

    private DemoMailServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aConsumerKilledMidBatchAndRestartedYieldsExactlyOneTicketOrUpdatePerMail() throws Exception {
        server = DemoMailServer.start(0, 0);
        GreenMail greenMail = server.greenMail();
        int imapPort = server.imapPort();
        for (int i = 0; i < MAILS; i++) {
            boolean reply = i % 10 == 9; // every tenth mail answers the one before it
            deliver(greenMail, "help@localhost", reply
                    ? mail("crash-" + i + "@example.com", "dana@example.com", "Re: Case " + (i - 1), "More on it " + i,
                    "In-Reply-To: <crash-" + (i - 1) + "@example.com>")
                    : mail("crash-" + i + "@example.com", "dana@example.com", "Case " + i, "Phone " + i + " fails"));
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashConsumerMain.class.getName(),
                dataDir.toString(), String.valueOf(imapPort))
                .redirectErrorStream(true).redirectOutput(Path.of("target", "crash-consumer.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sources() >= MAILS / 4);
        } finally {
            child.destroyForcibly().waitFor();
        }
        long committedAtKill = sources();
        assertThat(committedAtKill).isLessThan(MAILS);

        try (TestGateway gw = TestGateway.start(dataDir, CrashConsumerMain.config(imapPort), new MemoryAttachmentStore())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> unseenInInbox(greenMail, "help@localhost") == 0 && gw.requests() >= MAILS);
            assertThat(inboxSize(greenMail, "help@localhost")).isEqualTo(MAILS);
            assertThat(gw.requests()).isEqualTo(MAILS);
            assertThat(gw.tickets()).hasSize(MAILS - MAILS / 10);
            assertThat(gw.tickets()).allSatisfy(t -> assertThat(t.updateCount()).isLessThanOrEqualTo(1));
        }
        assertThat(sources()).isEqualTo(MAILS);
    }

    /** Committed source references (one per ticket or update), read from the child's database while it runs. */
    private long sources() throws Exception {
        if (!dataDir.resolve("intake.mv.db").toFile().exists()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(IntakeDatabase.embeddedUrl(dataDir), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM intake_source WHERE channel = 'EMAIL'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // not migrated yet, or the child is taking the lock
        }
    }

}
