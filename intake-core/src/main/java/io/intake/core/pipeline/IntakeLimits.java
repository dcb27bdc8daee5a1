package io.intake.core.pipeline;

import io.intake.core.InvalidFieldException;

/**
 * Limits the pipeline enforces on every request (channels may enforce smaller ones at their edge).
 *
 * @param maxBodyChars          the longest body accepted, in characters
 * @param maxAttachments        the most attachments on one request
 * @param maxAttachmentBytes    the largest single attachment
 * @param maxTotalBytes         the largest sum of attachment sizes on one request
 * @param inlineAttachmentBytes attachments up to this size may carry their content inline (base64) in the ticket;
 *                              larger ones are only referenced
 */
public record IntakeLimits(int maxBodyChars, int maxAttachments, long maxAttachmentBytes, long maxTotalBytes,
                           int inlineAttachmentBytes) {

    public static final IntakeLimits DEFAULTS = new IntakeLimits(100_000, 20, 25L << 20, 50L << 20, 4096);

    public IntakeLimits {
        positive("intake.limits.max-body-chars", maxBodyChars);
        positive("intake.limits.max-attachments", maxAttachments);
        positive("intake.limits.max-attachment-bytes", maxAttachmentBytes);
        positive("intake.limits.max-total-bytes", maxTotalBytes);
        if (inlineAttachmentBytes < 0 || inlineAttachmentBytes > 65_536) {
            throw new InvalidFieldException("intake.limits.inline-attachment-bytes",
                    "must be between 0 and 65536 (was " + inlineAttachmentBytes + ")");
        }
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new InvalidFieldException(field, "must be positive (was " + value + ")");
        }
    }
}
