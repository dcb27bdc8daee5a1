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
        // each alternative is matched as \b(?:alt)(?![a-z0-9]): a trailing space is then followed by a word and fails,
        // also when lookaheads follow it ("other (?:two|three) (?!sites)" never matched anything)
        RuleSet rules = RuleSetReader.defaults();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < rules.alternatives().size(); i++) {
            for (String alternative : rules.alternatives().get(i)) {
                if (withoutTrailingLookaheads(alternative).endsWith(" ")) {
                    bad.add(rules.conceptNames().get(i) + ": '" + alternative + "'");
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void trailingLookaheadsAreSeenThrough() {
        assertThat(withoutTrailingLookaheads("other (?:two|three) (?!sites|offices)(?= )")).isEqualTo("other (?:two|three) ");
        assertThat(withoutTrailingLookaheads("other (?:two|three)(?! sites)")).isEqualTo("other (?:two|three)");
        assertThat(withoutTrailingLookaheads("calls? (?:drop|die)")).isEqualTo("calls? (?:drop|die)");
    }

    /** The alternative without the lookaheads at its end, which consume nothing. */
    static String withoutTrailingLookaheads(String alternative) {
        String s = alternative;
        while (s.endsWith(")")) {
            int open = openingParen(s, s.length() - 1);
            if (open < 0 || !(s.startsWith("(?!", open) || s.startsWith("(?=", open))) {
                break;
            }
            s = s.substring(0, open);
        }
        return s;
    }

    private static int openingParen(String s, int close) {
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            char c = s.charAt(k);
            if (k > 0 && s.charAt(k - 1) == '\\') {
                continue;
            }
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }
}
