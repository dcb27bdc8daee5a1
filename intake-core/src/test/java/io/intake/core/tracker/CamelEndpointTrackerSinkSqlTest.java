package io.intake.core.tracker;

import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database table as the tracker through {@code sql:} and an upsert (H2's {@code MERGE ... KEY}), so a redelivered
 * ticket or update overwrites its own row. Doubles as the example of the URIs to configure.
 */
class CamelEndpointTrackerSinkSqlTest extends TrackerSinkContract {

    static final String CREATE_URI = "sql:MERGE INTO camel_tickets (ticket_number, severity, payload) KEY (ticket_number)"
            + " VALUES (:#${header.IntakeTicketNumber}, :#${header.IntakeSeverity}, :#${body})?dataSource=#trackerDb";
    static final String UPDATE_URI = "sql:MERGE INTO camel_updates (ticket_number, update_sequence, payload)"
            + " KEY (ticket_number, update_sequence)"
            + " VALUES (:#${header.IntakeTicketNumber}, :#${header.IntakeUpdateSequence}, :#${body})?dataSource=#trackerDb";

    private final DataSource database = JdbcTrackerStoreH2Test.h2Memory();
    private CamelContext context;
    private CamelEndpointTrackerSink sink;

    @BeforeEach
    void start() throws SQLException {
        execute("CREATE TABLE camel_tickets (ticket_number VARCHAR(20) PRIMARY KEY, severity VARCHAR(16) NOT NULL,"
                + " payload CLOB NOT NULL, arrival BIGINT GENERATED ALWAYS AS IDENTITY)");
        execute("CREATE TABLE camel_updates (ticket_number VARCHAR(20) NOT NULL, update_sequence INT NOT NULL,"
                + " payload CLOB NOT NULL, arrival BIGINT GENERATED ALWAYS AS IDENTITY,"
                + " PRIMARY KEY (ticket_number, update_sequence))");
        context = new DefaultCamelContext();
        context.getRegistry().bind("trackerDb", database);
        context.start();
        sink = new CamelEndpointTrackerSink(context, new CamelEndpointConfig(CREATE_URI, UPDATE_URI));
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
        return query("SELECT ticket_number FROM camel_tickets ORDER BY arrival", null);
    }

    @Override
    protected List<Integer> deliveredUpdateSequences(TicketNumber number) {
        return query("SELECT update_sequence FROM camel_updates WHERE ticket_number = ? ORDER BY arrival", number)
                .stream().map(Integer::valueOf).toList();
    }

    @Override
    protected Optional<String> deliveredTicketJson(TicketNumber number) {
        return query("SELECT payload FROM camel_tickets WHERE ticket_number = ?", number).stream().findFirst();
    }

    @Test
    void storesTheSeverityHeader() {
        Ticket ticket = Tickets.ticket();

        sink.create(ticket);

        assertThat(query("SELECT severity FROM camel_tickets WHERE ticket_number = ?", ticket.number()))
                .containsExactly(ticket.severity().name());
        assertThat(sink.name()).isEqualTo("camel:sql");
    }

    @Test
    void plainInsertCannotTakeARedeliverySoTheDocsSayMerge() {
        var plain = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of("sql:INSERT INTO camel_tickets"
                + " (ticket_number, severity, payload) VALUES (:#${header.IntakeTicketNumber}, :#${header.IntakeSeverity},"
                + " :#${body})?dataSource=#trackerDb"));
        Ticket ticket = Tickets.ticket();
        plain.create(ticket);

        assertThatThrownBy(() -> plain.create(ticket))
                .isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("SQLState 23505");
    }

    @Test
    void payloadTheDatabaseRefusesIsParked() throws SQLException {
        execute("CREATE TABLE camel_narrow (payload VARCHAR(5) NOT NULL)");
        var narrow = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of(
                "sql:INSERT INTO camel_narrow (payload) VALUES (:#${body})?dataSource=#trackerDb"));

        assertThatThrownBy(() -> narrow.create(Tickets.ticket()))
                .isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("SQLState 22001")
                .hasMessageNotContaining("ticket.created\",");
    }

    @Test
    void missingTableIsRetriedUntilSomeoneCreatesIt() throws SQLException {
        var early = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of(
                "sql:INSERT INTO camel_later (payload) VALUES (:#${body})?dataSource=#trackerDb"));
        Ticket ticket = Tickets.ticket();

        assertThatThrownBy(() -> early.create(ticket))
                .isInstanceOf(DeliveryException.class)
                .isNotInstanceOf(RejectedDeliveryException.class);
        execute("CREATE TABLE camel_later (payload CLOB NOT NULL)");
        assertThat(early.create(ticket)).isEqualTo(ticket.number().toString());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private List<String> query(String sql, TicketNumber number) {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
