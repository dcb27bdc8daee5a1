package io.intake.core.severity;

import java.nio.file.Path;

/** Fourth fresh set (20 cases), written after the third round of fixes without looking at them: the honest estimate. */
class HoldoutStyle4CasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return resource("holdout-style-cases-4.jsonl");
    }

    /** First measurement (the honest one) 0.700 (14 of 20); 0.900 after a few general fixes; the bar stays below the first. */
    @Override
    double minAccuracy() {
        return 0.65;
    }

    /** First measurement 4 of 7 CRITICAL found (0.571); 5 of 7 after. */
    @Override
    double minCriticalRecall() {
        return 0.55;
    }

    @Override
    String title() {
        return "holdout-style-cases-4.jsonl";
    }
}
