package io.intake.core.pipeline;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.MutableClock;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.sla.SlaWatch;
import io.intake.core.store.IntakeDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static io.intake.core.pipeline.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EscalationTest {

    @TempDir
    Path dataDir;

    private IntakeDatabase db;
    private CamelContext camel;
    private IntakeGateway gateway;
    private final MutableClock clock = new MutableClock(Fixtures.NOW);

    @BeforeEach
    void start() throws Exception {
        db = IntakeDatabase.embedded(dataDir);
        AgreementSlaPolicy sla = AgreementSlaPolicy.defaults();
        IntakeCore core = IntakeCore.builder(db, Fixtures.RULES, sla).clock(clock)
                .escalation(List.of("mock:escalation", "mock:on-call"), new SlaWatch(sla, List.of(0.75), clock)).build();
        camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        gateway = core.gateway(camel);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        db.close();
    }

    private List<String> events() {
        return camel.getEndpoint("mock:escalation", MockEndpoint.class).getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(String.class)).toList();
    }

    @Test
    void aNewCriticalTicketIsEscalatedAtOnce() {
        Accepted a = (Accepted) gateway.submit(email("<crit@example.com>", "all phones are down"));
        await().until(() -> events().size() == 1);
        assertThat(events().get(0)).contains("\"type\":\"ticket.critical\"")
                .contains("\"ticket_number\":\"" + a.ticketNumber() + "\"");
    }

    @Test
    void everyEscalationEndpointGetsEachEvent() {
        gateway.submit(email("<both@example.com>", "all phones are down"));
        await().until(() -> camel.getEndpoint("mock:on-call", MockEndpoint.class).getReceivedCounter() == 1);
        assertThat(camel.getEndpoint("mock:on-call", MockEndpoint.class).getReceivedExchanges().get(0)
                .getMessage().getBody(String.class)).isEqualTo(events().get(0));
    }

    @Test
    void lowTicketsAreNotEscalatedOnReceipt() {
        gateway.submit(email("<low@example.com>", "please change our greeting"));
        gateway.submit(email("<crit2@example.com>", "all phones are down"));
        await().until(() -> events().size() == 1);
        assertThat(events()).noneMatch(e -> e.contains("please change"));
    }

    @Test
    void slaWarningsAndBreachesAreEscalatedAsTimePasses() {
        Accepted a = (Accepted) gateway.submit(email("<w@example.com>", "all phones are down"));
        await().until(() -> events().size() == 1);

        clock.set(Fixtures.NOW.plus(Duration.ofMinutes(50)));

        await().atMost(Duration.ofSeconds(10)).until(() -> events().size() >= 4);
        List<String> later = events().subList(1, events().size());
        assertThat(later).allMatch(e -> e.contains("\"ticket_number\":\"" + a.ticketNumber() + "\""));
        assertThat(later).anyMatch(e -> e.contains("\"type\":\"sla.breached\"") && e.contains("\"deadline_kind\":\"TARGET\""));
        assertThat(later).anyMatch(e -> e.contains("\"type\":\"sla.warning\"") && e.contains("\"deadline_kind\":\"ACK\""));
        assertThat(later).noneMatch(e -> e.contains("\"type\":\"sla.breached\"") && e.contains("\"deadline_kind\":\"ACK\""));
    }
}
