package io.intake.core.severity;

import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Severity rules from a user file that are picked up again when the file changes, without a restart. At most once per
 * check interval (default one second) a classification looks at the file's modification time and size; when they
 * changed, the file is read again. A file that fails to load keeps the previous rules and logs a WARN naming the file
 * and the problem. The first load happens in the constructor and fails loudly.
 */
public final class ReloadingSeverityRules implements SeverityRules {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingSeverityRules.class);

    private final Path file;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextCheck;
    private volatile RuleBasedSeverityRules current;
    private volatile Stamp loaded;

    /** Watches {@code file}, checking at most once per second. */
    public ReloadingSeverityRules(Path file) {
        this(file, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    /**
     * @param file          the user rules file
     * @param clock         the clock the check interval is measured with
     * @param checkInterval the least time between two looks at the file
     * @throws RulesFileException when the file cannot be loaded now
     */
    public ReloadingSeverityRules(Path file, Clock clock, Duration checkInterval) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (checkInterval == null || checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative (was " + checkInterval + ")");
        }
        this.intervalMillis = checkInterval.toMillis();
        Stamp stamp = stamp();
        this.current = RuleBasedSeverityRules.fromFile(file);
        this.loaded = stamp;
        this.nextCheck = new AtomicLong(clock.millis() + intervalMillis);
        LOG.info("Loaded {} severity rules from {}", current.ruleCount(), file);
    }

    @Override
    public Classification classify(IntakeRequest request) {
        checkForChange();
        return current.classify(request);
    }

    /** The rules in use now. */
    public RuleBasedSeverityRules current() {
        return current;
    }

    /** Looks at the file now if the check interval has passed; reloads it when it changed. */
    public void checkForChange() {
        long now = clock.millis();
        long due = nextCheck.get();
        if (now < due || !nextCheck.compareAndSet(due, now + intervalMillis)) {
            return;
        }
        Stamp stamp = stamp();
        if (stamp.equals(loaded)) {
            return;
        }
        loaded = stamp;
        if (stamp.missing()) {
            LOG.warn("Severity rules file {} is missing or unreadable; keeping the previous rules", file);
            return;
        }
        try {
            current = RuleBasedSeverityRules.fromFile(file);
            LOG.info("Reloaded {} severity rules from {}", current.ruleCount(), file);
        } catch (RulesFileException e) {
            LOG.warn("Severity rules file {} was changed but cannot be used, keeping the previous rules: {}", file, e.getMessage());
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size(), false);
        } catch (IOException e) {
            return new Stamp(0, -1, true);
        }
    }

    /** What the file looked like when last seen. */
    private record Stamp(long modifiedMillis, long size, boolean missing) {
    }
}
