package io.intake.core.severity;

import java.nio.file.Path;

/** Our own labelled set (written from the policy before tuning), a guard against fitting the public wording. */
class OwnSeverityCasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return resource("own-cases.jsonl");
    }

    @Override
    String title() {
        return "own-cases.jsonl";
    }
}
