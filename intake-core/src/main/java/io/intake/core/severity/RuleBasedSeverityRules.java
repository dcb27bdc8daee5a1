package io.intake.core.severity;

import io.intake.core.severity.internal.RuleSetReader;
import io.intake.core.severity.internal.SeverityEngine;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;

import java.nio.file.Path;

/**
 * Severity rules read from a rules file: the defaults shipped in the jar ({@code default-rules.yaml} next to this
 * class), a user file that replaces them, or a user file that starts with {@code extends: defaults} and adds to or
 * overrides them by rule id. Immutable and thread-safe. A bad file fails with a {@link RulesFileException} naming the
 * file, the rule id and the field.
 */
public final class RuleBasedSeverityRules implements SeverityRules {

    private static volatile RuleBasedSeverityRules defaults;

    private final SeverityEngine engine;

    private RuleBasedSeverityRules(SeverityEngine engine) {
        this.engine = engine;
    }

    /** The shipped default rules (compiled once). */
    public static RuleBasedSeverityRules defaults() {
        RuleBasedSeverityRules d = defaults;
        if (d == null) {
            d = new RuleBasedSeverityRules(new SeverityEngine(RuleSetReader.defaults()));
            defaults = d;
        }
        return d;
    }

    /** Rules from a user file (complete, or {@code extends: defaults}). */
    public static RuleBasedSeverityRules fromFile(Path file) {
        return new RuleBasedSeverityRules(new SeverityEngine(RuleSetReader.read(file)));
    }

    /** Rules from YAML text; {@code source} names it in error messages. */
    public static RuleBasedSeverityRules fromYaml(String source, String yaml) {
        return new RuleBasedSeverityRules(new SeverityEngine(RuleSetReader.fromText(source, yaml)));
    }

    /** Where the rules came from. */
    public String source() {
        return engine.rules().source();
    }

    /** How many rules are enabled. */
    public int ruleCount() {
        return engine.rules().rules().size();
    }

    @Override
    public Classification classify(IntakeRequest request) {
        return engine.classify(request);
    }
}
