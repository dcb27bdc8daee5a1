package io.intake.core.severity;

import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blind rounds. Each {@code holdout-style-cases*.jsonl} was written by an author who saw only the labelling policy
 * and the agreement, never the rules or an earlier set, and was run once before any rule was changed for it: that
 * first-run figure is the honest estimate for unseen text, and {@code docs/severity.md} ("Results") keeps it for every
 * set. Once the rules were fixed against a set it stays here as a regression test, with a bar that leaves room below
 * its score after the fixes (on the small sets 2 and 4, one CRITICAL miss is allowed). Each run prints the set's
 * confusion matrix and its misses.
 */
class BlindSetsTest {

    /**
     * One blind set.
     *
     * @param file              under {@code src/test/resources/severity/}
     * @param round             the round whose rules first read it: its first run came after the fixes of every
     *                          earlier round (sets of one round were written and run together; set 9 after 10, 21 after 22)
     * @param cases             how many it holds (a set is never edited, only added)
     * @param probes            what its author was asked to write
     * @param minAccuracy       its accuracy bar
     * @param minCriticalRecall its CRITICAL recall bar
     */
    record BlindSet(String file, int round, int cases, String probes, double minAccuracy, double minCriticalRecall) {

        @Override
        public String toString() {
            return file + ": " + probes;
        }
    }

    static final List<BlindSet> SETS = List.of(
            new BlindSet("holdout-style-cases.jsonl", 1, 125, "the first held-out styles", 0.95, 0.97),
            new BlindSet("holdout-style-cases-2.jsonl", 2, 30, "the first generalisation check", 0.93, 0.90),
            new BlindSet("holdout-style-cases-3.jsonl", 3, 80, "mixed styles", 0.95, 0.96),
            new BlindSet("holdout-style-cases-4.jsonl", 4, 20, "hard edge cases", 0.90, 0.85),
            new BlindSet("holdout-style-cases-5.jsonl", 5, 84, "signatures, forwards, quoted history, IVR transcripts", 0.95, 0.96),
            new BlindSet("holdout-style-cases-6.jsonl", 6, 86, "rambling forwards, terse chat, understatement", 0.95, 0.96),
            new BlindSet("holdout-style-cases-7.jsonl", 7, 100, "policy boundaries: network, scope, porting", 0.95, 0.96),
            new BlindSet("holdout-style-cases-8.jsonl", 7, 100, "transcripts, relays, sarcasm, lists", 0.95, 0.96),
            new BlindSet("holdout-style-cases-9.jsonl", 9, 100, "unusual customers, scope by role or room", 0.95, 0.96),
            new BlindSet("holdout-style-cases-10.jsonl", 8, 100, "short and sparse, abbreviations, idioms", 0.95, 0.96),
            new BlindSet("holdout-style-cases-11.jsonl", 10, 100, "an ordinary week of a provider's inbox", 0.95, 0.96),
            new BlindSet("holdout-style-cases-12.jsonl", 10, 100, "text written to defeat a phrase reader", 0.95, 0.96),
            new BlindSet("holdout-style-cases-13.jsonl", 11, 100, "an ordinary month of a provider's inbox", 0.95, 0.96),
            new BlindSet("holdout-style-cases-14.jsonl", 11, 100, "CRITICAL recall: 50 CRITICAL in many wordings", 0.95, 0.96),
            new BlindSet("holdout-style-cases-15.jsonl", 12, 100, "ordinary traffic in many Englishes", 0.95, 0.96),
            new BlindSet("holdout-style-cases-16.jsonl", 12, 100, "CRITICAL told through what callers hear and staff see", 0.95, 0.96),
            new BlindSet("holdout-style-cases-17.jsonl", 13, 100, "ordinary traffic where the thread decides", 0.95, 0.96),
            new BlindSet("holdout-style-cases-18.jsonl", 13, 100, "CRITICAL in SIP jargon and in two-word chats", 0.95, 0.96),
            new BlindSet("holdout-style-cases-19.jsonl", 14, 100, "a plain random-looking sample of a quarter's tickets", 0.95, 0.96),
            new BlindSet("holdout-style-cases-20.jsonl", 14, 100, "CRITICAL recall in every register mixed", 0.95, 0.96),
            new BlindSet("holdout-style-cases-21.jsonl", 16, 100, "CRITICAL told indirectly by non-technical trades (50 CRITICAL)", 0.95, 0.96),
            new BlindSet("holdout-style-cases-22.jsonl", 15, 100, "a hidden-set imitation: every scenario, two difficulty styles each", 0.95, 0.96),
            new BlindSet("holdout-style-cases-23.jsonl", 17, 100, "second-hand reports: forwards, relays, consultants (50 CRITICAL)", 0.95, 0.96),
            new BlindSet("holdout-style-cases-24.jsonl", 17, 100, "CRITICAL and its DEGRADED and LOW twins, told apart by scope", 0.95, 0.96),
            new BlindSet("holdout-style-cases-25.jsonl", 18, 100, "DEGRADED and LOW that sound like an outage (30 CRITICAL)", 0.95, 0.96),
            new BlindSet("holdout-style-cases-26.jsonl", 18, 100, "a second hidden-set imitation: hard for software to read", 0.95, 0.96),
            new BlindSet("holdout-style-cases-27.jsonl", 19, 100, "CRITICAL told through details, every category and register (50 CRITICAL)", 0.95, 0.96),
            new BlindSet("holdout-style-cases-28.jsonl", 19, 100, "an ordinary quarter of the inbox, sampled plainly", 0.95, 0.96),
            new BlindSet("holdout-style-cases-29.jsonl", 20, 100, "Spanish, Spanglish and non-native English (40 CRITICAL)", 0.95, 0.96),
            new BlindSet("holdout-style-cases-30.jsonl", 20, 100, "a third hidden-set imitation", 0.95, 0.96),
            new BlindSet("holdout-style-cases-31.jsonl", 21, 100, "a fourth hidden-set imitation: every scenario tag, hard styles", 0.95, 0.96),
            new BlindSet("holdout-style-cases-32.jsonl", 21, 100, "CRITICAL recall against look-alikes (50 CRITICAL)", 0.95, 0.96));

