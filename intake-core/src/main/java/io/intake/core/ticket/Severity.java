package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

import java.util.Locale;

/** The support agreement's three severities, least severe first. */
public enum Severity {
    /** Nothing is broken: changes, orders, how-to. Response within one business day. */
    LOW,
    /** Service works but something is impaired. Response within four hours. */
    DEGRADED,
    /** Production voice service down with no workaround. Target 15 minutes, acknowledged within one hour. */
    CRITICAL;

    public boolean isMoreSevereThan(Severity other) {
        return compareTo(other) > 0;
    }

    public static Severity parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required; one of LOW, DEGRADED, CRITICAL");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "'" + Checks.shorten(value) + "' is not a severity; one of LOW, DEGRADED, CRITICAL");
        }
    }
}
