package io.intake.core.attachment;

import io.intake.core.ticket.Attachment;

import java.io.InputStream;
import java.util.Base64;

/**
 * Keeps attachment content outside the ticket; tickets carry only a reference ({@code sha256:<hex>}). Storing the same
 * bytes twice answers the same reference, so a redelivered request never duplicates content.
 */
public interface AttachmentStore {

    /** Stores the bytes durably (before the request is submitted) and answers their reference. */
    String put(byte[] content);

    /** Opens stored content; {@link io.intake.core.IntakeException} when the reference is unknown. */
    InputStream open(String contentRef);

    /**
     * Stores the content and describes it for a request: small files (up to {@code inlineLimit} bytes) are also
     * carried inline as base64, so a tracker without access to the store still gets them.
     */
    default Attachment attach(String name, String contentType, byte[] content, int inlineLimit) {
        String ref = put(content);
        String inline = content.length <= inlineLimit ? Base64.getEncoder().encodeToString(content) : null;
        return new Attachment(name, contentType, content.length, ref, inline);
    }
}
