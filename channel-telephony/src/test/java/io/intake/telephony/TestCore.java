package io.intake.telephony;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.severity.SeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The real intake core on an embedded H2 database, with simple lambda rules a test can change. */
public final class TestCore implements AutoCloseable {

    /** The suggested severity if any, else LOW. */
    public static final SeverityRules SUGGESTED = r -> new Classification(
            r.suggestedSeverity() == null ? Severity.LOW : r.suggestedSeverity(), "test.suggested", "as suggested");

    private volatile SeverityRules rules = SUGGESTED;
    private final IntakeDatabase db;
    private final IntakeCore core;
    private final CamelContext camel;
    private final IntakeGateway gateway;

    public TestCore(Path dir, Clock clock) throws Exception {
        db = IntakeDatabase.embedded(dir);
        core = IntakeCore.builder(db, r -> rules.classify(r), AgreementSlaPolicy.defaults()).clock(clock).build();
        camel = new DefaultCamelContext();
        camel.addRoutes(core.routes());
        camel.start();
        gateway = core.gateway(camel);
    }

    public void rules(SeverityRules rules) {
        this.rules = rules;
    }

    public IntakeGateway gateway() {
        return gateway;
    }

    public Optional<Ticket> ticketFrom(Channel channel, String sourceRef) {
        return core.store().findBySource(channel, sourceRef).flatMap(a -> core.store().findTicket(a.ticketNumber()));
    }

    public Optional<Ticket> ticket(io.intake.core.ticket.TicketNumber number) {
        return core.store().findTicket(number);
    }

    public List<TicketUpdate> updates(Ticket ticket) {
        return core.store().findUpdates(ticket.number());
    }

    /** The ticket's severity now (after overrides). */
    public Severity severity(Ticket ticket) {
        Severity s = ticket.severity();
        for (TicketUpdate u : updates(ticket)) {
            if (u.classification() != null) {
                s = u.classification().severity();
            }
        }
        return s;
    }

    public List<io.intake.core.store.TicketSummary> summaries() {
        return core.store().summaries(10_000);
    }

    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        camel.close();
        db.close();
    }
}
