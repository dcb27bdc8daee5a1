package io.intake.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Embedded test databases, each in a fresh folder under the module's {@code target}. Core test-jar fixture. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new embedded H2 database in {@code target/<prefix>NNN}. */
    public static IntakeDatabase freshEmbedded(String prefix) {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return IntakeDatabase.embedded(Files.createTempDirectory(target, prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
