package io.intake.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.intake.core.store.TicketSummary;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.ticket.UpdateKind;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.intake.email.TestMails.deliver;
import static io.intake.email.TestMails.header;
import static io.intake.email.TestMails.mail;
import static io.intake.email.TestMails.receivedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail in, ticket, acknowledgement out, replies, bounces and autoresponders: GreenMail and the real core. */
class EmailChannelTest {

    static final String DANA = "dana@example.com";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("help@localhost", "help@localhost", "help")
                    .withUser("support@localhost", "support@localhost", "support"))
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

    static MailboxConfig help() {
        return MailboxConfig.of("imap://127.0.0.1:" + greenMail.getImap().getPort(), "help@localhost", "help")
                .withPollInterval(Duration.ofMillis(100));
    }

    static EmailConfig config(MailboxConfig... boxes) {
        return EmailConfig.of(List.of(boxes), new SmtpConfig("smtp://127.0.0.1:" + greenMail.getSmtp().getPort(), null, null),
                "help@localhost");
    }

    private TestGateway start(EmailConfig config) throws Exception {
        gw = TestGateway.start(dataDir, config, new MemoryAttachmentStore());
        return gw;
    }

    private static List<MimeMessage> acksTo(String address) {
        return receivedBy(greenMail, address);
    }

    /** Sends Dana's first mail over SMTP and waits for its ticket and acknowledgement. */
    private Opened openTicket() throws Exception {
        TestMails.send(greenMail.getSmtp().getPort(), DANA, "help@localhost", mail("m1@example.com",
                "Dana Reyes <" + DANA + ">", "Phones down at main office", "All our phones are down since 9am."));
        await().atMost(Duration.ofSeconds(20)).until(() -> gw.tickets().size() == 1 && acksTo(DANA).size() == 1);
        TicketSummary ticket = gw.tickets().get(0);
        return new Opened(ticket.number(), acksTo(DANA).get(0));
    }

    record Opened(TicketNumber number, MimeMessage ack) {
        String ackId() throws Exception {
            String id = ack.getMessageID();
            return id.substring(1, id.length() - 1);
        }
    }

    @Test
    void newMailBecomesATicketAndIsAcknowledgedInTheSameThread() throws Exception {
        start(config(help()));
        Opened opened = openTicket();

        TicketSummary ticket = gw.tickets().get(0);
        assertThat(ticket.severity()).isEqualTo(Severity.CRITICAL);
        MimeMessage ack = opened.ack();
        assertThat(ack.getSubject()).isEqualTo("[#" + opened.number() + "] Phones down at main office");
        assertThat(header(ack, "In-Reply-To")).isEqualTo("<m1@example.com>");
        assertThat(header(ack, "References")).isEqualTo("<m1@example.com>");
        assertThat(header(ack, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(header(ack, "X-Auto-Response-Suppress")).isEqualTo("All");
        assertThat(opened.ackId()).startsWith("ack." + opened.number() + ".").endsWith("@intake.localhost");
        assertThat(ack.getFrom()[0].toString()).isEqualTo("help@localhost");
        String body = (String) ack.getContent();
        assertThat(body).contains("ticket #" + opened.number(), "Severity: CRITICAL",
                "within 15 minutes; we will acknowledge at the latest by ", "Hello Dana Reyes");
        await().until(() -> TestMails.folderState(greenMail.getImap().getPort(), "help@localhost", "help", "INBOX")[1] == 1);
        assertThat(gw.channel.health().mailboxes().get(0).lastSuccessfulPoll()).isNotNull();
        assertThat(gw.channel.health().acksSent()).isEqualTo(1);
    }

    @Nested
    class Threading {

        @Test
        void replyTaggedWithTheTicketNumberBecomesAnUpdateWithoutAnotherAcknowledgement() throws Exception {
            start(config(help()));
            Opened opened = openTicket();

            deliver(greenMail, "help@localhost", mail("m2@example.com", DANA, "Re: [#" + opened.number() + "] Phones down",
                    "Still down after reboot."));

            await().until(() -> gw.updates(opened.number()).size() == 1);
            assertThat(gw.tickets()).hasSize(1);
            assertThat(gw.updates(opened.number()).get(0).kind()).isEqualTo(UpdateKind.COMMENT);
            assertThat(acksTo(DANA)).hasSize(1);
        }

        @Test
        void replyToTheAcknowledgementThreadsByInReplyTo() throws Exception {
            start(config(help()));
            Opened opened = openTicket();

            deliver(greenMail, "help@localhost", mail("m3@example.com", DANA, "Thanks", "Here is the site address.",
                    "In-Reply-To: <" + opened.ackId() + ">", "References: <m1@example.com> <" + opened.ackId() + ">"));

            await().until(() -> gw.updates(opened.number()).size() == 1);
            assertThat(gw.tickets()).hasSize(1);
            assertThat(gw.updates(opened.number()).get(0).body()).contains("site address");
            assertThat(acksTo(DANA)).hasSize(1);
        }

        @Test
        void aBounceOfTheAcknowledgementAttachesToTheTicketAndIsNeverAnswered() throws Exception {
            start(config(help()));
            Opened opened = openTicket();

            deliver(greenMail, "help@localhost", bounceOf(opened.ackId(), opened.number()));

            await().until(() -> gw.updates(opened.number()).size() == 1);
            TicketUpdate update = gw.updates(opened.number()).get(0);
            assertThat(update.kind()).isEqualTo(UpdateKind.BOUNCE);
            assertThat(gw.tickets()).hasSize(1);
            assertThat(receivedBy(greenMail, "MAILER-DAEMON@mx.example.com")).isEmpty();
            assertThat(gw.channel.health().acksSent()).isEqualTo(1);
        }

        @Test
        void anOutOfOfficeReplyToTheAcknowledgementIsAnUpdateAndStartsNoLoop() throws Exception {
            start(config(help()));
            Opened opened = openTicket();

            deliver(greenMail, "help@localhost", mail("ooo-1@example.com", DANA,
                    "Automatic reply: [#" + opened.number() + "] Phones down at main office",
                    "I am out of the office until Monday.", "Auto-Submitted: auto-replied",
                    "In-Reply-To: <" + opened.ackId() + ">"));
            // an autoresponder that marks nothing and threads nothing: a new ticket, answered once, and its reply stops
            deliver(greenMail, "help@localhost", mail("ooo-2@example.net", "Away <away@example.net>",
                    "Out of office", "I am away."));

            await().until(() -> gw.updates(opened.number()).size() == 1 && gw.tickets().size() == 2
                    && acksTo("away@example.net").size() == 1);
            MimeMessage ackToAway = acksTo("away@example.net").get(0);
            String ackId = ackToAway.getMessageID();
            deliver(greenMail, "help@localhost", mail("ooo-3@example.net", "Away <away@example.net>",
                    "Out of office", "I am away.", "In-Reply-To: " + ackId));

            await().until(() -> gw.requests() == 4);
            assertThat(acksTo(DANA)).hasSize(1);
            assertThat(acksTo("away@example.net")).hasSize(1);
            assertThat(gw.tickets()).hasSize(2);
        }
    }

    @Test
    void theSameMailInTwoMailboxesYieldsOneTicketAndOneAcknowledgement() throws Exception {
        MailboxConfig support = MailboxConfig.of("imap://127.0.0.1:" + greenMail.getImap().getPort(),
                "support@localhost", "support").withPollInterval(Duration.ofMillis(100));
        start(config(help(), support));
        String text = mail("both@example.com", DANA, "Fax line dead", "The fax line does not answer.");
        deliver(greenMail, "help@localhost", text);
        deliver(greenMail, "support@localhost", text);

        int port = greenMail.getImap().getPort();
        await().until(() -> TestMails.folderState(port, "help@localhost", "help", "INBOX")[1] == 1
                && TestMails.folderState(port, "support@localhost", "support", "INBOX")[1] == 1);
        assertThat(gw.tickets()).hasSize(1);
        await().until(() -> acksTo(DANA).size() == 1);
        assertThat(gw.channel.health().mailboxes()).hasSize(2)
                .allSatisfy(m -> assertThat(m.accepted()).isEqualTo(1));
    }

    @Test
    void perRecipientLimitCapsAcknowledgements() throws Exception {
        start(config(help()).withAcks(false, 2, Duration.ofHours(1)));
        for (int i = 0; i < 4; i++) {
            deliver(greenMail, "help@localhost", mail("many-" + i + "@example.com", DANA, "Question " + i, "How do I " + i + "?"));
        }

        await().until(() -> gw.tickets().size() == 4 && gw.channel.health().acksSuppressed() == 2);
        await().until(() -> acksTo(DANA).size() == 2);
        assertThat(gw.channel.health().acksSent()).isEqualTo(2);
    }

    @Test
    void aTemplateFolderReplacesTheShippedTemplateAndDroppedPartsAreTold(@TempDir Path templates) throws Exception {
        Files.writeString(templates.resolve("ack.txt"), "Ticket ${ticket} (${severity}): ${response_target}\n${dropped}\n");
        start(config(help()).withTemplateFolder(templates).withLimits(new MailLimits(1 << 20, 10, 5, 8, 10_000)));
        deliver(greenMail, "help@localhost", """
                From: Dana <dana@example.com>
                Subject: Config file
                Message-ID: <att@example.com>
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                See the attached config.
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename=phone.cfg

                0123456789abcdef
                --b--
                """);

        await().until(() -> acksTo(DANA).size() == 1);
        String body = (String) acksTo(DANA).get(0).getContent();
        assertThat(body).startsWith("Ticket " + gw.tickets().get(0).number() + " (LOW): within one business day, at the latest by ")
                .contains("Dropped attachment 'phone.cfg'");
    }

    @Test
    void pop3MailboxesYieldOneTicketPerMailAcrossPolls() throws Exception {
        MailboxConfig pop = MailboxConfig.of("pop3://127.0.0.1:" + greenMail.getPop3().getPort(), "help@localhost", "help")
                .withPollInterval(Duration.ofMillis(100));
        start(config(pop));
        deliver(greenMail, "help@localhost", mail("p1@example.com", DANA, "One", "first"));
        deliver(greenMail, "help@localhost", mail("p2@example.com", DANA, "Two", "second"));

        await().until(() -> gw.tickets().size() == 2 && acksTo(DANA).size() == 2);
        long polls = 0;
        await().until(() -> gw.channel.health().mailboxes().get(0).lastSuccessfulPoll() != null);
        assertThat(gw.tickets()).hasSize(2);
        assertThat(gw.channel.health().mailboxes().get(0).accepted()).isEqualTo(2 + polls);
    }

    static String bounceOf(String ackId, TicketNumber number) {
        return """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                To: help@localhost
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce-1@mx.example.com>
                Return-Path: <>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                This is the mail system. Your message could not be delivered to dana@example.com.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; dana@example.com
                Action: failed
                Status: 5.1.1
                --b
                Content-Type: text/rfc822-headers

                From: help@localhost
                Message-ID: <%s>
                Subject: [#%s] Phones down at main office

                --b--
                """.formatted(ackId, number);
    }
}
