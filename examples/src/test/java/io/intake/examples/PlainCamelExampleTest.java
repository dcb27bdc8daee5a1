package io.intake.examples;

import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlainCamelExampleTest {

    @TempDir
    Path dataDir;

    @Test
    void intakeRoutesRunInAnExistingCamelContextWithACustomTracker() throws Exception {
        PlainCamelExample.ListTracker tracker = new PlainCamelExample.ListTracker();
        try (IntakeDatabase database = IntakeDatabase.embedded(dataDir); CamelContext camel = new DefaultCamelContext()) {
            camel.getRouteController();
            IntakeGateway gateway = PlainCamelExample.start(camel, database, tracker);
            camel.start();

            IntakeResult result = gateway.submit(IntakeRequest.builder(Channel.WEB, "example-test-1")
                    .requester(Requester.ofEmail("Dana Reyes", "dana@example.com"))
                    .subject("No phone at the Elm St office can make or receive calls")
                    .body("Since 9am every phone at Elm St shows No Service. Internet works fine.")
                    .receivedAt(Instant.now()).build());

            assertThat(result).isInstanceOfSatisfying(IntakeResult.Accepted.class,
                    a -> assertThat(a.severity()).isEqualTo(Severity.CRITICAL));
            await().until(() -> tracker.tickets.size() == 1);
            assertThat(tracker.tickets.get(0).number()).isEqualTo(((IntakeResult.Accepted) result).ticketNumber());
            assertThat(camel.getRoutes()).extracting(r -> r.getRouteId()).contains("intake-pipeline", "intake-delivery");
        }
    }
}
