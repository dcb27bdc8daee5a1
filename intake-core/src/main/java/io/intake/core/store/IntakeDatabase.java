package io.intake.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.intake.core.IntakeException;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The gateway's database: a pooled {@link DataSource}, its SQL dialect, and the schema (migrated with Flyway on open,
 * safe when several gateway nodes start against one database at once).
 */
public final class IntakeDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final AutoCloseable owned;

    private IntakeDatabase(DataSource dataSource, AutoCloseable owned) {
        this.dataSource = dataSource;
        this.owned = owned;
        this.dialect = detect(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/intake")
                .table("intake_schema_history")
                .baselineOnMigrate(true)
                .load()
                .migrate();
    }

    /** Opens (and migrates) a database the caller manages, for example one Spring Boot configured. */
    public static IntakeDatabase using(DataSource dataSource) {
        return new IntakeDatabase(dataSource, null);
    }

    /** Opens a pooled connection to the given JDBC URL and migrates it. */
    public static IntakeDatabase open(String jdbcUrl, String username, String password, int poolSize) {
        HikariDataSource pool = pool("intake", jdbcUrl, username, password, poolSize);
        try {
            return new IntakeDatabase(pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new IntakeException("cannot open the intake database at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The embedded default: an H2 file database under {@code dataDir}. {@code AUTO_SERVER} lets the command-line tools
     * read it while the gateway runs; {@code WRITE_DELAY=0} writes every commit to the file before it returns, so an
     * acknowledged request survives a killed process.
     */
    public static IntakeDatabase embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IntakeException("cannot create intake.data-dir " + dataDir + ": " + e.getMessage(), e);
        }
        return open(embeddedUrl(dataDir), "sa", "", 8);
    }

    /** A connection pool, without any schema work (for example for a tracker store in another database). */
    public static HikariDataSource pool(String name, String jdbcUrl, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("intake") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IntakeException("cannot close the intake database", e);
            }
        }
    }

    private static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? Dialect.POSTGRESQL : Dialect.H2;
        } catch (SQLException e) {
            throw new IntakeException("cannot connect to the intake database: " + e.getMessage(), e);
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** The few places where H2 and PostgreSQL differ. */
    public enum Dialect {
        H2("SELECT NEXT VALUE FOR intake_ticket_serial"),
        POSTGRESQL("SELECT nextval('intake_ticket_serial')");

        private final String nextSerial;

        Dialect(String nextSerial) {
            this.nextSerial = nextSerial;
        }

        public String nextSerialSql() {
            return nextSerial;
        }
    }
}
