package io.intake.core.severity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.cli.LabelledLines;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The honest measure of the second opinion. For every blind set with a recorded first run
 * ({@code severity/first-run/}: what the rules answered before they were changed for that set), a word model is trained
 * only on the public sample and the blind sets of earlier rounds (those whose fixes the rules had when they first read
 * the set), and {@link SecondOpinionSeverityRules} weighs the rules' first-run answer against it. So neither reader has
 * seen the set it is measured on, nor anything written after the rules' first run on it, as with the hidden set. Prints
 * one line per set and the totals, which {@code docs/severity.md} quotes.
 */
class SecondOpinionBacktestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String set, int cases, int rulesOk, int modelOk, int bothOk, int critical, int rulesCritOk, int modelCritOk, int bothCritOk) {
    }

    @Test
    void theSecondOpinionRaisesRecallAndAccuracyOnTextNeitherReaderHasSeen() {
        List<BlindSetsTest.BlindSet> sets = BlindSetsTest.SETS;
        List<Row> rows = IntStream.range(0, sets.size()).parallel()
                .mapToObj(i -> backtest(sets, i)).filter(r -> r != null).toList();
        Row total = new Row("all", 0, 0, 0, 0, 0, 0, 0, 0);
        StringBuilder report = new StringBuilder("set | cases | rules first run: accuracy / CRITICAL recall | model alone | rules with the second opinion\n");
        for (Row r : rows) {
            report.append(line(r));
            total = new Row("all", total.cases + r.cases, total.rulesOk + r.rulesOk, total.modelOk + r.modelOk,
                    total.bothOk + r.bothOk, total.critical + r.critical, total.rulesCritOk + r.rulesCritOk,
                    total.modelCritOk + r.modelCritOk, total.bothCritOk + r.bothCritOk);
        }
        report.append(line(total));
        System.out.println(report);
        assertThat(rows).as("sets with a recorded first run").hasSize(26);
        double rulesAccuracy = (double) total.rulesOk / total.cases;
        double accuracy = (double) total.bothOk / total.cases;
        double recall = (double) total.bothCritOk / total.critical;
        assertThat(accuracy).as(report.toString()).isGreaterThanOrEqualTo(0.92).isGreaterThan(rulesAccuracy);
        assertThat(recall).as(report.toString()).isGreaterThanOrEqualTo(0.98);
        for (Row r : rows) {
            assertThat(r.bothCritOk).as("the second opinion never loses a CRITICAL the rules found, " + r.set).isGreaterThanOrEqualTo(r.rulesCritOk);
        }
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%s | %d | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f%n", r.set, r.cases,
                (double) r.rulesOk / r.cases, (double) r.rulesCritOk / r.critical, (double) r.modelOk / r.cases,
                (double) r.modelCritOk / r.critical, (double) r.bothOk / r.cases, (double) r.bothCritOk / r.critical);
    }

    private static Row backtest(List<BlindSetsTest.BlindSet> sets, int index) {
        String file = sets.get(index).file();
        if (SecondOpinionBacktestTest.class.getResource("/severity/first-run/" + file) == null) {
            return null;
        }
        Path first = LabelledCasesContract.resource("first-run/" + file);
        List<Path> earlier = new ArrayList<>(List.of(io.intake.core.TestData.file("severity/public.jsonl")));
        for (BlindSetsTest.BlindSet set : sets) {
            if (set.round() < sets.get(index).round()) {
                earlier.add(LabelledCasesContract.resource(set.file()));
            }
        }
        WordModel model = WordModel.train(LabelledLines.read(earlier), WordModel.Training.defaults());
        Map<String, Severity> rulesSaid = new HashMap<>();
        Map<String, String> rulesRule = new HashMap<>();
        firstRun(first, rulesSaid, rulesRule);
        int ok = 0, modelOk = 0, bothOk = 0, crit = 0, critOk = 0, modelCritOk = 0, bothCritOk = 0, n = 0;
        for (LabelledCase c : LabelledCase.load(LabelledCasesContract.resource(file))) {
            Severity rules = rulesSaid.get(c.id());
            boolean policyRule = SecondOpinionSeverityRules.CUSTOMER_NETWORK_RULE.equals(rulesRule.get(c.id()));
            assertThat(rules).as("first run of " + c.id()).isNotNull();
            double[] p = model.probabilities(c.request().subject(), c.request().body());
            String opinion = SecondOpinionSeverityRules.secondOpinion(rules, policyRule, p, model);
            Severity alone = WordModel.LABELS.get(SecondOpinionSeverityRules.best(p));
            Severity both = SecondOpinionSeverityRules.decided(rules, opinion, p);
            n++;
            ok += rules == c.expected() ? 1 : 0;
            modelOk += alone == c.expected() ? 1 : 0;
            bothOk += both == c.expected() ? 1 : 0;
            if (c.expected() == Severity.CRITICAL) {
                crit++;
                critOk += rules == Severity.CRITICAL ? 1 : 0;
                modelCritOk += alone == Severity.CRITICAL ? 1 : 0;
                bothCritOk += both == Severity.CRITICAL ? 1 : 0;
            }
        }
        return new Row(file.replace("holdout-style-cases-", "holdout ").replace(".jsonl", ""), n, ok, modelOk, bothOk, crit,
                critOk, modelCritOk, bothCritOk);
    }

    private static void firstRun(Path file, Map<String, Severity> severity, Map<String, String> rule) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode d = JSON.readTree(line);
                    severity.put(d.get("id").asText(), Severity.valueOf(d.get("severity").asText()));
                    rule.put(d.get("id").asText(), d.get("rule").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
