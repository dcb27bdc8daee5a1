package io.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Keeps attachment bytes and answers a content reference for {@code Attachment.contentRef}, for example
 * {@code sha256:9f86d0...}. The same bytes always give the same reference, so a retried upload stores nothing new.
 */
public interface AttachmentStore {

    /** Stores the bytes (at most {@code maxBytes}, else an {@link IOException}) and returns their reference. */
    Stored store(InputStream content, long maxBytes) throws IOException;

    /** Opens the content with this reference, if it is kept here. */
    Optional<InputStream> open(String contentRef) throws IOException;

    /**
     * What was stored.
     *
     * @param contentRef the reference, {@code sha256:<64 hex digits>}
     * @param size       the number of bytes
     */
    record Stored(String contentRef, long size) {
    }
}
