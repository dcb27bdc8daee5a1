package io.intake.examples;

import io.intake.core.IntakeCore;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.severity.SecondOpinionSeverityRules;
import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.TrackerSink;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Embedding example 1: add the intake routes to a {@link CamelContext} you already run, with your own
 * {@link TrackerSink}. No Spring involved.
 */
public final class PlainCamelExample {

    /** A tracker of your own: here it only keeps what it receives, where yours would call your helpdesk's API. */
    public static final class ListTracker implements TrackerSink {

        public final List<Ticket> tickets = new CopyOnWriteArrayList<>();
        public final List<TicketUpdate> updates = new CopyOnWriteArrayList<>();

        @Override
        public String create(Ticket ticket) {
            if (tickets.stream().noneMatch(t -> t.number().equals(ticket.number()))) {
                tickets.add(ticket);
            }
            return "LIST-" + ticket.number();
        }

        @Override
        public void append(TicketUpdate update, String trackerKey) {
            if (updates.stream().noneMatch(u -> u.ticketNumber().equals(update.ticketNumber())
                    && u.sequence() == update.sequence())) {
                updates.add(update);
            }
        }

        @Override
        public String name() {
            return "list";
        }
    }

    private PlainCamelExample() {
    }

    /** Starts intake in the given context; the caller closes the context and then the database. */
    public static IntakeGateway start(CamelContext camel, IntakeDatabase database, TrackerSink tracker) throws Exception {
        IntakeCore core = IntakeCore.builder(database, SecondOpinionSeverityRules.defaults(), AgreementSlaPolicy.defaults())
                .trackerSink(tracker)
                .build();
        camel.addRoutes(core.routes());
        return core.gateway(camel);
    }

    public static void main(String[] args) throws Exception {
        ListTracker tracker = new ListTracker();
        try (IntakeDatabase database = IntakeDatabase.embedded(Path.of(args.length > 0 ? args[0] : "data-example"));
             CamelContext camel = new DefaultCamelContext()) {
            IntakeGateway gateway = start(camel, database, tracker);
            camel.start();
            IntakeResult result = gateway.submit(IntakeRequest.builder(Channel.WEB, "example-1")
                    .requester(Requester.ofEmail("Dana Reyes", "dana@example.com"))
                    .subject("No phone at the Elm St office can make or receive calls")
                    .body("Since 9am every phone at Elm St shows No Service. Internet works fine.")
                    .receivedAt(Instant.now())
                    .build());
            System.out.println(result);
        }
    }
}
