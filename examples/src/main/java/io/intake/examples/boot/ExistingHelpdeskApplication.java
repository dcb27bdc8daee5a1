package io.intake.examples.boot;

import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.UUID;

/**
 * Embedding example 2: an existing Spring Boot application gets the gateway from the dependency alone; it is
 * configured through {@code intake.*} properties (for example {@code intake.data-dir}, {@code intake.tracker.type}) and
 * any of its beans (rules, SLA policy, tracker sink) can be replaced by defining your own.
 */
@SpringBootApplication
public class ExistingHelpdeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExistingHelpdeskApplication.class, args);
    }

    /** Your own code hands requests to the gateway like any channel does. */
    @Service
    public static class PhoneNoteService {

        private final IntakeGateway gateway;
        private final Clock clock;

        public PhoneNoteService(IntakeGateway gateway, Clock intakeClock) {
            this.gateway = gateway;
            this.clock = intakeClock;
        }

        /** An agent typed a note while on the phone with a customer. */
        public IntakeResult logCall(String callerName, String phone, String note) {
            return gateway.submit(IntakeRequest.builder(Channel.PHONE, "agent-note-" + UUID.randomUUID())
                    .requester(new Requester(callerName, null, phone, null))
                    .subject("Call logged by agent").body(note)
                    .receivedAt(clock.instant()).build());
        }
    }
}
