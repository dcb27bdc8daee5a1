package io.intake.core.severity;

import java.nio.file.Path;

/**
 * Eighth fresh set (100 cases: 33 LOW, 33 DEGRADED, 34 CRITICAL), written by a separate author from the labelling
 * policy and the agreement only, without the rules or any earlier set, in writing styles that are hard for a rule
 * reader: phone transcripts without punctuation and with speech-to-text errors, reports relayed by a third person,
 * outages asked as questions, sarcasm and two-word messages, lists mixing a request with a problem, follow-ups on a
 * ticket whose problem grew, shrank or ended, indirect customer-network causes, and partly Spanish text.
 */
class HoldoutStyle8CasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return resource("holdout-style-cases-8.jsonl");
    }

    /**
     * First measurement (before any rule change, the honest estimate) 0.880 (88 of 100): recall LOW 0.788 (26 of 33),
     * DEGRADED 0.970 (32 of 33), CRITICAL 0.882 (30 of 34). 1.000 after the rule fixes of the same round, which were
     * made against these misses, so the bar leaves room.
     */
    @Override
    double minAccuracy() {
        return 0.95;
    }

    /** First measurement 30 of 34 CRITICAL found (0.882; 3 went to LOW, 1 to DEGRADED); 34 of 34 after. */
    @Override
    double minCriticalRecall() {
        return 0.96;
    }

    @Override
    String title() {
        return "holdout-style-cases-8.jsonl";
    }
}
