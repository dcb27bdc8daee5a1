package io.intake.core.severity;

import io.intake.core.TestData;
import java.nio.file.Path;

/** The public labelled sample in {@code shared/testdata/severity/public.jsonl}. */
class PublicSeverityCasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        return TestData.file("severity/public.jsonl");
    }

    @Override
    String title() {
        return "public.jsonl";
    }
}
