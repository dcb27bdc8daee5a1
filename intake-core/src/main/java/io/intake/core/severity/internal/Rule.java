package io.intake.core.severity.internal;

import io.intake.core.ticket.Severity;

/**
 * One compiled rule. Concept references are indices into {@link RuleSet#conceptNames()}; an inner array is an
 * either-or group ("a|b"), the outer array requires every group.
 *
 * @param id           rule id, for example {@code critical.main-number-down}
 * @param severity     the severity the rule decides
 * @param reason       a readable reason
 * @param when         groups that must all match the clause
 * @param whenSentence groups that must all match the clause's sentence (joined with the previous sentence when it
 *                     continues it, as in "Voicemail is odd. It will not play.")
 * @param whenMessage  groups that must all match somewhere in the current message
 * @param unless       concepts that must not match the clause
 * @param unlessSentence concepts that must not match the clause's sentence (with its continuation context)
 * @param unlessMessage concepts that must not match anywhere in the current message
 * @param scope        the scope the clause must have
 * @param current      whether how-to, request, planned, hypothetical and past clauses are skipped
 * @param overrides    whether a match decides alone (exclusions)
 */
public record Rule(String id, Severity severity, String reason, int[][] when, int[][] whenSentence,
                   int[][] whenMessage, int[] unless, int[] unlessSentence, int[] unlessMessage, Scope scope, boolean current,
                   boolean overrides) {

    public Rule {
        if (id == null || severity == null || reason == null || scope == null || when == null || when.length == 0) {
            throw new IllegalArgumentException("rule needs id, severity, reason, scope and at least one 'when' concept");
        }
    }
}
