package io.intake.core.attachment;

import io.intake.core.ticket.Attachment;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Base64;

/**
 * Keeps attachment content outside the ticket; tickets carry only a reference ({@code sha256:<hex>}). Storing the same
 * bytes twice answers the same reference, so a redelivered request never duplicates content. Failures are
 * {@link io.intake.core.IntakeException}s (the request is then not acknowledged and is retried).
 */
public interface AttachmentStore {

    /**
     * Streams the content durably into the store (before the request is submitted) and answers its reference and
     * size; {@link AttachmentTooLargeException} once it passes {@code maxBytes}, leaving nothing behind.
     */
    Stored store(InputStream content, long maxBytes);

    /** Opens stored content; {@link io.intake.core.IntakeException} when the reference is unknown or malformed. */
    InputStream open(String contentRef);

    /** Stores bytes already in memory. */
    default String put(byte[] content) {
        return store(new ByteArrayInputStream(content), content.length).contentRef();
    }

    /**
     * Stores the content and describes it for a request: small files (up to {@code inlineLimit} bytes) are also
     * carried inline as base64, so a tracker without access to the store still gets them.
     */
    default Attachment attach(String name, String contentType, byte[] content, int inlineLimit) {
        String ref = put(content);
        String inline = content.length <= inlineLimit ? Base64.getEncoder().encodeToString(content) : null;
        return new Attachment(name, contentType, content.length, ref, inline);
    }

    /**
     * What was stored.
     *
     * @param contentRef the reference, {@code sha256:<64 hex digits>}
     * @param size       the number of bytes
     */
    record Stored(String contentRef, long size) {
    }
}
