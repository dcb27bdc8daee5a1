package io.intake.core.attachment;

import io.intake.core.IntakeException;

/** Content passed the size allowed for it; nothing was kept. */
public class AttachmentTooLargeException extends IntakeException {

    private final long maxBytes;

    public AttachmentTooLargeException(long maxBytes) {
        super("attachment is larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
