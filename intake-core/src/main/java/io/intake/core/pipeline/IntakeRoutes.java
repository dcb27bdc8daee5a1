package io.intake.core.pipeline;

import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.Outcome;
import io.intake.core.IntakeResult.Rejected;
import io.intake.core.outbox.DeliveryWorker;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The intake routes. {@value #INTAKE} takes an {@link IntakeRequest} and answers an
 * {@link io.intake.core.IntakeResult}: validate, dedupe, thread, classify, SLA stamp, commit. A separate timer route,
 * {@value #DELIVERY_ROUTE}, drains the outbox to the tracker.
 */
public final class IntakeRoutes extends RouteBuilder {

    /** The endpoint every channel sends its requests to. */
    public static final String INTAKE = "direct:intake";
    public static final String INTAKE_ROUTE = "intake-pipeline";
    public static final String DELIVERY_ROUTE = "intake-delivery";
    public static final String ESCALATION = "direct:intake-escalation";
    public static final String SLA_WATCH_ROUTE = "intake-sla-watch";

    private static final String THREAD = "intake.thread";
    private static final String CLASSIFICATION = "intake.classification";
    private static final String STAMP = "intake.sla";
    private static final String ESCALATE = "intake.escalate";

    private final IntakePipeline pipeline;
    private final DeliveryWorker delivery;
    private final Duration pollInterval;
    private final List<String> escalationUris;

    /**
     * @param delivery      the outbox drain; null for none
     * @param escalationUris where escalation events go (a new CRITICAL ticket, SLA warnings and breaches), each event to
     *                       every one of these Camel endpoint URIs; empty for none
     */
    public IntakeRoutes(IntakePipeline pipeline, DeliveryWorker delivery, Duration pollInterval, List<String> escalationUris) {
        this.pipeline = pipeline;
        this.delivery = delivery;
        this.pollInterval = pollInterval;
        this.escalationUris = List.copyOf(escalationUris);
    }

    @Override
    public void configure() {
        from(INTAKE).routeId(INTAKE_ROUTE)
                .process(this::validate).id("validate")
                .process(this::dedupe).id("dedupe")
                .process(this::thread).id("thread")
                .process(this::classify).id("classify")
                .process(this::stamp).id("sla-stamp")
                .process(this::commit).id("commit")
                .filter(exchangeProperty(ESCALATE).isNotNull())
                    .wireTap(ESCALATION).id("escalate-critical")
                .end();

        if (!escalationUris.isEmpty()) {
            from(ESCALATION).routeId("intake-escalation")
                    .filter(exchangeProperty(ESCALATE).isNotNull())
                        .setBody(exchangeProperty(ESCALATE))
                    .end()
                    .multicast().to(escalationUris.toArray(String[]::new)).id("escalate").end();
            from("timer:" + SLA_WATCH_ROUTE + "?delay=1000&period=1000").routeId(SLA_WATCH_ROUTE)
                    .process(exchange -> exchange.getMessage().setBody(pipeline.slaWarnings().stream()
                            .map(EscalationEvents::warning).toList())).id("poll-sla-watch")
                    .split(body()).to(ESCALATION);
        }

        if (delivery != null) {
            from("timer:" + DELIVERY_ROUTE + "?delay=0&period=" + pollInterval.toMillis()).routeId(DELIVERY_ROUTE)
                    .process(exchange -> delivery.drain()).id("deliver");
        }
    }

    private void validate(Exchange exchange) {
        Rejected rejected = pipeline.validate(request(exchange));
        if (rejected != null) {
            finish(exchange, rejected);
        }
    }

    private void dedupe(Exchange exchange) {
        Optional<Accepted> seen = pipeline.dedupe(request(exchange));
        seen.ifPresent(accepted -> finish(exchange, accepted));
    }

    private void thread(Exchange exchange) {
        pipeline.thread(request(exchange)).ifPresent(number -> exchange.setProperty(THREAD, number));
    }

    private void classify(Exchange exchange) {
        if (exchange.getProperty(THREAD) == null) {
            exchange.setProperty(CLASSIFICATION, pipeline.classify(request(exchange)));
        }
    }

    private void stamp(Exchange exchange) {
        Classification classification = exchange.getProperty(CLASSIFICATION, Classification.class);
        if (classification != null) {
            exchange.setProperty(STAMP, pipeline.stamp(classification, request(exchange)));
        }
    }

    private void commit(Exchange exchange) {
        IntakeRequest request = request(exchange);
        TicketNumber thread = exchange.getProperty(THREAD, TicketNumber.class);
        Accepted accepted = thread != null
                ? pipeline.commitUpdate(thread, request)
                : pipeline.commitTicket(request, exchange.getProperty(CLASSIFICATION, Classification.class),
                exchange.getProperty(STAMP, SlaStamp.class));
        exchange.getMessage().setBody(accepted);
        if (!escalationUris.isEmpty() && accepted.outcome() == Outcome.CREATED && accepted.severity() == Severity.CRITICAL) {
            exchange.setProperty(ESCALATE, EscalationEvents.critical(accepted, request));
        }
    }

    private static IntakeRequest request(Exchange exchange) {
        return exchange.getMessage().getBody(IntakeRequest.class);
    }

    private static void finish(Exchange exchange, Object result) {
        exchange.getMessage().setBody(result);
        exchange.setRouteStop(true);
    }
}
