package io.intake.email;

import io.intake.core.InvalidFieldException;

/**
 * How much of a mail the normaliser reads. Over a limit the mail still normalises: the offending parts are dropped
 * and each drop is described in {@link NormalisedMail#dropped()} so the ticket and the sender can be told.
 *
 * @param maxMessageBytes    a larger message is read only up to this many bytes, and its attachments are dropped
 * @param maxAttachmentBytes a larger attachment (after transfer decoding) is dropped
 * @param maxAttachmentCount attachments past this many are dropped
 * @param maxNestingDepth    multiparts and forwarded messages nested deeper than this are not opened
 * @param maxBodyChars       body text past this many characters is cut off
 */
public record MailLimits(long maxMessageBytes, long maxAttachmentBytes, int maxAttachmentCount, int maxNestingDepth,
                         int maxBodyChars) {

    /** 25 MiB messages, 10 MiB attachments, 50 attachments, 16 levels, 200,000 characters of body. */
    public static final MailLimits DEFAULTS = new MailLimits(25L << 20, 10L << 20, 50, 16, 200_000);

    public MailLimits {
        positive("max_message_bytes", maxMessageBytes);
        positive("max_attachment_bytes", maxAttachmentBytes);
        if (maxAttachmentCount < 0) {
            throw new InvalidFieldException("max_attachment_count", "must not be negative (was " + maxAttachmentCount + ")");
        }
        positive("max_nesting_depth", maxNestingDepth);
        positive("max_body_chars", maxBodyChars);
        if (maxBodyChars > io.intake.core.ticket.IntakeRequest.MAX_BODY_HARD) {
            throw new InvalidFieldException("max_body_chars", "is " + maxBodyChars + "; at most "
                    + io.intake.core.ticket.IntakeRequest.MAX_BODY_HARD + " are allowed");
        }
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new InvalidFieldException(field, "must be positive (was " + value + ")");
        }
    }
}
