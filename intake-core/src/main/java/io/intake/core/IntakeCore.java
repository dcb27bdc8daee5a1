package io.intake.core;

import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.outbox.DeliveryPolicy;
import io.intake.core.outbox.DeliveryWorker;
import io.intake.core.outbox.Outbox;
import io.intake.core.pipeline.IntakeLimits;
import io.intake.core.pipeline.IntakePipeline;
import io.intake.core.pipeline.IntakeRoutes;
import io.intake.core.pipeline.RequestValidator;
import io.intake.core.severity.SeverityRules;
import io.intake.core.sla.SlaPolicy;
import io.intake.core.sla.SlaWatch;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.IntakeStore;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.tracker.TrackerSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The assembled core: store, outbox, pipeline and delivery, ready to be added to any {@link CamelContext}.
 *
 * <pre>{@code
 * IntakeCore core = IntakeCore.builder(IntakeDatabase.embedded(Path.of("data")), rules, sla)
 *         .trackerSink(mySink).build();
 * camel.addRoutes(core.routes());
 * camel.start();
 * IntakeResult result = core.gateway(camel).submit(request);
 * }</pre>
 */
public final class IntakeCore {

    private final IntakeDatabase database;
    private final IntakeStore store;
    private final Outbox outbox;
    private final IntakePipeline pipeline;
    private final DeliveryWorker delivery;
    private final DeliveryPolicy deliveryPolicy;
    private final Clock clock;
    private final List<String> escalationUris;

    private IntakeCore(Builder b) {
        this.database = b.database;
        this.clock = b.clock;
        this.store = new IntakeStore(database, clock);
        this.outbox = new Outbox(database);
        this.pipeline = new IntakePipeline(new RequestValidator(b.limits, clock), store, b.rules, b.sla, clock, b.meters,
                b.escalationUris.isEmpty() ? null : b.slaWatch);
        this.escalationUris = b.escalationUris;
        this.deliveryPolicy = b.deliveryPolicy;
        this.delivery = b.sink == null ? null
                : new DeliveryWorker(outbox, b.sink, deliveryPolicy, clock, b.meters, b.node);
    }

    public static Builder builder(IntakeDatabase database, SeverityRules rules, SlaPolicy sla) {
        return new Builder(database, rules, sla);
    }

    /** The pipeline route and, when a tracker sink is set, the delivery route. */
    public RoutesBuilder routes() {
        return new IntakeRoutes(pipeline, delivery, deliveryPolicy.pollInterval(), escalationUris);
    }

    /**
     * The entry point for channels, sending through the given context's intake route. A channel may start listening
     * before the context has started (a Spring application starts its servers first); a submit made then waits for the
     * context, up to {@link #STARTUP_WAIT}, instead of failing a request that arrived during start-up.
     */
    public IntakeGateway gateway(CamelContext camel) {
        return new CamelGateway(camel, camel.createProducerTemplate());
    }

    /** How long a submit waits for a context that is still starting. */
    public static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    public IntakeStore store() {
        return store;
    }

    public Outbox outbox() {
        return outbox;
    }

    public IntakeDatabase database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    /** The delivery worker, or null when no tracker sink is configured. */
    public DeliveryWorker delivery() {
        return delivery;
    }

    private final class CamelGateway implements IntakeGateway {

        private final CamelContext camel;
        private final ProducerTemplate template;
        private volatile boolean everStarted;

        CamelGateway(CamelContext camel, ProducerTemplate template) {
            this.camel = camel;
            this.template = template;
        }

        @Override
        public IntakeResult submit(IntakeRequest request) {
            awaitStarted(request);
            try {
                return template.requestBody(IntakeRoutes.INTAKE, request, IntakeResult.class);
            } catch (CamelExecutionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof IntakeException ie) {
                    throw ie;
                }
                throw new IntakeException("intake failed for " + request.channel().wireName() + " request: " + cause.getMessage(), cause);
            }
        }

        /**
         * Waits while the context has not started yet; once it has started, a stopping or stopped context fails at once.
         * (A context that was never started reports itself as stopped, so its history is what tells the two apart.)
         */
        private void awaitStarted(IntakeRequest request) {
            ServiceStatus status = camel.getStatus();
            if (status.isStarted()) {
                everStarted = true;
                return;
            }
            if (status.isStopping() || status.isSuspending() || status.isSuspended()) {
                everStarted = true;   // only a context that ran can be stopping: this is shutdown, not start-up
            }
            long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
            while (!everStarted && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IntakeException("interrupted while waiting for the intake pipeline to start", e);
                }
                status = camel.getStatus();
                if (status.isStarted()) {
                    everStarted = true;
                    return;
                }
            }
            throw new IntakeException("intake failed for " + request.channel().wireName()
                    + " request: the intake pipeline is not running (Camel context " + camel.getName() + " is "
                    + status + ")");
        }

        @Override
        public IntakeResult.Rejected reject(Channel channel, String sourceRef, String reason, List<FieldProblem> problems) {
            return pipeline.reject(channel, sourceRef, reason, problems);
        }

        @Override
        public IntakeResult reassess(TicketNumber number, Channel channel, String sourceRef, Requester requester,
                                     String text, Instant receivedAt) {
            return pipeline.reassess(number, channel, sourceRef, requester, text, receivedAt);
        }

        @Override
        public IntakeResult override(TicketNumber number, Severity severity, String agent, String reason, Instant at) {
            return pipeline.override(number, severity, agent, reason, at);
        }

        @Override
        public void link(String conversationKey, TicketNumber number) {
            pipeline.link(conversationKey, number);
        }

        @Override
        public void unlink(String conversationKey) {
            store.unlink(conversationKey);
        }
    }

    /** Collects what the core needs; everything but the database, rules and SLA policy has a default. */
    public static final class Builder {
        private final IntakeDatabase database;
        private final SeverityRules rules;
        private final SlaPolicy sla;
        private TrackerSink sink;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meters = new SimpleMeterRegistry();
        private IntakeLimits limits = IntakeLimits.DEFAULTS;
        private DeliveryPolicy deliveryPolicy = DeliveryPolicy.DEFAULTS;
        private String node = ManagementFactory.getRuntimeMXBean().getName();
        private List<String> escalationUris = List.of();
        private SlaWatch slaWatch;

        private Builder(IntakeDatabase database, SeverityRules rules, SlaPolicy sla) {
            this.database = Objects.requireNonNull(database, "database");
            this.rules = Objects.requireNonNull(rules, "rules");
            this.sla = Objects.requireNonNull(sla, "sla");
        }

        /** Where tickets are delivered; without one, tickets stay in the outbox. */
        public Builder trackerSink(TrackerSink sink) {
            this.sink = sink;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder meters(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        public Builder limits(IntakeLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder delivery(DeliveryPolicy policy) {
            this.deliveryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** This node's name in outbox leases (default: pid@host). */
        public Builder node(String node) {
            this.node = Objects.requireNonNull(node, "node");
            return this;
        }

        /**
         * Sends escalation events (each new CRITICAL ticket; with a watch, SLA warnings and breaches) as JSON to any
         * Camel endpoint URI, for example {@code log:escalation} or a paging webhook.
         */
        public Builder escalation(String uri, SlaWatch watch) {
            return escalation(List.of(Objects.requireNonNull(uri, "uri")), watch);
        }

        /** As {@link #escalation(String, SlaWatch)}, every event going to each of the endpoints. */
        public Builder escalation(List<String> uris, SlaWatch watch) {
            this.escalationUris = List.copyOf(uris);
            this.slaWatch = watch;
            return this;
        }

        public IntakeCore build() {
            return new IntakeCore(this);
        }
    }
}
