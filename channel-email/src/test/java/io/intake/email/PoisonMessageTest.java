package io.intake.email;

import io.intake.core.FailingGateway;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.intake.email.TestMails.deliver;
import static io.intake.email.TestMails.folderState;
import static io.intake.email.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A message that keeps failing is quarantined while the rest flow; an outage quarantines nothing. */
class PoisonMessageTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("help@localhost", "help@localhost", "help"))
            .withPerMethodLifecycle(true);

    @TempDir
    Path dataDir;

    private TestGateway gw;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    private static EmailConfig config() {
        MailboxConfig box = MailboxConfig.of("imap://127.0.0.1:" + greenMail.getImap().getPort(), "help@localhost", "help")
                .withPollInterval(Duration.ofMillis(100)).withMaxAttempts(2);
        return EmailConfig.of(List.of(box), null, "help@localhost");
    }

    private static int[] inbox() throws Exception {
        return folderState(greenMail.getImap().getPort(), "help@localhost", "help", "INBOX");
    }

    private static int[] quarantine() throws Exception {
        return folderState(greenMail.getImap().getPort(), "help@localhost", "help", "Quarantine");
    }

    private static void deliverBatchWithPoison() {
        deliver(greenMail, "help@localhost", mail("good-1@example.com", "dana@example.com", "One", "first"));
        deliver(greenMail, "help@localhost", """
                From: dana@example.com
                Subject: Poison
                Message-ID: <poison@example.com>
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see attachment
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename=poison.bin

                xxxx
                --b--
                """);
        deliver(greenMail, "help@localhost", mail("good-2@example.com", "dana@example.com", "Two", "second"));
    }

    @Test
    void aMessageWhoseAttachmentsCannotBeStoredIsQuarantinedWhileTheRestFlow() throws Exception {
        gw = TestGateway.start(dataDir, config(), new MemoryAttachmentStore("poison.bin"));
        deliverBatchWithPoison();

        await().atMost(Duration.ofSeconds(20)).until(() -> quarantine()[0] == 1);
        await().until(() -> inbox()[0] == 2 && inbox()[1] == 2);
        assertThat(gw.tickets()).hasSize(2);
        assertThat(gw.core.store().rejectionCount()).isEqualTo(1);
        EmailHealth.Mailbox health = gw.channel.health().mailboxes().get(0);
        assertThat(health.quarantined()).isEqualTo(1);
        assertThat(health.retried()).isEqualTo(1);
        assertThat(health.lastError()).contains("storing its attachments failed");
    }

    @Test
    void aMessageThatMakesSubmitThrowIsQuarantinedWhileTheRestFlow() throws Exception {
        gw = TestGateway.start(dataDir, config(), new MemoryAttachmentStore(),
                gateway -> new FailingGateway(gateway, r -> r.subject().equals("Poison")));
        deliverBatchWithPoison();

        await().atMost(Duration.ofSeconds(20)).until(() -> quarantine()[0] == 1);
        await().until(() -> inbox()[0] == 2);
        assertThat(gw.tickets()).hasSize(2);
        assertThat(gw.core.store().rejectionCount()).isEqualTo(1);
    }

    @Test
    void anOutageLeavesEveryMessageUnseenAndQuarantinesNothing() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        gw = TestGateway.start(dataDir, config(), new MemoryAttachmentStore(),
                gateway -> new FailingGateway(gateway, r -> down.get()));
        deliver(greenMail, "help@localhost", mail("o1@example.com", "dana@example.com", "One", "first"));
        deliver(greenMail, "help@localhost", mail("o2@example.com", "dana@example.com", "Two", "second"));

        await().until(() -> gw.channel.health().mailboxes().get(0).retried() >= 6);
        assertThat(inbox()).containsExactly(2, 0);
        assertThat(quarantine()[0]).isLessThanOrEqualTo(0);

        down.set(false);
        await().until(() -> gw.tickets().size() == 2 && inbox()[1] == 2);
        assertThat(gw.core.store().rejectionCount()).isZero();
    }
}
