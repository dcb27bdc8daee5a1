package io.intake.core.sla;

import io.intake.core.InvalidFieldException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The holidays of a business calendar and how weekend occurrences are observed.
 * <p>
 * Spec syntax ({@link #parse}): comma-separated tokens, e.g. {@code "12-25, 01-01, 2026-11-27, nov:thu#4, may:mon#-1"}.
 *
 * @param rules      the holidays; copied
 * @param observance what a yearly holiday on a weekend becomes
 */
public record Holidays(List<Holiday> rules, Observance observance) {

    /** No holidays at all: every day is an ordinary day. */
    public static final Holidays NONE = new Holidays(List.of(), Observance.NONE);

    public Holidays {
        if (rules == null) {
            throw new InvalidFieldException("holidays", "is required (use an empty list for none)");
        }
        rules = List.copyOf(rules);
        if (observance == null) {
            throw new InvalidFieldException("observed", "is required; one of none, nearest-weekday");
        }
    }

    /** True when windows starting on {@code date} stay closed. */
    public boolean isHoliday(LocalDate date) {
        if (rules.isEmpty()) {
            return false;
        }
        int year = date.getYear();
        for (Holiday rule : rules) {
            if (matches(rule, year, date)
                    || (observance != Observance.NONE && rule.shiftable()
                    && (matches(rule, year - 1, date) || matches(rule, year + 1, date)))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Holiday rule, int year, LocalDate date) {
        LocalDate occurs = rule.dateIn(year);
        if (occurs == null) {
            return false;
        }
        return date.equals(rule.shiftable() ? observance.apply(occurs) : occurs);
    }

    /** Parses the comma-separated spec; blank means none. Errors name {@code property}, the token and what is allowed. */
    public static Holidays parse(String property, String spec, Observance observance) {
        List<Holiday> parsed = new ArrayList<>();
        if (spec != null) {
            for (String token : spec.split(",")) {
                if (!token.isBlank()) {
                    parsed.add(Holiday.parse(property, token));
                }
            }
        }
        return new Holidays(parsed, observance);
    }

    /** The spec syntax, e.g. {@code 12-25, nov:thu#4}. */
    public String toSpec() {
        return String.join(", ", rules.stream().map(Holiday::toSpec).toList());
    }
}
