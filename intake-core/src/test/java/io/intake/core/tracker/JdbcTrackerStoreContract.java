package io.intake.core.tracker;

import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.UpdateKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tracker contract plus what the embedded JDBC store promises, for each database it supports. */
public abstract class JdbcTrackerStoreContract extends TrackerSinkContract {

    static final Instant NOW = Instant.parse("2026-03-02T09:16:00Z");

    private JdbcTrackerStore store;

    /** The database under test. */
    protected abstract DataSource dataSource();

    /** The table prefix under test. */
    protected abstract String tablePrefix();

    @BeforeEach
    void newStore() {
        store = new JdbcTrackerStore(dataSource(), tablePrefix(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    protected TrackerSink sink() {
        return store;
    }

    protected JdbcTrackerStore store() {
        return store;
    }

    @Override
    protected List<String> deliveredTicketNumbers() {
        return query("SELECT ticket_number FROM " + tablePrefix() + "tickets", null, 1);
    }

    @Override
    protected List<Integer> deliveredUpdateSequences(TicketNumber number) {
        return query("SELECT update_sequence FROM " + tablePrefix() + "updates WHERE ticket_number = ? ORDER BY update_sequence",
                number, 1).stream().map(Integer::valueOf).toList();
    }

    @Override
    protected Optional<String> deliveredTicketJson(TicketNumber number) {
        return query("SELECT payload FROM " + tablePrefix() + "tickets WHERE ticket_number = ?", number, 1).stream().findFirst();
    }

    @Test
    void createAnswersTheStoreKey() {
        Ticket ticket = Tickets.ticket();

        assertThat(store.create(ticket)).isEqualTo("JDBC-" + ticket.number());
    }

    @Test
    void updateOfAnUnknownTicketIsRejected() {
        TicketNumber unknown = Tickets.nextNumber();

        assertThatThrownBy(() -> store.append(Tickets.update(unknown, 1), "JDBC-" + unknown))
                .isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("update 1 to ticket " + unknown)
                .hasMessageContaining("not in tracker table");
    }

    @Test
    void readsBackTicketsAndUpdates() {
        Ticket ticket = Tickets.ticket(Tickets.nextNumber(), Severity.LOW);
        long before = store.countTickets();
        store.create(ticket);
        store.append(Tickets.update(ticket.number(), 1), "JDBC-" + ticket.number());
        store.append(Tickets.override(ticket.number(), 2), "JDBC-" + ticket.number());

        assertThat(store.countTickets()).isEqualTo(before + 1);
        assertThat(store.findTicketJson(ticket.number())).contains(WireFormat.created(ticket));
        assertThat(store.findTicketJson(Tickets.nextNumber())).isEmpty();
        assertThat(store.updatesOf(ticket.number()))
                .extracting(StoredUpdate::sequence, StoredUpdate::kind, StoredUpdate::createdAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, UpdateKind.COMMENT, NOW),
                        org.assertj.core.groups.Tuple.tuple(2, UpdateKind.OVERRIDE, NOW));
        assertThat(store.updatesOf(ticket.number()).get(1).json()).isEqualTo(WireFormat.updated(Tickets.override(ticket.number(), 2)));
        assertThat(store.tickets(0, Integer.MAX_VALUE)).filteredOn(t -> t.number().equals(ticket.number()))
                .containsExactly(new StoredTicket(ticket.number(), Channel.EMAIL, Severity.LOW, ticket.subject(),
                        "Ada Customer", ticket.sla().responseDue(), ticket.receivedAt(), NOW, 2));
    }

    @Test
    void storesATicketWithTheLargestBodyAndHistoryAnIntakeRequestAllows() {
        String million = "x".repeat(io.intake.core.ticket.IntakeRequest.MAX_BODY_HARD);
        Ticket ticket = new Ticket(Tickets.nextNumber(), Channel.EMAIL, "big-1", Tickets.REQUESTER, null, "Big",
                million, million, List.of(), Tickets.classification(Severity.LOW), Tickets.sla(Severity.LOW),
                Tickets.RECEIVED_AT, null);

        store.create(ticket);

        assertThat(store.findTicketJson(ticket.number())).get().asString().hasSizeGreaterThan(2_000_000);
    }

    private List<String> query(String sql, TicketNumber number, int column) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (number != null) {
                ps.setLong(1, number.value());
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(column));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the tracker tables: " + e.getMessage(), e);
        }
    }
}
