package io.intake.core.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link TrackerSink} must do; extend it for each sink (the built-in ones do, and so can yours: it ships in
 * the intake-core test-jar). Implement the hooks over the tracker's real storage, not over what the sink reports.
 * <p>
 * The hooks are called after {@link #sink()} has returned; a sink may share its storage between tests, since every
 * ticket here gets a fresh number ({@link Tickets#nextNumber()}).
 */
public abstract class TrackerSinkContract {

    /** The sink under test, ready to deliver (the same instance for the whole test method). */
    protected abstract TrackerSink sink();

    /** The ticket numbers the tracker holds, once per stored ticket: a ticket stored twice appears twice. */
    protected abstract List<String> deliveredTicketNumbers();

    /** The update sequences the tracker holds for a ticket, in the order it keeps them, once per stored update. */
    protected abstract List<Integer> deliveredUpdateSequences(TicketNumber number);

    /** The JSON the tracker received for a ticket's creation, if it holds the ticket. */
    protected abstract Optional<String> deliveredTicketJson(TicketNumber number);

    @Test
    void createdTicketIsStoredOnce() {
        Ticket ticket = Tickets.ticket();

        String key = sink().create(ticket);

        assertThat(key).isNotBlank();
        assertThat(deliveredTicketNumbers()).filteredOn(ticket.number().toString()::equals).hasSize(1);
    }

    @Test
    @DisplayName("a ticket created again after a crash is stored once and keeps its key")
    void redeliveredTicketIsStoredOnceWithTheSameKey() {
        Ticket ticket = Tickets.ticket();

        String first = sink().create(ticket);
        String second = sink().create(ticket);

        assertThat(second).isEqualTo(first);
        assertThat(deliveredTicketNumbers()).filteredOn(ticket.number().toString()::equals).hasSize(1);
    }

    @Test
    void updatesAreStoredInOrder() {
        Ticket ticket = Tickets.ticket();
        String key = sink().create(ticket);

        for (int sequence = 1; sequence <= 3; sequence++) {
            sink().append(Tickets.update(ticket.number(), sequence), key);
        }

        assertThat(deliveredUpdateSequences(ticket.number())).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("an update appended again after a crash is stored once")
    void redeliveredUpdateIsStoredOnce() {
        Ticket ticket = Tickets.ticket();
        String key = sink().create(ticket);

        sink().append(Tickets.update(ticket.number(), 1), key);
        sink().append(Tickets.update(ticket.number(), 1), key);
        sink().append(Tickets.update(ticket.number(), 2), key);
        sink().append(Tickets.update(ticket.number(), 2), key);

        assertThat(deliveredUpdateSequences(ticket.number())).containsExactly(1, 2);
    }

    @Test
    void updatesOfOneTicketStayWithIt() {
        Ticket first = Tickets.ticket();
        Ticket second = Tickets.ticket();
        String firstKey = sink().create(first);
        String secondKey = sink().create(second);

        sink().append(Tickets.update(first.number(), 1), firstKey);
        sink().append(Tickets.override(second.number(), 1), secondKey);
        sink().append(Tickets.update(first.number(), 2), firstKey);

        assertThat(deliveredUpdateSequences(first.number())).containsExactly(1, 2);
        assertThat(deliveredUpdateSequences(second.number())).containsExactly(1);
    }

    @Test
    @DisplayName("the tracker receives the wire JSON with number, severity and response due")
    void deliveredPayloadIsTheWireJson() throws Exception {
        Ticket ticket = Tickets.ticket(Tickets.nextNumber(), Severity.CRITICAL);

        sink().create(ticket);

        String json = deliveredTicketJson(ticket.number()).orElseThrow();
        assertThat(WireFormat.mapper().readTree(json)).isEqualTo(WireFormat.mapper().readTree(WireFormat.created(ticket)));
        JsonNode delivered = WireFormat.mapper().readTree(json);
        assertThat(delivered.path("type").asText()).isEqualTo("ticket.created");
        assertThat(delivered.path("ticket").path("number").asText()).isEqualTo(ticket.number().toString());
        assertThat(delivered.path("ticket").path("classification").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(delivered.path("ticket").path("sla").path("response_due").asText())
                .isEqualTo(ticket.sla().responseDue().toString());
    }

    @Test
    void hasAShortName() {
        assertThat(sink().name()).isNotBlank().hasSizeLessThanOrEqualTo(40).doesNotContainAnyWhitespaces();
    }
}
