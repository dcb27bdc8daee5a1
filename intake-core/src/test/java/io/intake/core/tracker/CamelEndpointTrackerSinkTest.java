package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The bridge's headers, tracker key and failure mapping, with a {@code direct:} route of the test as the tracker. */
class CamelEndpointTrackerSinkTest {

    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private volatile Processor tracker = exchange -> { };
    private CamelContext context;
    private CamelEndpointTrackerSink sink;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tracker").routeId("test-tracker")
                        .process(exchange -> received.add(Map.copyOf(exchange.getMessage().getHeaders())))
                        .process(exchange -> tracker.process(exchange));
            }
        });
        context.start();
        sink = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of("direct:tracker"));
    }

    @AfterEach
    void stop() throws Exception {
        sink.close();
        context.close();
    }

    @Test
    void headersDescribeTheTicketAndTheUpdate() {
        Ticket ticket = Tickets.ticket();
        String number = ticket.number().toString();

        sink.create(ticket);
        sink.append(Tickets.override(ticket.number(), 2), "T-1");

        assertThat(received.get(0)).contains(entry("IntakeTicketNumber", number), entry("IntakeEventType", "ticket.created"),
                entry("IntakeIdempotencyKey", number), entry("IntakeSeverity", "DEGRADED"),
                entry(Exchange.CONTENT_TYPE, "application/json"), entry(Exchange.FILE_NAME, number + ".json"));
        assertThat(received.get(1)).contains(entry("IntakeTicketNumber", number), entry("IntakeUpdateSequence", 2),
                entry("IntakeEventType", "ticket.updated"), entry("IntakeIdempotencyKey", number + "-2"),
                entry("IntakeSeverity", "CRITICAL"), entry("IntakeTrackerKey", "T-1"),
                entry(Exchange.FILE_NAME, number + "-2.json"));
    }

    @Test
    void bodyIsTheWireJson() {
        Ticket ticket = Tickets.ticket();
        TicketUpdate update = Tickets.update(ticket.number(), 1);
        List<String> bodies = new CopyOnWriteArrayList<>();
        tracker = exchange -> bodies.add(exchange.getMessage().getBody(String.class));

        sink.append(update, sink.create(ticket));

        assertThat(bodies).containsExactly(WireFormat.created(ticket), WireFormat.updated(update));
    }

    @Test
    void routeMayAnswerTheTrackerKeyElseItIsTheTicketNumber() {
        Ticket plain = Tickets.ticket();
        Ticket keyed = Tickets.ticket();

        String plainKey = sink.create(plain);
        tracker = exchange -> exchange.getMessage().setHeader("IntakeTrackerKey", "SUP-42");

        assertThat(plainKey).isEqualTo(plain.number().toString());
        assertThat(sink.create(keyed)).isEqualTo("SUP-42");
    }

    @Test
    void failureInTheRouteIsRetried() {
        tracker = exchange -> {
            throw new IOException("broker unavailable");
        };

        assertThatThrownBy(() -> sink.create(Tickets.ticket()))
                .isInstanceOf(DeliveryException.class)
                .isNotInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("direct://tracker")
                .hasMessageContaining("IOException broker unavailable");
    }

    @Test
    void routeThatRejectsParksTheEntry() {
        tracker = exchange -> {
            throw new RejectedDeliveryException("project SUP does not accept tickets");
        };

        assertThatThrownBy(() -> sink.create(Tickets.ticket()))
                .isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("project SUP does not accept tickets");
    }

    @Test
    void illegalArgumentInTheRouteParksTheEntry() {
        tracker = exchange -> {
            throw new IllegalArgumentException("summary too long");
        };

        assertThatThrownBy(() -> sink.append(Tickets.update(Tickets.nextNumber(), 1), "k"))
                .isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("will not succeed on retry");
    }

    @Test
    void unknownComponentFailsAtStartNamingTheProperty() {
        assertThatThrownBy(() -> new CamelEndpointTrackerSink(context, CamelEndpointConfig.of("nosuchcomponent:tickets")))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("intake.tracker.camel.create-uri: 'nosuchcomponent:tickets' is not a usable Camel endpoint URI");
        assertThatThrownBy(() -> new CamelEndpointTrackerSink(context, new CamelEndpointConfig("direct:tracker", "nosuch:x")))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("intake.tracker.camel.update-uri: ");
        assertThatThrownBy(() -> CamelEndpointConfig.of(" "))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("intake.tracker.camel.create-uri: is required");
    }

    @Test
    void passwordsInUrisAreNotShown() {
        var config = new CamelEndpointConfig("jira://addIssue?username=ops&password=hunter2", null);

        assertThat(config.updateUri()).isEqualTo(config.createUri());
        assertThat(config.toString()).contains("jira://addIssue").doesNotContain("hunter2");
    }
}
