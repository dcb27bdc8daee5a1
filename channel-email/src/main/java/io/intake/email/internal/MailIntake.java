package io.intake.email.internal;

import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.email.EmailIntakeConverter;
import io.intake.email.MailNormaliser;
import io.intake.email.MailboxConfig;
import io.intake.email.NormalisedMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Handles one polled message: read its raw bytes, normalise, convert, {@code submit}, then tell the Camel mail consumer
 * what to do with it. Accepted or rejected: the exchange completes and the consumer marks the mail seen (or moves it).
 * Any failure: the exchange fails and the consumer leaves the mail unseen for the next poll; a message that keeps
 * failing while others go through, or that can never become a request, is recorded with
 * {@link IntakeGateway#reject} and moved to the quarantine folder.
 */
public final class MailIntake implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    private final MailboxConfig mailbox;
    private final MailNormaliser normaliser;
    private final EmailIntakeConverter converter;
    private final IntakeGateway gateway;
    private final Acknowledger acks;
    private final AttemptLedger ledger;
    private final MailboxStats stats;
    private final Clock clock;

    public MailIntake(MailboxConfig mailbox, MailNormaliser normaliser, EmailIntakeConverter converter,
                      IntakeGateway gateway, Acknowledger acks, AttemptLedger ledger, MailboxStats stats, Clock clock) {
        this.mailbox = mailbox;
        this.normaliser = normaliser;
        this.converter = converter;
        this.gateway = gateway;
        this.acks = acks;
        this.ledger = ledger;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message original = exchange.getIn(MailMessage.class).getOriginalMessage();
        stats.received.incrementAndGet();
        byte[] raw = read(original, normaliser.limits().maxMessageBytes() + 1);
        NormalisedMail mail = normaliser.normalise(raw);
        String key = EmailIntakeConverter.sourceRef(mail);
        try (MDC.MDCCloseable c = MDC.putCloseable("channel", "email");
             MDC.MDCCloseable s = MDC.putCloseable("source", key)) {
            handle(exchange, original, mail, key);
        } finally {
            MDC.remove("ticket");
        }
    }

    private void handle(Exchange exchange, Message original, NormalisedMail mail, String key) {
        IntakeRequest request;
        try {
            request = converter.convert(mail, receivedAt(original));
        } catch (InvalidFieldException e) {
            quarantine(exchange, key, "the mail cannot become a request: " + e.getMessage(), e.field());
            return;
        } catch (RuntimeException e) {
            fail(exchange, key, "storing its attachments failed", e);
            return;
        }
        IntakeResult result;
        try {
            result = gateway.submit(request);
        } catch (RuntimeException e) {
            fail(exchange, key, "submitting it failed", e);
            return;
        }
        ledger.succeeded(key);
        if (result instanceof Accepted accepted) {
            MDC.put("ticket", accepted.ticketNumber().toString());
            stats.accepted.incrementAndGet();
            LOG.debug("Mail {} is {} of ticket {}", key, accepted.outcome(), accepted.ticketNumber());
            acks.accepted(mail, accepted);
        } else if (result instanceof IntakeResult.Rejected rejected) {
            stats.rejected.incrementAndGet();
            acks.rejected(mail, rejected);
        }
    }

    /** The failure is counted; the mail stays unseen (or, when it is poison, is quarantined). */
    private void fail(Exchange exchange, String key, String what, RuntimeException e) {
        int attempts = ledger.failed(key);
        stats.error(what + ": " + e.getMessage());
        if (ledger.isPoison(key, mailbox.maxAttempts())) {
            quarantine(exchange, key, what + " " + attempts + " times while other mail went through: " + e.getMessage(), "email");
            return;
        }
        stats.retried.incrementAndGet();
        LOG.warn("Mail {} left unseen for retry (attempt {} of {}): {} ({})", key, attempts, mailbox.maxAttempts(), what,
                e.toString());
        exchange.setException(new RetryLaterException(what, e));
    }

    private void quarantine(Exchange exchange, String key, String reason, String field) {
        try {
            gateway.reject(Channel.EMAIL, key, reason, List.of(new FieldProblem(field, reason)));
        } catch (RuntimeException e) {
            stats.retried.incrementAndGet();
            LOG.warn("Mail {} could not be recorded as rejected; left unseen for retry: {}", key, e.toString());
            exchange.setException(new RetryLaterException("recording the rejection failed", e));
            return;
        }
        ledger.forget(key);
        stats.quarantined.incrementAndGet();
        if (!mailbox.isPop3()) {
            exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO, mailbox.quarantineFolder());
        }
        LOG.warn("Mail {} quarantined in {}: {}", key, mailbox.isPop3() ? "the rejection log (POP3 has no folders)"
                : mailbox.quarantineFolder(), reason);
    }

    /** When the mail server received it (the SLA clock starts there), never later than now. */
    private Instant receivedAt(Message original) {
        Instant now = clock.instant();
        try {
            Date date = original.getReceivedDate();
            return date == null || date.toInstant().isAfter(now) ? now : date.toInstant();
        } catch (MessagingException e) {
            return now;
        }
    }

    private static byte[] read(Message message, long max) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        message.writeTo(new OutputStream() {
            private long written;

            @Override
            public void write(int b) {
                if (written++ < max) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                int keep = (int) Math.max(0, Math.min(len, max - written));
                out.write(b, off, keep);
                written += len;
            }
        });
        return out.toByteArray();
    }

    /** Fails the exchange so the consumer rolls back: the mail stays unseen and is read again at the next poll. */
    static final class RetryLaterException extends RuntimeException {
        RetryLaterException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
