package io.intake.core.sla;

import io.intake.core.TestData;

import java.nio.file.Path;

/** The shared SLA cases. */
public final class SlaTestData {

    private SlaTestData() {
    }

    /** The public SLA cases file; fails (never skips) when it cannot be found. */
    public static Path publicCases() {
        return TestData.file("sla/public.jsonl");
    }
}
