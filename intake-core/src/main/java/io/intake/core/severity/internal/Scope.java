package io.intake.core.severity.internal;

import java.util.Locale;

/** The scope a rule needs from the clause it matches. */
public enum Scope {
    /** Any scope. */
    ANY,
    /** The text says every phone (or equivalent). */
    ALL,
    /** Not limited to some phones: all, or no scope said. */
    NOT_PARTIAL,
    /** The text limits the problem to one or some phones, or says the others work. */
    PARTIAL;

    /** The file spelling, for example {@code not-partial}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a clause of the given (resolved) scope satisfies this requirement. */
    boolean accepts(ClauseScope scope) {
        switch (this) {
            case ANY:
                return true;
            case ALL:
                return scope == ClauseScope.ALL;
            case NOT_PARTIAL:
                return scope != ClauseScope.PARTIAL;
            case PARTIAL:
                return scope == ClauseScope.PARTIAL;
            default:
                throw new IllegalStateException("unknown scope " + this);
        }
    }

    /** What the text of one clause says about scope. */
    enum ClauseScope { ALL, PARTIAL, UNKNOWN }
}
