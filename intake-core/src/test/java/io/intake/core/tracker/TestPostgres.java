package io.intake.core.tracker;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.fail;

/**
 * The PostgreSQL server of the integration tests, started by {@code scripts/postgres start}. System properties
 * {@code intake.test.postgres.url} (default {@value #DEFAULT_URL}), {@code intake.test.postgres.user} and
 * {@code intake.test.postgres.password} (both default {@code intake}). An unreachable server fails the test, naming the
 * script to run; it never skips.
 */
public final class TestPostgres {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:55432/intake_test";

    private TestPostgres() {
    }

    /** A data source for the test database, after checking that the server answers. */
    public static DataSource connect() {
        String url = System.getProperty("intake.test.postgres.url", DEFAULT_URL);
        var postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        postgres.setUser(System.getProperty("intake.test.postgres.user", "intake"));
        postgres.setPassword(System.getProperty("intake.test.postgres.password", "intake"));
        try (Connection c = postgres.getConnection()) {
            if (!c.isValid(5)) {
                fail("PostgreSQL at " + url + " does not answer. Run `scripts/postgres start`");
            }
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + url + " (" + e.getMessage() + "). Run `scripts/postgres start`"
                    + " (it installs the Debian package postgresql when missing), or set -Dintake.test.postgres.url", e);
        }
        return postgres;
    }

    /** Drops the tables, ignoring those that do not exist. */
    public static void drop(DataSource postgres, String... tables) throws SQLException {
        try (Connection c = postgres.getConnection(); Statement st = c.createStatement()) {
            for (String table : tables) {
                st.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }
}
