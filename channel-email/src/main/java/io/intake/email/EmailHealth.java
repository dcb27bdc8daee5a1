package io.intake.email;

import java.time.Instant;
import java.util.List;

/**
 * What the email channel reports for health checks and the monitor page.
 *
 * @param mailboxes            one entry per polled mailbox, in configuration order
 * @param acksSent             acknowledgements (and rejection notices) handed to the SMTP server
 * @param acksSuppressed       mails deliberately not answered (machine-generated, bounces, limits, duplicates...)
 * @param acksFailed           acknowledgements that could not be sent
 * @param lastAckError         the last sending error, or null
 * @param lastAckErrorAt       when it happened, or null
 */
public record EmailHealth(List<Mailbox> mailboxes, long acksSent, long acksSuppressed, long acksFailed,
                          String lastAckError, Instant lastAckErrorAt) {

    public EmailHealth {
        mailboxes = List.copyOf(mailboxes);
    }

    /** Up when every mailbox's last poll succeeded (a mailbox that has not polled yet counts as up). */
    public boolean up() {
        return mailboxes.stream().allMatch(Mailbox::up);
    }

    /**
     * One mailbox.
     *
     * @param mailbox        a label without password (user shortened): protocol, host, port, folder
     * @param lastPoll       when the last poll ended, successful or not; null before the first
     * @param lastSuccessfulPoll when the last poll succeeded; null before the first
     * @param received       messages read
     * @param accepted       messages that became a ticket, an update or a known duplicate
     * @param rejected       messages refused (recorded with the reason)
     * @param retried        attempts rolled back to be retried (the message stayed unseen)
     * @param quarantined    messages moved to the quarantine folder
     * @param lastError      the last poll or message error, or null
     * @param lastErrorAt    when it happened, or null
     */
    public record Mailbox(String mailbox, Instant lastPoll, Instant lastSuccessfulPoll, long received, long accepted,
                          long rejected, long retried, long quarantined, String lastError, Instant lastErrorAt) {

        public boolean up() {
            return lastPoll == null || lastPoll.equals(lastSuccessfulPoll);
        }
    }
}
