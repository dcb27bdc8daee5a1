package io.intake.email.internal;

import io.intake.email.MailAddress;
import io.intake.email.NormalisedMail;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a mail may be answered at all, and to whom: never machine-generated mail (the normaliser's
 * {@link LoopSignals}), bounces, mail from our own address or carrying one of our own Message-IDs, nor mail whose
 * answer would go to a mail daemon or to ourselves; and at most so many answers per recipient ({@link RecipientLimit}).
 */
public final class LoopGuard {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"()\\[\\]\\\\]+@[^@\\s<>,;\"()\\[\\]\\\\]+");
    private static final Pattern DAEMON = Pattern.compile("(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|"
            + "no-?reply|do-?not-?reply|bounces?)([+-][^@]*)?@.*$");

    /** Whom to answer, or why not. */
    public record Decision(MailAddress recipient, String suppressedBecause) {
        public boolean answer() {
            return suppressedBecause == null;
        }

        static Decision no(String why) {
            return new Decision(null, why);
        }
    }

    private final String ownAddress;
    private final String ownMessageIdDomain;
    private final RecipientLimit limit;

    /**
     * @param ownAddress         our From address
     * @param ownMessageIdDomain the domain of the Message-IDs we generate
     */
    public LoopGuard(String ownAddress, String ownMessageIdDomain, RecipientLimit limit) {
        this.ownAddress = ownAddress.toLowerCase(Locale.ROOT);
        this.ownMessageIdDomain = ownMessageIdDomain.toLowerCase(Locale.ROOT);
        this.limit = limit;
    }

    /** The answer's recipient (Reply-To when present, else From) if this mail may be answered; else the reason. */
    public Decision judge(NormalisedMail mail) {
        if (mail.bounce()) {
            return Decision.no("it is a delivery failure report");
        }
        if (mail.autoSubmitted()) {
            return Decision.no("it is machine-generated (" + String.join("; ", mail.autoReasons()) + ")");
        }
        if (mail.from() != null && mail.from().address().strip().equalsIgnoreCase(ownAddress)) {
            return Decision.no("it is from our own address");
        }
        if (mail.messageId() != null && mail.messageId().toLowerCase(Locale.ROOT).endsWith("@" + ownMessageIdDomain)) {
            return Decision.no("it carries one of our own Message-IDs");
        }
        Optional<MailAddress> recipient = recipient(mail);
        if (recipient.isEmpty()) {
            return Decision.no("it names no address to answer");
        }
        String address = recipient.get().address().strip();
        if (address.equalsIgnoreCase(ownAddress)) {
            return Decision.no("the answer would go to our own address");
        }
        if (DAEMON.matcher(address).matches()) {
            return Decision.no("the answer would go to a mail system address");
        }
        if (!limit.tryAcquire(address)) {
            return Decision.no("the recipient's acknowledgement limit is reached");
        }
        return new Decision(recipient.get(), null);
    }

    private static Optional<MailAddress> recipient(NormalisedMail mail) {
        for (MailAddress a : mail.replyTo()) {
            if (ADDRESS.matcher(a.address().strip()).matches()) {
                return Optional.of(a);
            }
        }
        if (mail.from() != null && ADDRESS.matcher(mail.from().address().strip()).matches()) {
            return Optional.of(mail.from());
        }
        return Optional.empty();
    }
}
