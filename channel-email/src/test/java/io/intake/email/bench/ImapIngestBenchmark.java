package io.intake.email.bench;

import io.intake.core.IntakeCore;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Severity;
import io.intake.core.tracker.JdbcTrackerStore;
import io.intake.email.AttachmentStore;
import io.intake.email.DemoMailServer;
import io.intake.email.EmailChannel;
import io.intake.email.EmailConfig;
import io.intake.email.MailboxConfig;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * End-to-end ingest: N mails waiting in an IMAP mailbox (embedded GreenMail, TCP_NODELAY) become tickets in the JDBC
 * tracker store (H2 file), through the real core (H2 file intake store, outbox, delivery) and the email channel,
 * acknowledgements included (sent to the same GreenMail over SMTP). Measures from the channel's start until the
 * tracker holds every ticket. Usage: {@code ImapIngestBenchmark [mails] [acks true|false]}.
 */
public final class ImapIngestBenchmark {

    static final int BACKLOG = 100;

    private ImapIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        boolean acks = args.length <= 1 || Boolean.parseBoolean(args[1]);
        Path dir = Files.createTempDirectory("imap-bench");
        try (DemoMailServer server = DemoMailServer.start(0, 0)) {
            var user = server.greenMail().getUserManager().getUserByEmail(DemoMailServer.ADDRESS);
            var inbox = server.greenMail().getManagers().getImapHostManager().getInbox(user);
            Session session = Session.getInstance(new Properties());
            // GreenMail's IMAP server does work proportional to the square of the folder size per FETCH, so the mails
            // arrive as a stream with at most BACKLOG waiting, and the channel moves accepted ones to "Processed".
            Thread feeder = new Thread(() -> {
                try {
                    for (int i = 0; i < mails; i++) {
                        while (inbox.getMessageCount() >= BACKLOG) {
                            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                        }
                        user.deliver(new MimeMessage(session, new ByteArrayInputStream(mail(i))));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-feeder");
            feeder.setDaemon(true);

            IntakeDatabase db = IntakeDatabase.embedded(dir.resolve("intake"));
            JdbcTrackerStore tracker = new JdbcTrackerStore(JdbcTrackerStore.h2File(dir.resolve("tracker")));
            IntakeCore core = IntakeCore.builder(db, request -> request.body().contains("down")
                            ? new Classification(Severity.CRITICAL, "bench.down", "says down")
                            : new Classification(Severity.LOW, "bench.other", "anything else"), AgreementSlaPolicy.defaults())
                    .trackerSink(tracker)
                    .delivery(new DeliveryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), 200,
                            Duration.ofMillis(50), Duration.ofSeconds(30)))
                    .build();
            CamelContext camel = new DefaultCamelContext();
            camel.addRoutes(core.routes());
            MailboxConfig box = server.mailbox().withPollInterval(Duration.ofMillis(50)).withProcessedFolder("Processed");
            EmailConfig config = EmailConfig.of(List.of(box), acks ? server.smtp() : null, DemoMailServer.ADDRESS)
                    .withAcks(false, 1_000_000, Duration.ofHours(1));
            AttachmentStore attachments = content -> "sha256:none";
            EmailChannel channel = new EmailChannel(config, core.gateway(camel), attachments, Clock.systemUTC());
            camel.addRoutes(channel.routes());

            long start = System.nanoTime();
            feeder.start();
            camel.start();
            long lastReport = start;
            long committed = 0;
            while (tracker.countTickets() < mails) {
                Thread.sleep(250); // a harness polling a counter, not a test
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    committed = core.store().summaries(1).isEmpty() ? 0 : channel.health().mailboxes().get(0).accepted();
                    System.out.printf(Locale.ROOT, "  %.0f s: committed %d, in tracker %d%n", (lastReport - start) / 1e9,
                            committed, tracker.countTickets());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "end-to-end: %d mails IMAP -> tickets in JDBC tracker in %.1f s = %.0f mails/s"
                            + " (acks %s: sent %d)%n", mails, seconds, mails / seconds, acks ? "on" : "off",
                    channel.health().acksSent());
            camel.close();
            channel.close();
            db.close();
        }
    }

    static byte[] mail(int i) {
        String text = ("From: Customer " + i + " <customer" + (i % 500) + "@example.com>\r\n"
                + "To: help@localhost\r\n"
                + "Subject: Phone problem " + i + "\r\n"
                + "Message-ID: <bench-" + i + "@example.com>\r\n"
                + "Date: Wed, 10 Jun 2026 14:15:00 -0400\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Hello,\r\n\r\nthe handset at desk " + i + (i % 7 == 0 ? " is down" : " has no dial tone sometimes")
                + ". Please help.\r\n\r\n-- \r\nCustomer " + i + "\r\n");
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
