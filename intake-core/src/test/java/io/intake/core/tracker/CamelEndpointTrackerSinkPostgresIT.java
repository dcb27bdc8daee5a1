package io.intake.core.tracker;

import io.intake.core.store.TestPostgres;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code INSERT ... ON CONFLICT DO NOTHING} statements the {@link CamelEndpointTrackerSink} Javadoc shows for
 * PostgreSQL, run through {@code sql:} against a real server (see {@link TestPostgres}).
 */
class CamelEndpointTrackerSinkPostgresIT extends TrackerSinkContract {

    private static final String RUN = "camel_it" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
    private static DataSource postgres;

    private CamelContext context;
    private CamelEndpointTrackerSink sink;

    @BeforeAll
    static void createTables() throws SQLException {
        postgres = TestPostgres.connect();
        try (Connection c = postgres.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + RUN + "tickets (ticket_number VARCHAR(20) PRIMARY KEY, payload TEXT NOT NULL,"
                    + " arrival BIGINT GENERATED ALWAYS AS IDENTITY)");
            st.execute("CREATE TABLE " + RUN + "updates (ticket_number VARCHAR(20) NOT NULL, update_sequence INTEGER NOT NULL,"
                    + " payload TEXT NOT NULL, arrival BIGINT GENERATED ALWAYS AS IDENTITY,"
                    + " PRIMARY KEY (ticket_number, update_sequence))");
        }
    }

    @AfterAll
    static void dropTables() throws SQLException {
        if (postgres != null) {
            TestPostgres.drop(postgres, RUN + "updates", RUN + "tickets");
        }
    }

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.getRegistry().bind("trackerDb", postgres);
        context.start();
        sink = new CamelEndpointTrackerSink(context, new CamelEndpointConfig(
                "sql:INSERT INTO " + RUN + "tickets (ticket_number, payload) VALUES (:#${header.IntakeTicketNumber},"
                        + " :#${body}) ON CONFLICT (ticket_number) DO NOTHING?dataSource=#trackerDb",
                "sql:INSERT INTO " + RUN + "updates (ticket_number, update_sequence, payload) VALUES"
                        + " (:#${header.IntakeTicketNumber}, :#${header.IntakeUpdateSequence}, :#${body})"
                        + " ON CONFLICT (ticket_number, update_sequence) DO NOTHING?dataSource=#trackerDb"));
    }

    @AfterEach
    void stop() throws Exception {
        sink.close();
        context.close();
    }

    @Override
    protected TrackerSink sink() {
        return sink;
    }

    @Override
    protected List<String> deliveredTicketNumbers() {
        return query("SELECT ticket_number FROM " + RUN + "tickets ORDER BY arrival", null);
    }

    @Override
    protected List<Integer> deliveredUpdateSequences(TicketNumber number) {
        return query("SELECT update_sequence FROM " + RUN + "updates WHERE ticket_number = ? ORDER BY arrival", number)
                .stream().map(Integer::valueOf).toList();
    }

    @Override
    protected Optional<String> deliveredTicketJson(TicketNumber number) {
        return query("SELECT payload FROM " + RUN + "tickets WHERE ticket_number = ?", number).stream().findFirst();
    }

    private static List<String> query(String sql, TicketNumber number) {
        try (Connection c = postgres.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (number != null) {
                ps.setString(1, number.toString());
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the tables: " + e.getMessage(), e);
        }
    }
}
