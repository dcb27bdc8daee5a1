package io.intake.core;

import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What the pipeline answers a channel: accepted (durable) or rejected (with reasons). */
public sealed interface IntakeResult permits IntakeResult.Accepted, IntakeResult.Rejected {

    /** How an accepted request was recorded. */
    enum Outcome {
        /** A new ticket was created. */
        CREATED,
        /** The request was appended to an existing ticket. */
        UPDATED,
        /** The source reference was seen before; this answers what it produced then. Nothing new was recorded. */
        DUPLICATE
    }

    /**
     * The request is durable in the outbox; the channel may now acknowledge it to the sender.
     *
     * @param ticketNumber the ticket created or updated
     * @param sequence     0 for the ticket's creation, else the update's sequence
     * @param outcome      created, updated, or a duplicate of an earlier request
     * @param severity     the ticket's current severity
     * @param responseDue  the ticket's response deadline
     * @param rule         the rule that decided the severity
     */
    record Accepted(TicketNumber ticketNumber, int sequence, Outcome outcome, Severity severity, Instant responseDue,
                    String rule) implements IntakeResult {

        public Accepted {
            Objects.requireNonNull(ticketNumber, "ticketNumber");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(responseDue, "responseDue");
        }

        public Accepted asDuplicate() {
            return new Accepted(ticketNumber, sequence, Outcome.DUPLICATE, severity, responseDue, rule);
        }
    }

    /**
     * The request was refused and recorded; nothing was created. The channel tells the sender the reason where it can.
     *
     * @param reason   one sentence for the sender
     * @param problems each bad field with what is allowed
     */
    record Rejected(String reason, List<FieldProblem> problems) implements IntakeResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            problems = List.copyOf(problems);
        }
    }

    /**
     * One bad field.
     *
     * @param field   the field's wire name, for example {@code body} or {@code attachments[2].size}
     * @param message what is wrong and what is allowed
     */
    record FieldProblem(String field, String message) {

        public FieldProblem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }
}
