package io.intake.examples;

import io.intake.core.IntakeResult;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.TrackerSink;
import io.intake.examples.boot.ExistingHelpdeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An existing Spring Boot application gets the gateway through intake.* properties; its own beans win. */
@SpringBootTest(classes = ExistingHelpdeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"intake.data-dir=target/embedding-test-data", "intake.escalation.uri=",
                "intake.telephony.agi.port=0", "intake.email.enabled=false"})
@Import(SpringBootEmbeddingTest.OwnTracker.class)
class SpringBootEmbeddingTest {

    @TestConfiguration
    static class OwnTracker {
        static final List<Ticket> RECEIVED = new CopyOnWriteArrayList<>();

        @Bean
        TrackerSink helpdeskTracker() {
            return new TrackerSink() {
                @Override
                public String create(Ticket ticket) {
                    RECEIVED.add(ticket);
                    return "HD-" + ticket.number();
                }

                @Override
                public void append(TicketUpdate update, String trackerKey) {
                }

                @Override
                public String name() {
                    return "helpdesk";
                }
            };
        }
    }

    @Autowired
    ExistingHelpdeskApplication.PhoneNoteService notes;

    @Test
    void theApplicationsOwnCodeSubmitsAndItsOwnTrackerReceives() {
        IntakeResult result = notes.logCall("Pat O'Neil", "+15550100123",
                "Caller says voicemail to email stopped working for the whole office since Monday.");

        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
        IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
        await().until(() -> OwnTracker.RECEIVED.stream().anyMatch(t -> t.number().equals(accepted.ticketNumber())));
    }
}
