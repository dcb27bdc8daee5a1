package io.intake.core.sla;

import io.intake.core.InvalidFieldException;

import java.time.LocalDate;
import java.util.Locale;

/** What happens to a yearly holiday that falls on a weekend. */
public enum Observance {
    /** The holiday is the date itself, weekend or not. */
    NONE,
    /**
     * A Saturday holiday is observed on the Friday before, a Sunday holiday on the Monday after, instead of the date
     * itself. Fixed one-off dates ({@code 2026-12-24}) are never shifted; shifted holidays do not cascade.
     */
    NEAREST_WEEKDAY;

    LocalDate apply(LocalDate date) {
        if (this == NONE) {
            return date;
        }
        switch (date.getDayOfWeek()) {
            case SATURDAY:
                return date.minusDays(1);
            case SUNDAY:
                return date.plusDays(1);
            default:
                return date;
        }
    }

    /** The spec word: {@code none} or {@code nearest-weekday}. */
    public String toSpec() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Observance parse(String property, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Observance o : values()) {
            if (o.toSpec().equals(v)) {
                return o;
            }
        }
        throw new InvalidFieldException(property, "bad value '" + value + "'; allowed: none, nearest-weekday");
    }
}
