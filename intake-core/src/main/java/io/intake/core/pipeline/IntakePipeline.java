package io.intake.core.pipeline;

import io.intake.core.IntakeException;
import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.IntakeResult.Rejected;
import io.intake.core.severity.SeverityRules;
import io.intake.core.sla.SlaPolicy;
import io.intake.core.sla.SlaWarning;
import io.intake.core.sla.SlaWatch;
import io.intake.core.store.IntakeStore;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.ticket.UpdateKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of intake, each a method the Camel route calls in order: validate, dedupe, thread, classify, SLA stamp,
 * commit. Plain Java so it can be tested and benchmarked without a route.
 */
public final class IntakePipeline {

    private static final Logger log = LoggerFactory.getLogger(IntakePipeline.class);

    private final RequestValidator validator;
    private final IntakeStore store;
    private final SeverityRules rules;
    private final SlaPolicy sla;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SlaWatch watch;

    /**
     * @param watch breach warnings for accepted tickets; null for none
     */
    public IntakePipeline(RequestValidator validator, IntakeStore store, SeverityRules rules, SlaPolicy sla, Clock clock,
                          MeterRegistry meters, SlaWatch watch) {
        this.validator = validator;
        this.store = store;
        this.rules = rules;
        this.sla = sla;
        this.clock = clock;
        this.meters = meters;
        this.watch = watch;
    }

    /** Step 1: limits. A non-null answer ends the request (recorded as rejected). */
    public Rejected validate(IntakeRequest request) {
        List<FieldProblem> problems = validator.problems(request);
        if (problems.isEmpty()) {
            return null;
        }
        return reject(request.channel(), request.sourceRef(), "the request breaks " + problems.size()
                + (problems.size() == 1 ? " limit" : " limits") + ": " + problems.get(0).field() + " " + problems.get(0).message(), problems);
    }

    /** Step 2: the same source reference answers what it produced before. */
    public Optional<Accepted> dedupe(IntakeRequest request) {
        Optional<Accepted> seen = store.findBySource(request.channel(), request.sourceRef());
        seen.ifPresent(a -> count(request.channel(), "duplicate"));
        return seen;
    }

    /** Step 3: the ticket this request continues, if any. */
    public Optional<TicketNumber> thread(IntakeRequest request) {
        return store.resolveConversation(request.conversationKeys());
    }

    /** Step 4: severity, rule and reason. */
    public Classification classify(IntakeRequest request) {
        return rules.classify(request);
    }

    /** Step 5: the response deadline. */
    public SlaStamp stamp(Classification classification, IntakeRequest request) {
        return sla.stamp(classification.severity(), request.channel(), request.receivedAt());
    }

    /** Step 6 for a new ticket: durable commit to the store and outbox. */
    public Accepted commitTicket(IntakeRequest request, Classification classification, SlaStamp stamp) {
        Accepted accepted = store.commitTicket(request, classification, stamp);
        if (accepted.outcome() == IntakeResult.Outcome.CREATED) {
            count(request.channel(), "created");
            Counter.builder("intake.tickets").description("Tickets created by channel and severity")
                    .tag("channel", request.channel().wireName()).tag("severity", classification.severity().name())
                    .register(meters).increment();
            log.debug("Ticket {} created from {} ({} by {})", accepted.ticketNumber(), request.channel().wireName(),
                    classification.severity(), classification.rule());
            if (watch != null) {
                watch.register(accepted.ticketNumber(), classification.severity(), stamp);
            }
        } else {
            count(request.channel(), "duplicate");
        }
        return accepted;
    }

    /** Step 6 for a continuation: the request becomes a comment on the ticket. */
    public Accepted commitUpdate(TicketNumber number, IntakeRequest request) {
        UpdateKind kind = "true".equals(request.attribute("transcript")) ? UpdateKind.TRANSCRIPT
                : "true".equals(request.attribute("bounce")) ? UpdateKind.BOUNCE
                : "true".equals(request.attribute("recovery")) ? UpdateKind.RECOVERY : UpdateKind.COMMENT;
        Accepted accepted = store.commitUpdate(number, request.channel(), request.sourceRef(),
                seq -> new TicketUpdate(number, seq, kind, request.channel(), request.sourceRef(), request.requester(),
                        request.body(), request.quotedHistory(), request.attachments(), null, null,
                        request.receivedAt(), request.attributes()), null);
        count(request.channel(), accepted.outcome() == IntakeResult.Outcome.UPDATED ? "updated" : "duplicate");
        return accepted;
    }

