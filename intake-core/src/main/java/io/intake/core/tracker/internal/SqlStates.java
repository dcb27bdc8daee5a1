package io.intake.core.tracker.internal;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Locale;

/**
 * Reads the SQLState of a failed statement (the same codes on H2 2.x and PostgreSQL) and says whether the store or the
 * payload is to blame. Only the payload can make a delivery fail for good; anything else (a dropped connection, a
 * failover, a lock timeout, a missing grant) is worth retrying once someone has fixed it.
 */
public final class SqlStates {

    /** {@code unique_violation}: the row is already there. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's {@code foreign_key_violation}: the referenced row is missing. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** H2's "referential integrity violation: parent missing" (H2 uses 23503 for "child exists"). */
    public static final String H2_PARENT_MISSING = "23506";

    private SqlStates() {
    }

    /** The first SQLState found on the exception or its chain (H2 and some pools wrap the real one), or "". */
    public static String of(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().toUpperCase(Locale.ROOT);
            }
        }
        return "";
    }

    public static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(of(e));
    }

    /** A referenced row is missing (an insert into a child table): 23503 on PostgreSQL, 23506 on H2. */
    public static boolean isMissingParent(SQLException e) {
        String state = of(e);
        return FOREIGN_KEY_VIOLATION.equals(state) || H2_PARENT_MISSING.equals(state);
    }

    /**
     * True when the statement would fail the same way every time for this payload: class 22 (data exception: a value
     * too long, out of range, bad encoding) and class 23 (integrity constraint violation). Everything else, including
     * class 08 (connection), 40001/40P01 (serialization, deadlock), 57P01-57P03 (server shutting down or starting),
     * 53 (insufficient resources), H2's 90067 (connection broken) and 90098 (database closed), and unknown states, is
     * transient from the payload's point of view.
     */
    public static boolean isCausedByPayload(SQLException e) {
        if (e instanceof SQLIntegrityConstraintViolationException) {
            return true;
        }
        String state = of(e);
        return state.startsWith("22") || state.startsWith("23");
    }
}
