package io.intake.core.severity;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesFileTest {

    static IntakeRequest chat(String body) {
        return IntakeRequest.builder(Channel.CHAT, "c-1").body(body).receivedAt(Instant.EPOCH).build();
    }

    @Nested
    class Defaults {

        @Test
        void loadFromTheJarWithNamedRules() {
            RuleBasedSeverityRules rules = RuleBasedSeverityRules.defaults();
            assertThat(rules.source()).contains("default-rules.yaml");
            assertThat(rules.ruleCount()).isGreaterThan(30);
        }
    }

    @Nested
    class Extending {

        @Test
        void addsUserRulesToTheDefaults() {
            RuleBasedSeverityRules rules = RuleBasedSeverityRules.fromYaml("user.yaml", """
                    extends: defaults
                    concepts:
                      fax_down: ['fax (?:machine )?(?:is )?(?:down|dead)']
                    rules:
                      - id: critical.fax-down
                        severity: CRITICAL
                        reason: "Our fax is business critical"
                        when: [fax_down]
                    """);
            assertThat(rules.classify(chat("the fax machine is dead")).rule()).isEqualTo("critical.fax-down");
            assertThat(rules.classify(chat("main line goes to fast busy")).rule()).isEqualTo("critical.main-number-down");
        }

        @Test
        void addsVocabularyAndWordsThatAreNotTypos() {
            // "parkng" becomes "parking"; "panking" stays itself, as the user listed it as a real word
            RuleBasedSeverityRules rules = lotFullRules("not-typos: [panking]\n");
            assertThat(rules.classify(chat("the parkng lot is full")).rule()).isEqualTo("degraded.lot-full");
            RuleBasedSeverityRules without = lotFullRules("");
            assertThat(without.classify(chat("the panking lot is full")).rule()).isEqualTo("degraded.lot-full");
            assertThat(rules.classify(chat("the panking lot is full")).rule()).isNotEqualTo("degraded.lot-full");
        }

        /** The defaults with the word "parking", a lot-full concept and rule, and {@code extra} top-level lines. */
        private static RuleBasedSeverityRules lotFullRules(String extra) {
            return RuleBasedSeverityRules.fromYaml("user.yaml", """
                    extends: defaults
                    vocabulary: [parking]
                    """ + extra + """
                    concepts:
                      lot_full: ['parking (?:lot )?(?:is )?full']
                    rules:
                      - id: degraded.lot-full
                        severity: DEGRADED
                        reason: "The parking lot is full"
                        when: [lot_full]
                    """);
        }

        @Test
        void overridesADefaultRuleById() {
            RuleBasedSeverityRules rules = RuleBasedSeverityRules.fromYaml("user.yaml", """
                    extends: defaults
                    rules:
                      - id: degraded.feature-park
                        severity: DEGRADED
                        reason: "Park is broken (site rule)"
                        when: [fault]
                        when-sentence: [f_park]
                    """);
            assertThat(rules.classify(chat("parked calls get dropped")).reason()).startsWith("Park is broken (site rule)");
        }

        @Test
        void disablesADefaultRule() {
            RuleBasedSeverityRules rules = RuleBasedSeverityRules.fromYaml("user.yaml", """
                    extends: defaults
                    rules:
                      - id: low.customer-network
                        enabled: false
                    """);
            assertThat(rules.classify(chat("our internet is down and all phones are dead")).severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void replacesTheDefaultsWithoutExtends() {
            RuleBasedSeverityRules rules = RuleBasedSeverityRules.fromYaml("own.yaml", minimalFile("degraded.anything", "DEGRADED", "[fault]"));
            assertThat(rules.ruleCount()).isEqualTo(1);
            assertThat(rules.classify(chat("main line is broken")).rule()).isEqualTo("degraded.anything");
        }

        @Test
        void readsAUserFileFromDisk(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("rules.yaml");
            Files.writeString(file, "extends: defaults\n");
            assertThat(RuleBasedSeverityRules.fromFile(file).source()).isEqualTo(file.toString());
        }
    }

    @Nested
    class BadFiles {

        @Test
        void nameTheFileRuleAndFieldForAnUnknownSeverity() {
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", minimalFile("critical.x", "SEVERE", "[fault]")))
                    .isInstanceOf(RulesFileException.class)
                    .hasMessageContaining("bad.yaml").hasMessageContaining("critical.x").hasMessageContaining("'severity'")
                    .satisfies(e -> {
                        RulesFileException r = (RulesFileException) e;
                        assertThat(r.ruleId()).isEqualTo("critical.x");
                        assertThat(r.field()).isEqualTo("severity");
                    });
        }

        @Test
        void nameAnUnknownConcept() {
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", minimalFile("low.x", "LOW", "[no_such_concept]")))
                    .hasMessageContaining("low.x").hasMessageContaining("'when'").hasMessageContaining("no_such_concept");
        }

        @Test
        void rejectAnIdWhosePrefixDisagreesWithTheSeverity() {
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", minimalFile("low.x", "CRITICAL", "[fault]")))
                    .hasMessageContaining("low.x").hasMessageContaining("'severity'");
        }

        @Test
        void nameABrokenRegularExpression() {
            String yaml = minimalFile("low.x", "LOW", "[fault]").replace("fault: ['broken']", "fault: ['(broken']");
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", yaml))
                    .hasMessageContaining("bad.yaml").hasMessageContaining("concepts.fault[0]").hasMessageContaining("regular expression");
        }

        @Test
        void rejectAnUnquotedNoAsASynonym() {
            String yaml = "synonyms:\n  ningun: no\n" + minimalFile("low.x", "LOW", "[fault]");
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", yaml))
                    .hasMessageContaining("synonyms.ningun").hasMessageContaining("quote");
            assertThat(RuleBasedSeverityRules.fromYaml("ok.yaml", yaml.replace("ningun: no", "ningun: \"no\"")))
                    .isNotNull();
        }

        @Test
        void nameAnUnknownRuleField() {
            String yaml = minimalFile("low.x", "LOW", "[fault]").replace("    reason:", "    reson: typo\n    reason:");
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", yaml))
                    .hasMessageContaining("low.x").hasMessageContaining("'reson'");
        }

        @Test
        void reportInvalidYaml() {
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromYaml("bad.yaml", "rules: [\n  - id: x"))
                    .isInstanceOf(RulesFileException.class).hasMessageContaining("bad.yaml").hasMessageContaining("not valid YAML");
        }

        @Test
        void reportAMissingFile(@TempDir Path dir) {
            assertThatThrownBy(() -> RuleBasedSeverityRules.fromFile(dir.resolve("nope.yaml")))
                    .isInstanceOf(RulesFileException.class).hasMessageContaining("nope.yaml");
        }
    }

    /** A complete stand-alone file with the reserved concepts and one rule. */
    static String minimalFile(String id, String severity, String when) {
        StringBuilder sb = new StringBuilder("concepts:\n  fault: ['broken']\n");
        for (String reserved : new String[]{"howto", "request", "planned", "hypothetical", "past", "current", "resolved",
                "still", "forward", "scope_all", "scope_partial", "others_ok"}) {
            sb.append("  ").append(reserved).append(": ['zzz").append(reserved).append("']\n");
        }
        sb.append("rules:\n  - id: ").append(id).append("\n    severity: ").append(severity)
                .append("\n    reason: \"test rule\"\n    when: ").append(when).append('\n');
        return sb.toString();
    }
}
