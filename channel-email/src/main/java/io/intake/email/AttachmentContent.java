package io.intake.email;

/**
 * What an {@link AttachmentStore} is given to keep.
 *
 * @param filename    the safe file name
 * @param contentType lower-case type/subtype
 * @param content     the bytes (not copied; do not modify)
 */
public record AttachmentContent(String filename, String contentType, byte[] content) {

    public AttachmentContent {
        if (filename == null || contentType == null || content == null) {
            throw new io.intake.core.InvalidFieldException("attachment_content", "filename, content type and content are required");
        }
    }

    public static AttachmentContent of(MailAttachment attachment) {
        return new AttachmentContent(attachment.filename(), attachment.contentType(), attachment.content());
    }
}
