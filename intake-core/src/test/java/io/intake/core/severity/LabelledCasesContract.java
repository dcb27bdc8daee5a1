package io.intake.core.severity;

import io.intake.core.ticket.Classification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of one labelled file through the default rules, prints the confusion matrix and asserts the quality
 * bar: by default accuracy at least 0.90 and CRITICAL recall at least 0.98; a set may lower or raise its own bar by
 * overriding {@link #minAccuracy()} and {@link #minCriticalRecall()}. Single cases are not asserted one by one, so the
 * report shows all misses at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LabelledCasesContract {

    static final double MIN_ACCURACY = 0.90;
    static final double MIN_CRITICAL_RECALL = 0.98;

    private final ConfusionMatrix matrix = new ConfusionMatrix();
    private final SeverityRules rules = RuleBasedSeverityRules.defaults();

    abstract Path casesFile();

    /** A labelled set kept in this module's test resources under {@code severity/}. */
    static Path resource(String name) {
        var url = LabelledCasesContract.class.getResource("/severity/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource /severity/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    /** The lowest accuracy this set must reach. */
    double minAccuracy() {
        return MIN_ACCURACY;
    }

    /** The lowest CRITICAL recall this set must reach. */
    double minCriticalRecall() {
        return MIN_CRITICAL_RECALL;
    }

    abstract String title();

    List<LabelledCase> cases() {
        return LabelledCase.load(casesFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesCase(LabelledCase labelled) {
        Classification c = rules.classify(labelled.request());
        assertThat(c.reason()).isNotBlank();
        matrix.add(labelled, c.severity(), c.rule());
    }

    @AfterAll
    void meetsTheQualityBar() {
        String report = matrix.render(title());
        System.out.println(report);
        assertThat(matrix.total()).as("cases run").isPositive();
        assertThat(matrix.accuracy()).as("accuracy\n" + report).isGreaterThanOrEqualTo(minAccuracy());
        assertThat(matrix.recall(io.intake.core.ticket.Severity.CRITICAL)).as("CRITICAL recall\n" + report)
                .isGreaterThanOrEqualTo(minCriticalRecall());
    }
}
