package io.intake.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared conformance data ({@code ../shared/testdata} beside the checkout). The build passes its location as system
 * property {@code intake.testdata}; run from a module folder without it, the usual places are tried. A missing file
 * fails the test with what was tried — it never skips. Shipped in the intake-core test-jar for every module.
 */
public final class TestData {

    private TestData() {
    }

    /** A file below the test data folder, for example {@code sla/public.jsonl}. */
    public static Path file(String relative) {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty("intake.testdata");
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property).resolve(relative));
        } else {
            tried.add(Path.of("..", "shared", "testdata").resolve(relative));
            // a git worktree sits one level further from the shared folder
            tried.add(Path.of("..", "..", "shared", "testdata").resolve(relative));
        }
        for (Path p : tried) {
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("test data " + relative + " not found; tried "
                + tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList() + " from "
                + Path.of("").toAbsolutePath() + ". Set -Dintake.testdata=<the shared testdata folder>.");
    }
}
