package io.intake.email;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Attachment;

/**
 * A file that came with a mail: a real attachment, an inline image, a forwarded message or a file unpacked from a
 * TNEF {@code winmail.dat}.
 *
 * @param filename     safe base name ({@link Attachment#safeName}); never blank
 * @param originalName the decoded name as the sender gave it, or null when the part had none
 * @param contentType  lower-case {@code type/subtype} without parameters
 * @param kind         how the part came
 * @param contentId    the Content-ID without angle brackets, or null
 * @param content      the transfer-decoded bytes (not copied; do not modify)
 */
public record MailAttachment(String filename, String originalName, String contentType, Kind kind, String contentId,
                             byte[] content) {

    /** How an attachment came with the mail. */
    public enum Kind {
        /** A file attached by the sender. */
        ATTACHMENT,
        /** An image or other part shown inside the message (multipart/related, inline disposition). */
        INLINE,
        /** A forwarded or enclosed message (message/rfc822), kept whole. */
        FORWARDED_MESSAGE,
        /** A file unpacked from an Outlook TNEF winmail.dat. */
        FROM_TNEF
    }

    public MailAttachment {
        if (filename == null || filename.isBlank()) {
            throw new InvalidFieldException("filename", "is required and must not be blank");
        }
        filename = Attachment.safeName(filename);
        if (contentType == null || contentType.isBlank()) {
            throw new InvalidFieldException("content_type", "is required and must not be blank");
        }
        if (kind == null) {
            throw new InvalidFieldException("kind", "is required");
        }
        if (content == null) {
            throw new InvalidFieldException("content", "is required (use an empty array for an empty file)");
        }
    }

    public long size() {
        return content.length;
    }
}
