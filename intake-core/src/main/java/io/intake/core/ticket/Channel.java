package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

import java.util.Locale;

/** Where a request came in. */
public enum Channel {
    EMAIL, CHAT, PHONE, WEB, MONITOR;

    /** Parses a channel name case-insensitively; the error names the field and the allowed values. */
    public static Channel parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required; one of email, chat, phone, web, monitor");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "'" + Checks.shorten(value) + "' is not a channel; one of email, chat, phone, web, monitor");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
