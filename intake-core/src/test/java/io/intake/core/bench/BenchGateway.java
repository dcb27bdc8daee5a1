package io.intake.core.bench;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.TestPostgres;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.tracker.JdbcTrackerStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A real gateway (rules, SLA, store, outbox, optionally delivery to the JDBC tracker) for the benchmarks. */
final class BenchGateway implements AutoCloseable {

    static final String BODY = """
            Hi support,

            Since about 9:40 this morning none of the phones at our Elm Street office can make outbound calls. \
            Inbound calls still ring through and we can answer them, but every outbound call gets a fast busy \
            signal. We have 14 Yealink handsets there and it's all of them. Our internet is fine, we can browse \
            and email without any issue, and we restarted two of the phones already. The other office on Oak \
            Avenue is working normally.

            Can someone look at this as soon as possible? We have customers waiting for call-backs.

            Thanks,
            Dana Reyes
            Office Manager, Reyes Dental
            (555) 010-0187
            """;

    final IntakeDatabase database;
    final CamelContext camel;
    final IntakeGateway gateway;
    final IntakeCore core;
    final JdbcTrackerStore tracker;

    private BenchGateway(IntakeDatabase database, boolean deliver) throws Exception {
        this.database = database;
        this.tracker = deliver ? new JdbcTrackerStore(database.dataSource()) : null;
        this.core = IntakeCore.builder(database, RuleBasedSeverityRules.defaults(), AgreementSlaPolicy.defaults())
                .trackerSink(tracker).meters(new SimpleMeterRegistry()).clock(Clock.systemUTC())
                .delivery(new DeliveryPolicy(30, Duration.ofSeconds(1), Duration.ofMinutes(1), 500, Duration.ofMillis(50),
                        Duration.ofMinutes(2)))
                .build();
        this.camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        this.gateway = core.gateway(camel);
    }

    /** "h2" (a fresh H2 file under target/) or "postgresql" (a fresh schema on the test server). */
    static BenchGateway open(String store, boolean deliver) throws Exception {
        IntakeDatabase db = switch (store) {
            case "h2" -> IntakeDatabase.embedded(Files.createTempDirectory(Path.of("target"), "bench-h2-"));
            case "postgresql" -> IntakeDatabase.open(TestPostgres.freshSchema(), TestPostgres.USER, TestPostgres.PASSWORD, 16);
            default -> throw new IllegalArgumentException("store " + store + ": one of h2, postgresql");
        };
        return new BenchGateway(db, deliver);
    }

    static IntakeRequest request() {
        return IntakeRequest.builder(Channel.EMAIL, "<" + UUID.randomUUID() + "@bench.example>")
                .requester(Requester.ofEmail("Dana Reyes", "dana@example.com"))
                .subject("Elm St phones can't call out").body(BODY).receivedAt(Instant.now()).build();
    }

    @Override
    public void close() throws Exception {
        camel.close();
        database.close();
    }
}
