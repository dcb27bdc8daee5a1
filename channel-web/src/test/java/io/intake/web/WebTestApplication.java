package io.intake.web;

import io.intake.core.FailingGateway;
import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.TestDatabases;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.RejectedDeliveryException;
import io.intake.core.tracker.TrackerSink;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * The smallest application with the real core and the web channel auto-configured: an embedded H2 database in a
 * fresh folder, the default rules and SLA policy, the intake routes in Spring Boot's Camel context, and a tracker that
 * refuses tickets whose subject contains {@value #PARK} (so they park) and accepts the rest. A subject containing
 * {@value #STORAGE_DOWN} makes the gateway throw as if its database failed.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebTestApplication {

    public static final String PARK = "[park-me]";
    public static final String STORAGE_DOWN = "[storage-down]";

    public static void main(String[] args) {
        SpringApplication.run(WebTestApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    IntakeDatabase intakeDatabase() {
        return TestDatabases.freshEmbedded("web-test-db-");
    }

    @Bean
    IntakeCore intakeCore(IntakeDatabase database) {
        return IntakeCore.builder(database, RuleBasedSeverityRules.defaults(), AgreementSlaPolicy.defaults())
                .trackerSink(new TrackerSink() {
                    @Override
                    public String create(Ticket ticket) {
                        if (ticket.subject().contains(PARK)) {
                            throw new RejectedDeliveryException("tracker refused the ticket (test)");
                        }
                        return "TRK-" + ticket.number();
                    }

                    @Override
                    public void append(TicketUpdate update, String trackerKey) {
                    }

                    @Override
                    public String name() {
                        return "test";
                    }
                })
                .delivery(new DeliveryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1), 100,
                        Duration.ofMillis(100), Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    RoutesBuilder intakeRoutes(IntakeCore core) {
        return core.routes();
    }

    @Bean
    IntakeGateway intakeGateway(IntakeCore core, CamelContext camel) {
        IntakeGateway real = core.gateway(camel);
        return new FailingGateway(real, request -> request.subject().contains(STORAGE_DOWN));
    }
}
