package io.intake.email;

import java.util.Locale;
import java.util.Objects;

/**
 * A part of a mail that was not kept because it was over a limit.
 *
 * @param what  the part, for a person: "attachment 'plan.pdf' (application/pdf)", "body text"
 * @param size  its size, in the unit of the limit
 * @param limit the limit it broke
 * @param limitName the limit's configuration name, for example {@code max_attachment_bytes}
 */
public record DroppedPart(String what, long size, long limit, String limitName) {

    public DroppedPart {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(limitName, "limitName");
    }

    /** One sentence for the ticket and the sender. */
    public String describe() {
        String unit = limitName.endsWith("_count") ? "" : limitName.endsWith("_chars") ? " characters" : limitName.endsWith("_depth") ? " levels" : " bytes";
        return String.format(Locale.ROOT, "Dropped %s: %,d%s is over the limit of %,d%s (%s).", what, size, unit, limit, unit, limitName);
    }
}
