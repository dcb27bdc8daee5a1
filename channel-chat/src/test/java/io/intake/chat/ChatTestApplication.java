package io.intake.chat;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.MutableClock;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.severity.RuleBasedSeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Instant;

/**
 * The smallest gateway with the chat channel: the real core on a fresh embedded H2 database, no tracker (tickets stay
 * in the outbox, where tests read them), the web channel for the staff login, and a clock tests can move. The clock
 * starts at {@code intake.clock.fixed} (default: an instant inside the chat hours).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ChatTestApplication {

    /** 10:00 in Chicago on a Wednesday: chat is open. */
    public static final String OPEN = "2026-11-25T16:00:00Z";

    public static void main(String[] args) {
        SpringApplication.run(ChatTestApplication.class, args);
    }

    @Bean
    MutableClock intakeClock(@Value("${intake.clock.fixed:" + OPEN + "}") String start) {
        return new MutableClock(Instant.parse(start));
    }

    @Bean(destroyMethod = "close")
    IntakeDatabase intakeDatabase() {
        return TestDatabases.freshEmbedded("chat-test-db-");
    }

    @Bean
    IntakeCore intakeCore(IntakeDatabase database, MutableClock clock) {
        return IntakeCore.builder(database, RuleBasedSeverityRules.defaults(), AgreementSlaPolicy.defaults())
                .clock(clock)
                .delivery(DeliveryPolicy.DEFAULTS)
                .build();
    }

    @Bean
    RoutesBuilder intakeRoutes(IntakeCore core) {
        return core.routes();
    }

    @Bean
    IntakeGateway intakeGateway(IntakeCore core, CamelContext camel) {
        return core.gateway(camel);
    }
}
