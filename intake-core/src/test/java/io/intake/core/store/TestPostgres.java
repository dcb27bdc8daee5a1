package io.intake.core.store;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL server the test command starts ({@code scripts/postgres start}). Each call to
 * {@link #freshSchema()} gives a new empty schema, so runs never see each other's rows.
 */
public final class TestPostgres {

    public static final String URL = System.getProperty("intake.test.postgres.url", "jdbc:postgresql://127.0.0.1:25432/intake_test");
    public static final String USER = System.getProperty("intake.test.postgres.user", "intake");
    public static final String PASSWORD = System.getProperty("intake.test.postgres.password", "intake");

    private static final String HOW_TO_START = "Run `scripts/postgres start` (it installs the Debian package "
            + "postgresql when missing), run the whole suite with `scripts/test`, or set -Dintake.test.postgres.url";

    private TestPostgres() {
    }

    /** A data source for the test database, after checking that the server answers. */
    public static DataSource connect() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(URL);
        postgres.setUser(USER);
        postgres.setPassword(PASSWORD);
        try (Connection c = postgres.getConnection()) {
            if (!c.isValid(5)) {
                throw new AssertionError("PostgreSQL at " + URL + " does not answer. " + HOW_TO_START);
            }
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + URL + " (" + e.getMessage() + "). " + HOW_TO_START, e);
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

    /** Creates an empty schema and answers a JDBC URL whose connections use it. Fails, never skips, without a server. */
    public static String freshSchema() {
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + URL + " (" + e.getMessage() + "). " + HOW_TO_START, e);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
