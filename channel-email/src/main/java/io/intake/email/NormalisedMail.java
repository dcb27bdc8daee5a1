package io.intake.email;

import java.util.List;

/**
 * A mail reduced to what the intake pipeline needs, channel-neutral and decoded.
 *
 * @param from             the first From mailbox, or null when the mail names none
 * @param replyTo          Reply-To mailboxes, possibly empty
 * @param subject          decoded subject, whitespace collapsed; empty when missing
 * @param text             all readable text: the message's own body followed by forwarded messages
 * @param newText          what the sender just wrote: {@code text} without quoted history, signature and forwards
 * @param quotedHistory    quoted history, signature, disclaimers and forwarded messages, kept in order; may be empty
 * @param attachments      kept attachments, inline images and forwarded messages
 * @param dropped          parts dropped over a limit, one entry each, to tell the ticket and the sender
 * @param notes            what could not be read as it should have been (damaged parts, unknown charsets)
 * @param messageId        Message-ID without angle brackets, or null
 * @param inReplyTo        In-Reply-To ids without angle brackets
 * @param references       References ids without angle brackets, in order
 * @param autoSubmitted    true when the mail is machine-generated (never acknowledge it)
 * @param autoReasons      why it counts as machine-generated
 * @param bounce           true when it is a delivery failure report
 * @param bouncedMessageId for a report, the Message-ID of the mail it is about, when found; else null
 * @param contentHash      {@code sha256:} and the hex SHA-256 of the raw bytes without per-copy transit headers
 *                         (see {@code ContentHash}), identifying a mail that has no Message-ID
 * @param sizeBytes        size of the raw mail
 */
public record NormalisedMail(MailAddress from, List<MailAddress> replyTo, String subject, String text, String newText,
                             String quotedHistory, List<MailAttachment> attachments, List<DroppedPart> dropped,
                             List<String> notes, String messageId, List<String> inReplyTo, List<String> references,
                             boolean autoSubmitted, List<String> autoReasons, boolean bounce, String bouncedMessageId,
                             String contentHash, long sizeBytes) {

    public NormalisedMail {
        replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        newText = newText == null ? "" : newText;
        quotedHistory = quotedHistory == null ? "" : quotedHistory;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        notes = notes == null ? List.of() : List.copyOf(notes);
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        references = references == null ? List.of() : List.copyOf(references);
        autoReasons = autoReasons == null ? List.of() : List.copyOf(autoReasons);
        if (contentHash == null || !contentHash.startsWith("sha256:")) {
            throw new io.intake.core.InvalidFieldException("content_hash", "must start with 'sha256:' (was " + contentHash + ")");
        }
    }
}
