package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Ticket;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcTrackerStoreH2Test extends JdbcTrackerStoreContract {

    private final DataSource dataSource = h2Memory();

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String tablePrefix() {
        return JdbcTrackerStore.DEFAULT_TABLE_PREFIX;
    }

    @Test
    void defaultH2FileKeepsTicketsForTheNextStore() {
        Path dataDir = Path.of("target", "tracker-h2", UUID.randomUUID().toString());
        Ticket ticket = Tickets.ticket();

        new JdbcTrackerStore(JdbcTrackerStore.h2File(dataDir)).create(ticket);

        var reopened = new JdbcTrackerStore(JdbcTrackerStore.h2File(dataDir));
        assertThat(reopened.countTickets()).isEqualTo(1);
        assertThat(reopened.findTicketJson(ticket.number())).isPresent();
        assertThat(dataDir.resolve("tracker.mv.db")).exists();
    }

    @Test
    void refusedConnectionIsRetried() throws IOException {
        int closedPort = closedPort();
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:nowhere");
        var postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere?connectTimeout=2");

        for (DataSource down : new DataSource[] {h2, postgres}) {
            assertThatThrownBy(() -> new JdbcTrackerStore(down).create(Tickets.ticket()))
                    .isInstanceOf(DeliveryException.class)
                    .isNotInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("will retry");
        }
    }

    @Test
    void tablePrefixThatCouldInjectSqlIsRefused() {
        for (String bad : new String[] {"", "1tracker_", "tracker; DROP TABLE x; --", "t".repeat(41)}) {
            assertThatThrownBy(() -> new JdbcTrackerStore(dataSource, bad, java.time.Clock.systemUTC()))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith("intake.tracker.jdbc.table-prefix: ")
                    .hasMessageContaining("letters, digits or underscores");
        }
    }

    @Test
    void otherTablePrefixesKeepStoresApart() {
        var other = new JdbcTrackerStore(dataSource, "other_", java.time.Clock.systemUTC());

        other.create(Tickets.ticket());

        assertThat(other.countTickets()).isEqualTo(1);
        assertThat(store().countTickets()).isZero();
    }

    static DataSource h2Memory() {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tracker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
