package io.intake.email;

import io.intake.core.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared email conformance corpus ({@code testdata/email}). */
final class Corpus {

    private Corpus() {
    }

    static Path emailDir() {
        return TestData.file("email");
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
