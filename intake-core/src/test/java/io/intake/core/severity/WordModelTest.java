package io.intake.core.severity;

import io.intake.core.TestData;
import io.intake.core.cli.LabelledLines;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordModelTest {

    private static final List<WordModel.Example> PUBLIC = LabelledLines.read(List.of(TestData.file("severity/public.jsonl")));

    @Test
    void theShippedModelIsWhatTrainingOnTheLabelledSetsGives() throws IOException {
        String shipped;
        try (InputStream in = WordModel.class.getResourceAsStream("word-model.tsv.gz")) {
            assertThat(in).as("word-model.tsv.gz in the jar").isNotNull();
            shipped = ShippedModelTraining.text(in);
        }
        String retrained = ShippedModelTraining.text(ShippedModelTraining.train());
        assertThat(retrained.equals(shipped))
                .as("the shipped model is stale: run ShippedModelTraining (see its comment) after changing a labelled set")
                .isTrue();
        assertThat(WordModel.shipped().examples()).isGreaterThan(2_900);
    }

    @Test
    void featuresAreTheDistinctWordsAndAdjacentPairsOfSubjectAndBody() {
        assertThat(WordModel.features("No dial tone", "No DIAL tone, at all.", Set.of()))
                .containsExactly("no", "dial", "no dial", "tone", "dial tone", "at", "tone at", "all", "at all");
        assertThat(WordModel.features("Teléfono caído", "we can't", Set.of()))
                .containsExactly("teléfono", "caído", "teléfono caído", "we", "can't", "we can't");
        assertThat(WordModel.features("", "phones urgent down", Set.of("urgent")))
                .as("an ignored word is no feature and no pair spans it").containsExactly("phones", "down");
    }

    @Test
    void toneAndCapitalsNeverMoveIt() {
        WordModel model = WordModel.shipped();
        for (WordModel.Example e : PUBLIC) {
            double[] plain = model.probabilities(e.subject(), e.body());
            double[] shouted = model.probabilities("URGENT!!! " + e.subject().toUpperCase(Locale.ROOT) + " - ASAP",
                    e.body().toUpperCase(Locale.ROOT) + "\n\nEMERGENCY. Priority: CRITICAL. Urgently!");
            assertThat(shouted).as(e.subject()).containsExactly(plain);
        }
    }

    @Test
    void readsBackExactlyWhatItWrote(@TempDir Path dir) {
        WordModel trained = WordModel.train(PUBLIC, WordModel.Training.defaults());
        Path file = dir.resolve("model.gz");
        trained.write(file);
        WordModel read = WordModel.read(file);
        assertThat(read.examples()).isEqualTo(60);
        assertThat(read.features()).isEqualTo(trained.features());
        assertThat(read.ignored()).isEqualTo(WordModel.DEFAULT_IGNORED);
        assertThat(read.criticalAt()).isEqualTo(0.40);
        assertThat(read.overrideAt()).isEqualTo(0.90);
        for (WordModel.Example e : PUBLIC) {
            assertThat(read.probabilities(e.subject(), e.body())).containsExactly(trained.probabilities(e.subject(), e.body()));
        }
    }

    @Test
    void learnsWhatItIsShownAndSaysWhichWordsWeighed() {
        WordModel model = WordModel.train(PUBLIC, WordModel.Training.defaults());
        int right = 0;
        for (WordModel.Example e : PUBLIC) {
            double[] p = model.probabilities(e.subject(), e.body());
            right += WordModel.LABELS.get(SecondOpinionSeverityRules.best(p)) == e.severity() ? 1 : 0;
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(right).as("training examples it reads back").isGreaterThanOrEqualTo(57);
        String outage = "Nobody can call us. Every phone in the office has no dial tone since 9am.";
        assertThat(WordModel.shipped().probabilities("", outage)[2]).isGreaterThan(0.8);
        assertThat(WordModel.shipped().strongestFor("", outage, Severity.CRITICAL, 3)).hasSize(3);
    }

    @Nested
    class BadFiles {

        @TempDir
        Path dir;

        @Test
        void aFileThatIsNotGzipSaysSo() throws IOException {
            Path f = Files.writeString(dir.resolve("m.gz"), "hello");
            assertThatThrownBy(() -> WordModel.read(f)).isInstanceOf(RulesFileException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("not gzip-compressed");
        }

        @Test
        void aWrongFirstLineSaysWhatIsExpected() throws IOException {
            Path f = gzip("some-other-format\t1\n");
            assertThatThrownBy(() -> WordModel.read(f)).hasMessageContaining("line 1").hasMessageContaining("intake-word-model");
        }

        @Test
        void aBadWeightNamesItsLine() throws IOException {
            Path f = gzip(header() + "w\tdial tone\t0.1\tx\t0.3\n");
            assertThatThrownBy(() -> WordModel.read(f)).hasMessageContaining("field 'line 8'").hasMessageContaining("'x' is not a finite number");
        }

        @Test
        void aMissingHeaderFieldIsNamed() throws IOException {
            Path f = gzip(header().replace("critical-at\t0.4\n", ""));
            assertThatThrownBy(() -> WordModel.read(f)).hasMessageContaining("field 'critical-at'").hasMessageContaining("required");
        }

        @Test
        void aThresholdOutsideZeroToOneIsRefused() throws IOException {
            Path f = gzip(header().replace("override-at\t0.9", "override-at\t1.5"));
            assertThatThrownBy(() -> WordModel.read(f)).hasMessageContaining("field 'override-at'").hasMessageContaining("not a probability");
        }

        @Test
        void aMissingFileNamesIt() {
            Path f = dir.resolve("nowhere.gz");
            assertThatThrownBy(() -> WordModel.read(f)).isInstanceOf(RulesFileException.class).hasMessageContaining("nowhere.gz");
        }

        @Test
        void aBadTrainingLineNamesTheFileTheLineAndTheField() throws IOException {
            Path f = Files.writeString(dir.resolve("labelled.jsonl"), """
                    {"subject":"a","body":"b","severity":"LOW"}

                    {"subject":"a","body":"b"}
                    """);
            assertThatThrownBy(() -> LabelledLines.read(List.of(f))).hasMessageContaining("labelled.jsonl:3")
                    .hasMessageContaining("field 'severity'");
            Path g = Files.writeString(dir.resolve("bad.jsonl"), "{\"subject\":\"a\",\"body\":\"b\",\"expected_severity\":\"HIGH\"}\n");
            assertThatThrownBy(() -> LabelledLines.read(List.of(g))).hasMessageContaining("bad.jsonl:1")
                    .hasMessageContaining("'HIGH' is not a severity");
        }

        private String header() {
            return "intake-word-model\t1\nlabels\tLOW DEGRADED CRITICAL\nexamples\t3\nignored\turgent\ncritical-at\t0.4\n"
                    + "override-at\t0.9\nbias\t0 0 0\n";
        }

        private Path gzip(String text) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return Files.write(dir.resolve("model.gz"), bytes.toByteArray());
        }
    }
}
