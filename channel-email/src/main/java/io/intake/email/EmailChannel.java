package io.intake.email;

import io.intake.core.IntakeGateway;
import io.intake.email.internal.AckMessages;
import io.intake.email.internal.AckTemplates;
import io.intake.email.internal.Acknowledger;
import io.intake.email.internal.AttemptLedger;
import io.intake.email.internal.LoopGuard;
import io.intake.email.internal.MailIntake;
import io.intake.email.internal.MailboxRoutes;
import io.intake.email.internal.MailboxStats;
import io.intake.email.internal.RecipientLimit;
import io.intake.email.internal.SmtpSender;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The email channel: polls the configured mailboxes, turns each mail into one {@code IntakeRequest}, submits it, marks
 * it seen only once it is durable, quarantines poison messages, and acknowledges new tickets over SMTP with loop
 * protection.
 *
 * <pre>{@code
 * EmailChannel email = new EmailChannel(config, core.gateway(camel), attachmentStore, Clock.systemUTC());
 * camel.addRoutes(email.routes());
 * camel.start();
 * ...
 * email.health();       // last poll and errors per mailbox, acknowledgement counters
 * camel.close();
 * email.close();        // sends queued acknowledgements, closes the SMTP connection
 * }</pre>
 */
public final class EmailChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);
    /** The left part of our acknowledgements' Message-ID domain: {@code ack.…@intake.<from domain>}. */
    public static final String MESSAGE_ID_SUBDOMAIN = "intake.";

    private final EmailConfig config;
    private final Acknowledger acks;
    private final List<MailboxRoutes.Mailbox> mailboxes = new ArrayList<>();

    public EmailChannel(EmailConfig config, IntakeGateway gateway, AttachmentStore attachments, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(clock, "clock");
        String idDomain = MESSAGE_ID_SUBDOMAIN + config.fromDomain();
        SmtpSender sender = config.smtp() == null ? null : new SmtpSender(config.smtp(), config.from());
        this.acks = new Acknowledger(gateway, sender, AckTemplates.load(config.templateFolder()),
                new AckMessages(config.from(), config.fromName(), idDomain),
                new LoopGuard(config.from(), idDomain, new RecipientLimit(config.ackLimit(), config.ackLimitWindow(), clock)),
                clock, config.zone(), config.responseTargets(), config.ackUpdates());
        MailNormaliser normaliser = new MailNormaliser(config.limits());
        EmailIntakeConverter converter = new EmailIntakeConverter(attachments);
        AttemptLedger ledger = new AttemptLedger();
        for (MailboxConfig mailbox : config.mailboxes()) {
            MailboxStats stats = new MailboxStats(mailbox, clock);
            mailboxes.add(new MailboxRoutes.Mailbox(mailbox,
                    new MailIntake(mailbox, normaliser, converter, gateway, acks, ledger, stats, clock), stats));
        }
        if (config.smtp() == null) {
            LOG.warn("No SMTP server configured (intake.email.smtp.url): mail is received but never acknowledged");
        }
        LOG.info("Email channel: {} mailbox(es) {}, acknowledgements from {}", mailboxes.size(),
                mailboxes.stream().map(m -> m.stats().label()).toList(), config.fromDomain());
    }

    /** One polling route per configured mailbox, to add to the context the gateway was made from. */
    public RoutesBuilder routes() {
        return new MailboxRoutes(mailboxes);
    }

    public EmailConfig config() {
        return config;
    }

    /** Last poll and errors per mailbox, and the acknowledgement counters. */
    public EmailHealth health() {
        return acks.health(mailboxes.stream().map(m -> m.stats().snapshot()).toList());
    }

    /** Sends the acknowledgements still queued (waiting up to 10 s) and closes the SMTP connection. Stop Camel first. */
    @Override
    public void close() {
        acks.close();
    }
}
