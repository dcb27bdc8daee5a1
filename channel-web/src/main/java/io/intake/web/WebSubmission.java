package io.intake.web;

import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.FieldProblem;

import java.util.List;
import java.util.Objects;

/** What the web channel answers a submission (form, API ticket or API comment). */
public sealed interface WebSubmission permits WebSubmission.Received, WebSubmission.Invalid, WebSubmission.Conflict {

    /**
     * Durable; tell the customer.
     *
     * @param accepted    the gateway's answer (number, severity, response due, outcome)
     * @param accessToken a fresh token for the status API, or null for comments
     */
    record Received(Accepted accepted, String accessToken) implements WebSubmission {
        public Received {
            Objects.requireNonNull(accepted, "accepted");
        }
    }

    /**
     * Refused (and recorded): show the form again with these messages, or answer 422.
     *
     * @param reason   one sentence
     * @param problems each bad field, by its form and API name
     */
    record Invalid(String reason, List<FieldProblem> problems) implements WebSubmission {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            problems = List.copyOf(problems);
        }
    }

    /** The idempotency key was used before for a different request. */
    record Conflict(String message) implements WebSubmission {
    }
}
