package io.intake.email.internal;

import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import io.intake.email.DroppedPart;
import io.intake.email.MailAddress;
import io.intake.email.NormalisedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers accepted and rejected mail: decides (on the caller's thread, cheaply) whether to answer at all, then renders,
 * links the answer's Message-ID to the ticket (so a reply to the acknowledgement threads) and sends it on one background
 * thread, so a slow SMTP server never slows intake. The mail is already durable when this is called; an answer that
 * cannot be sent is logged and counted, never retried (acknowledgements are at most once).
 */
public final class Acknowledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("h:mm a z 'on' EEEE, MMMM d", Locale.US);
    private static final int QUEUE = 10_000;

    private final IntakeGateway gateway;
    private final SmtpSender sender;
    private final AckTemplates templates;
    private final AckMessages messages;
    private final LoopGuard guard;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<Severity, String> targets;
    private final boolean ackUpdates;
    private final ThreadPoolExecutor executor;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong suppressed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    volatile String lastError;
    volatile Instant lastErrorAt;

    /**
     * @param sender null sends nothing (every answer is counted as suppressed)
     */
    public Acknowledger(IntakeGateway gateway, SmtpSender sender, AckTemplates templates, AckMessages messages,
                        LoopGuard guard, Clock clock, ZoneId zone, Map<Severity, String> targets, boolean ackUpdates) {
        this.gateway = gateway;
        this.sender = sender;
        this.templates = templates;
        this.messages = messages;
        this.guard = guard;
        this.clock = clock;
        this.zone = zone;
        this.targets = targets;
        this.ackUpdates = ackUpdates;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "intake-email-ack");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** After {@code submit} answered Accepted. */
    public void accepted(NormalisedMail mail, Accepted accepted) {
        AckTemplates.Kind kind;
        switch (accepted.outcome()) {
            case CREATED:
                kind = AckTemplates.Kind.CREATED;
                break;
            case UPDATED:
                if (!ackUpdates) {
                    skip("it updates ticket " + accepted.ticketNumber() + " and updates are not acknowledged");
                    return;
                }
                kind = AckTemplates.Kind.UPDATED;
                break;
            default:
                skip("it is a duplicate of a mail already received");
                return;
        }
        LoopGuard.Decision decision = guard.judge(mail);
        if (!decision.answer()) {
            skip(decision.suppressedBecause());
            return;
        }
        Map<String, String> values = values(mail, decision.recipient());
        values.put("ticket", accepted.ticketNumber().toString());
        values.put("severity", accepted.severity().name());
        values.put("response_due", DUE.format(accepted.responseDue().atZone(zone)));
        values.put("response_target", targets.get(accepted.severity()).replace("{due}", values.get("response_due")));
        send(kind, mail, decision.recipient(), accepted.ticketNumber(), values);
    }

    /** After {@code submit} answered Rejected: the sender is told why, unless the mail must not be answered. */
    public void rejected(NormalisedMail mail, IntakeResult.Rejected rejected) {
        LoopGuard.Decision decision = guard.judge(mail);
        if (!decision.answer()) {
            skip(decision.suppressedBecause());
            return;
        }
        Map<String, String> values = values(mail, decision.recipient());
        values.put("reason", rejected.reason());
        send(AckTemplates.Kind.REJECTED, mail, decision.recipient(), null, values);
    }

    private void skip(String why) {
        suppressed.incrementAndGet();
        LOG.debug("No acknowledgement: {}", why);
    }

    private Map<String, String> values(NormalisedMail mail, MailAddress to) {
        Map<String, String> values = new HashMap<>();
        values.put("name", to.name() != null ? AckMessages.oneLine(to.name(), 100) : "there");
        values.put("subject", mail.subject().isBlank() ? "(no subject)" : AckMessages.oneLine(mail.subject(), 200));
        StringBuilder dropped = new StringBuilder();
        if (!mail.dropped().isEmpty()) {
            dropped.append("Some parts of your message were over our limits and were not kept:\n");
            for (DroppedPart part : mail.dropped()) {
                dropped.append("  - ").append(part.describe()).append('\n');
            }
            dropped.append("Please send them again in a smaller form, or as a link.");
        }
        values.put("dropped", dropped.toString());
        return values;
    }

    private void send(AckTemplates.Kind kind, NormalisedMail mail, MailAddress to, TicketNumber number,
                      Map<String, String> values) {
        if (sender == null) {
            skip("no SMTP server is configured (intake.email.smtp.url)");
            return;
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        executor.execute(() -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                String messageId = messages.newMessageId(number);
                if (number != null) {
                    gateway.link(messageId, number);
                }
                MimeMessage message = messages.build(sender.session(), to, mail, number,
                        templates.render(kind, values), messageId, clock.instant());
                sender.send(message, message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]);
                sent.incrementAndGet();
                LOG.debug("Sent {} acknowledgement {}", kind.name().toLowerCase(Locale.ROOT), messageId);
            } catch (MessagingException | RuntimeException e) {
                failed.incrementAndGet();
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                lastErrorAt = clock.instant();
                LOG.warn("Acknowledgement could not be sent (not retried): {}", e.toString());
            } finally {
                if (before != null) {
                    MDC.setContextMap(before);
                } else {
                    MDC.clear();
                }
            }
        });
    }

    public io.intake.email.EmailHealth health(java.util.List<io.intake.email.EmailHealth.Mailbox> mailboxes) {
        return new io.intake.email.EmailHealth(mailboxes, sent.get(), suppressed.get(), failed.get(), lastError, lastErrorAt);
    }

    /** Sends what is queued (waiting up to 10 s), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} acknowledgements were still queued at shutdown and are not sent", executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        if (sender != null) {
            sender.close();
        }
    }
}
