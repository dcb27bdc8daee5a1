package io.intake.core.severity;

import java.nio.file.Path;

/**
 * Twelfth fresh set (100 cases: 33 LOW, 33 DEGRADED, 34 CRITICAL), written by a separate author from the labelling
 * policy and the agreement only, without the rules or any earlier set, to defeat a phrase-based reader: CRITICAL
 * without outage words ("a man answered 'Delgado Tire'"), DEGRADED with them ("EVERYTHING IS DOWN" of voicemail to
 * email), LOW full of problem words (a 5 pm cutoff that works as set up, user error, a number never ported), scope
 * that flips the class ("all but one", "the only phone we have"), and corrections later in the message.
 */
class HoldoutStyle12CasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return resource("holdout-style-cases-12.jsonl");
    }

    /**
     * First measurement (before any rule change, the honest estimate for adversarial text) 0.650 (65 of 100): recall
     * LOW 0.636 (21 of 33), DEGRADED 0.606 (20 of 33), CRITICAL 0.706 (24 of 34). 0.990 after the rule fixes of the
     * same round, which were made against these misses; the one left is a working default hold music called "tinny".
     */
    @Override
    double minAccuracy() {
        return 0.95;
    }

    /** First measurement 24 of 34 CRITICAL found (0.706; 4 went to LOW, 6 to DEGRADED); 34 of 34 after. */
    @Override
    double minCriticalRecall() {
        return 0.96;
    }

    @Override
    String title() {
        return "holdout-style-cases-12.jsonl";
    }
}
