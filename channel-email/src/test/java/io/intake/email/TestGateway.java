package io.intake.email;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.severity.SeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.TicketSummary;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/** The real core (H2 file store, pipeline routes) plus the email channel, in one Camel context. */
final class TestGateway implements AutoCloseable {

    /** "down" in the body is CRITICAL, the rest LOW. */
    static final SeverityRules RULES = request -> request.body().toLowerCase().contains("down")
            ? new Classification(Severity.CRITICAL, "test.down", "says down")
            : new Classification(Severity.LOW, "test.other", "anything else");

    final IntakeDatabase db;
    final IntakeCore core;
    final CamelContext camel;
    final IntakeGateway gateway;
    final EmailChannel channel;

    private TestGateway(IntakeDatabase db, IntakeCore core, CamelContext camel, IntakeGateway gateway, EmailChannel channel) {
        this.db = db;
        this.core = core;
        this.camel = camel;
        this.gateway = gateway;
        this.channel = channel;
    }

    static TestGateway start(Path dataDir, EmailConfig config, AttachmentStore store) throws Exception {
        return start(dataDir, config, store, UnaryOperator.identity());
    }

    /** {@code wrap} may decorate the gateway the channel sees (to inject failures). */
    static TestGateway start(Path dataDir, EmailConfig config, AttachmentStore store, UnaryOperator<IntakeGateway> wrap)
            throws Exception {
        IntakeDatabase db = IntakeDatabase.embedded(dataDir);
        IntakeCore core = IntakeCore.builder(db, RULES, AgreementSlaPolicy.defaults()).build();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        IntakeGateway gateway = wrap.apply(core.gateway(camel));
        EmailChannel channel = new EmailChannel(config, gateway, store, Clock.systemUTC());
        camel.addRoutes(channel.routes());
        camel.start();
        return new TestGateway(db, core, camel, gateway, channel);
    }

    List<TicketSummary> tickets() {
        return core.store().summaries(100_000);
    }

    /** Tickets plus updates: one per mail that became a request. */
    long requests() {
        return tickets().stream().mapToLong(t -> 1 + t.updateCount()).sum();
    }

    List<TicketUpdate> updates(TicketNumber number) {
        return core.store().findUpdates(number);
    }

    @Override
    public void close() throws Exception {
        camel.close();
        channel.close();
        db.close();
    }
}
