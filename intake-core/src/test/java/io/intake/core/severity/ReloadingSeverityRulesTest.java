package io.intake.core.severity;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReloadingSeverityRulesTest {

    private static final IntakeRequest BROKEN = IntakeRequest.builder(Channel.CHAT, "c-1").body("it is broken")
            .receivedAt(Instant.EPOCH).build();

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void write(Path file, String text, long mtimeSeconds) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
    }

    @Test
    void picksUpAnEditedFileAfterTheCheckInterval(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, RulesFileTest.minimalFile("low.first", "LOW", "[fault]"), 1000);
        TestClock clock = new TestClock();
        ReloadingSeverityRules rules = new ReloadingSeverityRules(file, clock, Duration.ofSeconds(1));
        assertThat(rules.classify(BROKEN).rule()).isEqualTo("low.first");

        write(file, RulesFileTest.minimalFile("degraded.second", "DEGRADED", "[fault]"), 2000);
        assertThat(rules.classify(BROKEN).rule()).as("throttled: not checked yet").isEqualTo("low.first");

        clock.now = clock.now.plusMillis(1500);
        assertThat(rules.classify(BROKEN).rule()).isEqualTo("degraded.second");
    }

    @Test
    void keepsThePreviousRulesWhenTheEditedFileIsBroken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, RulesFileTest.minimalFile("low.first", "LOW", "[fault]"), 1000);
        TestClock clock = new TestClock();
        ReloadingSeverityRules rules = new ReloadingSeverityRules(file, clock, Duration.ofSeconds(1));

        write(file, RulesFileTest.minimalFile("low.first", "SEVERE", "[fault]"), 2000);
        clock.now = clock.now.plusSeconds(2);
        assertThat(rules.classify(BROKEN).rule()).isEqualTo("low.first");

        write(file, RulesFileTest.minimalFile("critical.fixed", "CRITICAL", "[fault]"), 3000);
        clock.now = clock.now.plusSeconds(2);
        assertThat(rules.classify(BROKEN).rule()).isEqualTo("critical.fixed");
    }

    @Test
    void keepsThePreviousRulesWhenTheFileDisappears(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, RulesFileTest.minimalFile("low.first", "LOW", "[fault]"), 1000);
        TestClock clock = new TestClock();
        ReloadingSeverityRules rules = new ReloadingSeverityRules(file, clock, Duration.ofSeconds(1));
        Files.delete(file);
        clock.now = clock.now.plusSeconds(2);
        assertThat(rules.classify(BROKEN).rule()).isEqualTo("low.first");
    }

    @Test
    void failsAtStartupWithABadFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        write(file, RulesFileTest.minimalFile("low.first", "LOW", "[nothing_here]"), 1000);
        assertThatThrownBy(() -> new ReloadingSeverityRules(file))
                .isInstanceOf(RulesFileException.class).hasMessageContaining("rules.yaml").hasMessageContaining("low.first")
                .hasMessageContaining("'when'");
    }
}
