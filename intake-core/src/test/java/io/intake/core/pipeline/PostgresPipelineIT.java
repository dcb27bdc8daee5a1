package io.intake.core.pipeline;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.TestPostgres;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.intake.core.pipeline.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two gateway nodes sharing one real PostgreSQL database. */
class PostgresPipelineIT {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private IntakeCore node(String url, String name, RecordingSink sink) throws Exception {
        IntakeDatabase db = IntakeDatabase.open(url, TestPostgres.USER, TestPostgres.PASSWORD, 8);
        IntakeCore core = IntakeCore.builder(db, Fixtures.RULES, Fixtures.SLA).trackerSink(sink).node(name)
                .delivery(new DeliveryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(200), 50,
                        Duration.ofMillis(20), Duration.ofSeconds(30)))
                .build();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        open.add(db);
        open.add(camel);
        nodes.put(core, core.gateway(camel));
        return core;
    }

    private final java.util.Map<IntakeCore, IntakeGateway> nodes = new ConcurrentHashMap<>();

    @Test
    void twoNodesOnOneDatabaseNeverHandOutTheSameTicketNumber() throws Exception {
        String url = TestPostgres.freshSchema();
        RecordingSink sink = new RecordingSink();
        IntakeCore a = node(url, "node-a", sink);
        IntakeCore b = node(url, "node-b", sink);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Accepted>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                IntakeGateway gw = nodes.get(i % 2 == 0 ? a : b);
                String ref = "<pg-" + i + "@example.com>";
                futures.add(pool.submit(() -> (Accepted) gw.submit(email(ref, "message " + ref))));
            }
            Set<TicketNumber> numbers = ConcurrentHashMap.newKeySet();
            for (Future<Accepted> f : futures) {
                numbers.add(f.get().ticketNumber());
            }
            assertThat(numbers).hasSize(400);

            await().atMost(Duration.ofSeconds(60)).until(() -> sink.calls().size() == 400);
            assertThat(sink.stored.values()).as("each ticket delivered once by one of the two nodes").allMatch(n -> n == 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameSourceReferenceOnBothNodesAtOnceYieldsOneTicket() throws Exception {
        String url = TestPostgres.freshSchema();
        RecordingSink sink = new RecordingSink();
        IntakeCore a = node(url, "node-a", sink);
        IntakeCore b = node(url, "node-b", sink);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Accepted>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                IntakeGateway gw = nodes.get(i % 2 == 0 ? a : b);
                futures.add(pool.submit(() -> (Accepted) gw.submit(email("<same@example.com>", "phones are down"))));
            }
            Set<TicketNumber> numbers = ConcurrentHashMap.newKeySet();
            for (Future<Accepted> f : futures) {
                numbers.add(f.get().ticketNumber());
            }
            assertThat(numbers).hasSize(1);
            assertThat(a.store().summaries(10)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
