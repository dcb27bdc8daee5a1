package io.intake.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared email conformance corpus: system property {@code intake.testdata}, else ../shared/testdata. */
final class Corpus {

    private Corpus() {
    }

    static Path emailDir() {
        String configured = System.getProperty("intake.testdata");
        Path base = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..", "shared", "testdata");
        Path dir = base.resolve("email").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The email conformance corpus is missing: " + dir
                    + " does not exist. Set -Dintake.testdata=/path/to/shared/testdata (the folder holding email/).");
        }
        return dir;
    }

    static List<Path> emlFiles() {
        try (Stream<Path> files = Files.list(emailDir())) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("The email conformance corpus " + emailDir() + " holds no .eml files");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
