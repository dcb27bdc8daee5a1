package io.intake.core.severity;

import io.intake.core.severity.internal.RuleSet;
import io.intake.core.severity.internal.RuleSetReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes in concept patterns that compile but can never match. */
class DefaultRulesLintTest {

    @Test
    void noAlternativeEndsWithASpace() {
        // each alternative is matched as \b(?:alt)(?![a-z0-9]): a trailing space is then followed by a word and fails
        RuleSet rules = RuleSetReader.defaults();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < rules.alternatives().size(); i++) {
            for (String alternative : rules.alternatives().get(i)) {
                if (alternative.endsWith(" ")) {
                    bad.add(rules.conceptNames().get(i) + ": '" + alternative + "'");
                }
            }
        }
        assertThat(bad).isEmpty();
    }
}
