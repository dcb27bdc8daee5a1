package io.intake.core.sla;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the shared test data: system property {@code intake.testdata}, else {@code ../shared/testdata}. */
public final class SlaTestData {

    private SlaTestData() {
    }

    /** The public SLA cases file; fails (never skips) when it cannot be found. */
    public static Path publicCases() {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty("intake.testdata");
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property, "sla", "public.jsonl"));
        } else {
            tried.add(Path.of("..", "shared", "testdata", "sla", "public.jsonl"));
            // a worktree sits beside the shared directory, one level further up
            tried.add(Path.of("..", "..", "shared", "testdata", "sla", "public.jsonl"));
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("SLA test data not found; tried " + tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
                + " from " + Path.of("").toAbsolutePath() + ". Set -Dintake.testdata=<dir containing sla/public.jsonl>.");
    }
}
