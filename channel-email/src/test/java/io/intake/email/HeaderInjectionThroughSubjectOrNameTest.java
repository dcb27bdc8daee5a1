package io.intake.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.intake.email.TestMails.deliver;
import static io.intake.email.TestMails.receivedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sender controls the subject and display name the acknowledgement repeats. Encoded words can carry CR LF; if they
 * reached a header line unchanged, the sender could add Bcc recipients or any header to mail we send.
 */
class HeaderInjectionThroughSubjectOrNameTest {

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

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    @Test
    void crLfInAnEncodedSubjectOrNameNeverBecomesAHeaderOrARecipient() throws Exception {
        MailboxConfig box = MailboxConfig.of("imap://127.0.0.1:" + greenMail.getImap().getPort(), "help@localhost", "help")
                .withPollInterval(Duration.ofMillis(100));
        gw = TestGateway.start(dataDir, EmailConfig.of(List.of(box),
                new SmtpConfig("smtp://127.0.0.1:" + greenMail.getSmtp().getPort(), null, null), "help@localhost"),
                new MemoryAttachmentStore());

        deliver(greenMail, "help@localhost", "From: " + word("Dana\r\nBcc: victim-name@evil.example\r\nX-Injected: name")
                + " <dana@example.com>\n"
                + "Subject: " + word("Help\r\nBcc: victim-subject@evil.example\r\nX-Injected: subject\r\n\r\nfake body") + "\n"
                + "Message-ID: <inject@example.com>\n\nhello\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> receivedBy(greenMail, "dana@example.com").size() == 1);
        MimeMessage ack = receivedBy(greenMail, "dana@example.com").get(0);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ack.writeTo(raw);
        String headerBlock = raw.toString(StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];

        assertThat(ack.getHeader("X-Injected")).isNull();
        assertThat(ack.getHeader("Bcc")).isNull();
        assertThat(headerBlock.lines()).noneMatch(l -> l.startsWith("Bcc:") || l.startsWith("X-Injected:"));
        assertThat(ack.getAllRecipients()).hasSize(1);
        assertThat(ack.getSubject()).doesNotContain("\r", "\n").startsWith("[#").contains("Help Bcc: victim-subject@evil.example");
        assertThat(greenMail.getReceivedMessages()).hasSize(2); // the customer's mail (delivered) and one acknowledgement
        assertThat(receivedBy(greenMail, "victim-name@evil.example")).isEmpty();
        assertThat(receivedBy(greenMail, "victim-subject@evil.example")).isEmpty();
    }
}
