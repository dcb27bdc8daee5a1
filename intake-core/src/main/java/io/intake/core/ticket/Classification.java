package io.intake.core.ticket;

/**
 * A severity decision and why it was made.
 *
 * @param severity the decided severity
 * @param rule     id of the rule that decided (for example {@code critical.main-number-down})
 * @param reason   a sentence a person can read
 */
public record Classification(Severity severity, String rule, String reason) {

    public Classification {
        Checks.required("classification.severity", severity);
        rule = Checks.requiredText("classification.rule", rule, 200);
        reason = Checks.requiredText("classification.reason", reason, 2000);
    }
}
