package io.intake.email.internal;

import io.intake.email.EmailHealth;
import io.intake.email.MailboxConfig;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters and poll times of one mailbox. Also its Camel poll strategy, which is how a failed poll (server down,
 * bad password) is seen: logged once per change of state, retried at the next poll.
 */
public final class MailboxStats implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxStats.class);

    private final String label;
    private final Clock clock;
    final AtomicLong received = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    private volatile Instant lastPoll;
    private volatile Instant lastSuccessfulPoll;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile boolean failing;

    public MailboxStats(MailboxConfig mailbox, Clock clock) {
        this.label = mailbox.label();
        this.clock = clock;
    }

    public String label() {
        return label;
    }

    void error(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        Instant now = clock.instant();
        lastPoll = now;
        lastSuccessfulPoll = now;
        if (failing) {
            failing = false;
            LOG.info("Mailbox {} polled again after errors", label);
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        lastPoll = clock.instant();
        error(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        if (!failing) {
            failing = true;
            LOG.warn("Polling mailbox {} failed; retrying at the next poll: {}", label, cause.toString());
        } else {
            LOG.debug("Polling mailbox {} failed again: {}", label, cause.toString());
        }
        return false;
    }

    public EmailHealth.Mailbox snapshot() {
        return new EmailHealth.Mailbox(label, lastPoll, lastSuccessfulPoll, received.get(), accepted.get(),
                rejected.get(), retried.get(), quarantined.get(), lastError, lastErrorAt);
    }
}
