package io.intake.core.tracker;

import io.intake.core.store.TestPostgres;
import io.intake.core.ticket.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store against a real PostgreSQL (see {@link TestPostgres}). Each run uses its own table prefix and drops its
 * tables afterwards, so runs never collide.
 */
class JdbcTrackerStorePostgresIT extends JdbcTrackerStoreContract {

    private static final String RUN = "it" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
    private static final List<String> PREFIXES = new ArrayList<>(List.of(RUN));
    private static DataSource postgres;

    @BeforeAll
    static void connect() {
        postgres = TestPostgres.connect();
    }

    @AfterAll
    static void dropTables() throws SQLException {
        if (postgres != null) {
            for (String prefix : PREFIXES) {
                TestPostgres.drop(postgres, prefix + "updates", prefix + "tickets");
            }
        }
    }

    @Override
    protected DataSource dataSource() {
        return postgres;
    }

    @Override
    protected String tablePrefix() {
        return RUN;
    }

    @Test
    void storesCreatingTheTablesAtOnceDoNotFail() {
        String prefix = RUN + "race_";
        PREFIXES.add(prefix);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<String>> creations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                var store = new JdbcTrackerStore(postgres, prefix, Clock.systemUTC());
                Ticket ticket = Tickets.ticket();
                creations.add(CompletableFuture.supplyAsync(() -> store.create(ticket), threads));
            }

            assertThat(creations).allSatisfy(creation -> assertThat(creation.join()).startsWith("JDBC-"));
        } finally {
            threads.shutdownNow();
        }
        assertThat(new JdbcTrackerStore(postgres, prefix, Clock.systemUTC()).countTickets()).isEqualTo(6);
    }
}
