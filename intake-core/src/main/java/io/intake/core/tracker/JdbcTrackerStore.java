package io.intake.core.tracker;

import io.intake.core.IntakeException;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.ticket.UpdateKind;
import io.intake.core.tracker.internal.SqlStates;
import io.intake.core.tracker.internal.TrackerTables;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default tracker: tickets and updates kept in two tables of a {@link DataSource} (an H2 file under the data folder
 * by default, PostgreSQL in production). The tables ({@code <prefix>tickets}, {@code <prefix>updates}; prefix
 * {@value #DEFAULT_TABLE_PREFIX} by default) are created on first use when missing.
 * <p>
 * Idempotent: a ticket is keyed by its number and an update by (ticket number, sequence); a redelivered one hits the
 * primary key (SQLState 23505 on both databases) and is taken as already stored, so {@link #create} answers the same
 * key, {@value #KEY_PREFIX}{@code <number>}, every time. An update for a ticket the store does not hold, or a payload
 * the database refuses (SQLState class 22 or 23), is a {@link RejectedDeliveryException}; every other SQL failure
 * (connection refused or lost, failover, deadlock, lock timeout, a missing grant) is a {@link DeliveryException} and is
 * retried. Each statement runs in its own transaction. Thread-safe.
 */
public final class JdbcTrackerStore implements TrackerSink {

    public static final String DEFAULT_TABLE_PREFIX = "tracker_";
    public static final String KEY_PREFIX = "JDBC-";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTrackerStore.class);

    private final DataSource dataSource;
    private final TrackerTables tables;
    private final Clock clock;
    private volatile boolean tablesReady;

    /**
     * @param dataSource  where the tables live
     * @param tablePrefix prefix of both table names: a letter, then up to 39 letters, digits or underscores
     * @param clock       stamps {@code created_at}
     */
    public JdbcTrackerStore(DataSource dataSource, String tablePrefix, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = new TrackerTables(tablePrefix);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store with the default table prefix and the system clock. */
    public JdbcTrackerStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE_PREFIX, Clock.systemUTC());
    }

    /**
     * The default embedded database: H2 file {@code <dataDir>/tracker.mv.db}, opened with {@code AUTO_SERVER=TRUE} so
     * the {@code tickets} command can read it while the gateway runs, and {@code DB_CLOSE_DELAY=-1} so it stays open
     * between connections until the JVM exits. Not pooled; wrap it in a pool (HikariCP) for heavy use.
     */
    public static DataSource h2File(Path dataDir) {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tracker") + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Override
    public String create(Ticket ticket) {
        String key = KEY_PREFIX + ticket.number();
        boolean inserted = write("create ticket " + ticket.number(), tables.insertTicket(), ps -> {
            ps.setLong(1, ticket.number().value());
            ps.setString(2, ticket.channel().name());
            ps.setString(3, ticket.severity().name());
            ps.setString(4, clip(ticket.subject(), 1000));
            ps.setString(5, clip(ticket.requester().label(), 300));
            ps.setObject(6, utc(ticket.sla().responseDue()));
            ps.setObject(7, utc(ticket.receivedAt()));
            ps.setObject(8, utc(clock.instant()));
            ps.setString(9, WireFormat.created(ticket));
        });
        LOG.debug("Ticket {} {} in tracker table {}", ticket.number(), inserted ? "stored" : "was already stored",
                tables.ticketsTable());
        return key;
    }

    @Override
    public void append(TicketUpdate update, String trackerKey) {
        String what = "append update " + update.sequence() + " to ticket " + update.ticketNumber();
        boolean inserted = write(what, tables.insertUpdate(), ps -> {
            ps.setLong(1, update.ticketNumber().value());
            ps.setInt(2, update.sequence());
            ps.setString(3, update.kind().name());
            ps.setObject(4, utc(clock.instant()));
            ps.setString(5, WireFormat.updated(update));
        });
        LOG.debug("Update {} of ticket {} {}", update.sequence(), update.ticketNumber(),
                inserted ? "stored" : "was already stored");
    }

    @Override
    public String name() {
        return "jdbc";
    }

    /** How many tickets the store holds. */
    public long countTickets() {
        return read("count tickets", tables.countTickets(), ps -> {
        }, rs -> rs.getLong(1)).get(0);
    }

    /** The wire JSON of a ticket, as {@link WireFormat#created} wrote it, if the store holds the ticket. */
    public Optional<String> findTicketJson(TicketNumber number) {
        return read("read ticket " + number, tables.ticketPayload(), ps -> ps.setLong(1, number.value()),
                rs -> rs.getString(1)).stream().findFirst();
    }

    /** The updates of a ticket by sequence; empty when there are none or the ticket is unknown. */
    public List<StoredUpdate> updatesOf(TicketNumber number) {
        return read("read updates of ticket " + number, tables.listUpdates(), ps -> ps.setLong(1, number.value()),
                rs -> new StoredUpdate(number, rs.getInt(1), UpdateKind.valueOf(rs.getString(2)), instant(rs, 3),
                        rs.getString(4)));
    }

    /** A page of tickets by number, each with its update count. */
    public List<StoredTicket> tickets(long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1 (were " + offset + ", " + limit + ")");
        }
        return read("list tickets", tables.listTickets(), ps -> {
            ps.setLong(1, offset);
            ps.setInt(2, limit);
        }, rs -> new StoredTicket(new TicketNumber(rs.getLong(1)), Channel.valueOf(rs.getString(2)),
                Severity.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7),
                instant(rs, 8), rs.getInt(9)));
    }

    @Override
    public String toString() {
        return "JdbcTrackerStore[" + tables.ticketsTable() + ", " + tables.updatesTable() + "]";
    }

    /** Runs one insert; false when the row was already there. */
    private boolean write(String what, String sql, Binder binder) {
        ensureTables();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
                commit(connection);
                return true;
            } catch (SQLException e) {
                rollback(connection);
                if (SqlStates.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> List<T> read(String what, String sql, Binder binder, Row<T> row) {
        ensureTables();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            commit(connection);
            return rows;
        } catch (SQLException e) {
            throw new IntakeException("cannot " + what + " in tracker table " + tables.ticketsTable()
                    + " (SQLState " + SqlStates.of(e) + ")", e);
        }
    }

    private DeliveryException failure(String what, SQLException e) {
        String state = SqlStates.of(e);
        if (SqlStates.isMissingParent(e)) {
            return new RejectedDeliveryException("cannot " + what + ": the ticket is not in tracker table "
                    + tables.ticketsTable(), e);
        }
        if (SqlStates.isCausedByPayload(e)) {
            return new RejectedDeliveryException("cannot " + what + ": the database refused the payload (SQLState "
                    + state + ", error " + e.getErrorCode() + ")", e);
        }
        return new DeliveryException("cannot " + what + " (SQLState " + state + "), will retry", e);
    }

    /** Creates the tables once per store; concurrent creators on PostgreSQL may collide, so one retry follows. */
    private void ensureTables() {
        if (tablesReady) {
            return;
        }
        synchronized (this) {
            if (tablesReady) {
                return;
            }
            try {
                createTables();
            } catch (SQLException first) {
                try {
                    createTables();
                } catch (SQLException e) {
                    e.addSuppressed(first);
                    throw new DeliveryException("cannot create tracker tables " + tables.ticketsTable() + " and "
                            + tables.updatesTable() + " (SQLState " + SqlStates.of(e) + "), will retry", e);
                }
            }
            tablesReady = true;
            LOG.info("Tracker tables {} and {} ready", tables.ticketsTable(), tables.updatesTable());
        }
    }

    private void createTables() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            for (String ddl : tables.create()) {
                st.execute(ddl);
            }
            commit(connection);
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Rollback failed after a failed statement", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