    /** Records a rejection and answers it. */
    public Rejected reject(Channel channel, String sourceRef, String reason, List<FieldProblem> problems) {
        store.recordRejection(channel, sourceRef, reason, problems);
        count(channel, "rejected");
        log.warn("Rejected {} request {}: {}", channel == null ? "unknown" : channel.wireName(), sourceRef, reason);
        return new Rejected(reason, problems);
    }

    /** Reclassifies a ticket with the customer's reassessment request added to its text. */
    public IntakeResult reassess(TicketNumber number, Channel channel, String sourceRef, Requester requester, String text,
                                 Instant receivedAt) {
        Ticket ticket = ticket(number);
        IntakeRequest combined = IntakeRequest.builder(ticket.channel(), ticket.sourceRef())
                .requester(ticket.requester()).site(ticket.site()).subject(ticket.subject())
                .body(text + "\n\n" + ticket.body()).receivedAt(ticket.receivedAt()).attributes(ticket.attributes())
                .build();
        Classification fresh = rules.classify(combined);
        Classification previous = currentClassification(ticket);
        Classification recorded = new Classification(fresh.severity(), "reassessment." + fresh.rule(),
                "Reassessed at the customer's request: " + fresh.reason());
        return reclassify(ticket, UpdateKind.REASSESSMENT, channel, sourceRef, requester, text, recorded, previous, receivedAt);
    }

    /** Records an agent's severity decision. */
    public IntakeResult override(TicketNumber number, Severity severity, String agent, String reason, Instant at) {
        Ticket ticket = ticket(number);
        Classification previous = currentClassification(ticket);
        Classification recorded = new Classification(severity, "agent.override", "Set by " + agent + ": " + reason);
        Requester author = new Requester(agent, null, null, null);
        return reclassify(ticket, UpdateKind.OVERRIDE, Channel.WEB, "override:" + number + ":" + java.util.UUID.randomUUID(), author,
                reason, recorded, previous, at);
    }

    public void link(String key, TicketNumber number) {
        store.link(key, number);
    }

    private IntakeResult reclassify(Ticket ticket, UpdateKind kind, Channel channel, String sourceRef, Requester author,
                                    String text, Classification recorded, Classification previous, Instant at) {
        SlaStamp stamp = sla.stamp(recorded.severity(), ticket.channel(), ticket.receivedAt());
        Accepted accepted = store.commitUpdate(ticket.number(), channel, sourceRef,
                seq -> new TicketUpdate(ticket.number(), seq, kind, channel, sourceRef, author, text, "", List.of(),
                        recorded, previous, at, Map.of("response_due", stamp.responseDue().toString())), stamp);
        log.info("Ticket {} {}: {} -> {}", ticket.number(), kind.name().toLowerCase(), previous.severity(), recorded.severity());
        if (watch != null && accepted.outcome() == IntakeResult.Outcome.UPDATED) {
            watch.register(ticket.number(), recorded.severity(), stamp);
        }
        return accepted;
    }

    private Ticket ticket(TicketNumber number) {
        return store.findTicket(number).orElseThrow(() -> new IntakeException("ticket " + number + " does not exist"));
    }

    /** The classification now in force: the last reassessment or override, else the original. */
    private Classification currentClassification(Ticket ticket) {
        Classification current = ticket.classification();
        for (TicketUpdate u : store.findUpdates(ticket.number())) {
            if (u.classification() != null) {
                current = u.classification();
            }
        }
        return current;
    }

    private void count(Channel channel, String outcome) {
        Counter.builder("intake.requests").description("Requests by channel and outcome")
                .tag("channel", channel == null ? "unknown" : channel.wireName()).tag("outcome", outcome)
                .register(meters).increment();
    }

    /**
     * Warnings crossed since the last call. On the first call after a start, tickets still inside their deadline are
     * watched again (the watch itself lives in memory).
     */
    public List<SlaWarning> slaWarnings() {
        if (watch == null) {
            return List.of();
        }
        if (!rearmed) {
            rearmed = true;
            for (IntakeStore.OpenTicket t : store.dueAfter(clock.instant(), 100_000)) {
                watch.register(t.number(), t.severity(), sla.stamp(t.severity(), t.channel(), t.receivedAt()));
            }
        }
        return watch.poll(clock.instant());
    }

    private volatile boolean rearmed;

    /** The current time of the pipeline's clock. */
    public Instant now() {
        return clock.instant();
    }
}