    private static final SeverityRules RULES = RuleBasedSeverityRules.defaults();

    static List<BlindSet> sets() {
        return SETS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void meetsItsBar(BlindSet set) {
        List<LabelledCase> cases = LabelledCase.load(LabelledCasesContract.resource(set.file()));
        assertThat(cases).as("cases in " + set.file()).hasSize(set.cases());
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (LabelledCase labelled : cases) {
            Classification c = RULES.classify(labelled.request());
            assertThat(c.reason()).as(labelled.id()).isNotBlank();
            matrix.add(labelled, c.severity(), c.rule());
        }
        String report = matrix.render(set.file());
        System.out.println(report);
        assertThat(matrix.accuracy()).as("accuracy\n" + report).isGreaterThanOrEqualTo(set.minAccuracy());
        assertThat(matrix.recall(Severity.CRITICAL)).as("CRITICAL recall\n" + report)
                .isGreaterThanOrEqualTo(set.minCriticalRecall());
    }

    /**
     * What the gateway runs by default, the rules with the shipped model's second opinion, keeps every bar too. The
     * shipped model was trained on these very sets, so this only guards against the two readers spoiling each other;
     * the honest measure of the second opinion is {@link SecondOpinionBacktestTest}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void theRulesWithTheSecondOpinionMeetTheBarToo(BlindSet set) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (LabelledCase labelled : LabelledCase.load(LabelledCasesContract.resource(set.file()))) {
            Classification c = SecondOpinionSeverityRules.defaults().classify(labelled.request());
            matrix.add(labelled, c.severity(), c.rule());
        }
        String report = matrix.render(set.file() + " with the second opinion");
        assertThat(matrix.accuracy()).as("accuracy\n" + report).isGreaterThanOrEqualTo(set.minAccuracy());
        assertThat(matrix.recall(Severity.CRITICAL)).as("CRITICAL recall\n" + report)
                .isGreaterThanOrEqualTo(set.minCriticalRecall());
    }

    @Test
    void everyBlindSetInTheResourcesHasABar() throws Exception {
        Path folder = LabelledCasesContract.resource("own-cases.jsonl").getParent();
        List<String> files;
        try (var list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("holdout-style-cases"))
                    .sorted().collect(Collectors.toList());
        }
        assertThat(SETS.stream().map(BlindSet::file)).containsExactlyInAnyOrderElementsOf(files);
    }
}
