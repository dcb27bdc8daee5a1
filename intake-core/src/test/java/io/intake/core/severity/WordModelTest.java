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
        String stale = "the shipped model is stale: run ShippedModelTraining (see its comment) after changing a labelled set";
        String[] want = retrained.split("\n");
        String[] have = shipped.split("\n");
        assertThat(have.length).as(stale).isEqualTo(want.length);
        for (int i = 0; i < want.length; i++) {
            String[] w = want[i].split("\t");
            String[] h = have[i].split("\t");
            if (w[0].equals("w") && h[0].equals("w") && w.length == 5 && h.length == 5) {
                // training is deterministic (StrictMath); the tolerance only keeps a last-digit rounding from failing
                assertThat(h[1]).as(stale + " (line " + (i + 1) + ")").isEqualTo(w[1]);
                for (int k = 2; k < 5; k++) {
                    assertThat(Double.parseDouble(h[k])).as(stale + " (line " + (i + 1) + ")")
                            .isCloseTo(Double.parseDouble(w[k]), org.assertj.core.data.Offset.offset(2e-4));
                }
            } else {
                assertThat(have[i]).as(stale + " (line " + (i + 1) + ")").isEqualTo(want[i]);
            }
        }
        assertThat(WordModel.shipped().examples()).isGreaterThan(2_900);
    }

    @Test
    void featuresAreTheDistinctWordsAndAdjacentPairsOfSubjectAndBody() {
        assertThat(WordFeatures.list("No dial tone", "No DIAL tone, at all.", Set.of()))
                .containsExactly("no", "dial", "no dial", "tone", "dial tone", "at", "tone at", "all", "at all");
        assertThat(WordFeatures.list("Teléfono caído", "we can't", Set.of()))
                .containsExactly("teléfono", "caído", "teléfono caído", "we", "can't", "we can't");
        assertThat(WordFeatures.list("", "phones URGENT down", Set.of("urgent")))
                .as("an ignored word is no feature, and the pair forms as if it were not there").containsExactly("phones", "down", "phones down");
        assertThat(WordFeatures.list("'Voicemail'", "the customers' \u2019phones\u2019 aren\u2019t", Set.of()))
                .as("apostrophes at a word's ends are dropped; a typographic one counts as one")
                .containsExactly("voicemail", "the", "customers", "the customers", "phones", "customers phones", "aren't", "phones aren't");
    }

    @Test
    void toneAndCapitalsNeverMoveItWhereverTheyStand() {
        WordModel model = WordModel.shipped();
        String[] tone = {"URGENT", "'urgent'", "\u2019Urgently\u2019", "ASAP!!!", "EMERGENCY.", "Priority: CRITICAL.", "urgencia", "emergencies"};
        java.util.Random random = new java.util.Random(7);
        for (WordModel.Example e : PUBLIC) {
            double[] plain = model.probabilities(e.subject(), e.body());
            String[] words = e.body().toUpperCase(Locale.ROOT).split(" ");
            StringBuilder shouted = new StringBuilder();
            for (String w : words) {
                shouted.append(w).append(' ');
                if (random.nextInt(4) == 0) {
                    shouted.append(tone[random.nextInt(tone.length)]).append(' ');
                }
            }
            double[] loud = model.probabilities("URGENT " + e.subject().toUpperCase(Locale.ROOT) + " asap", shouted.toString());
            assertThat(loud).as(e.body()).containsExactly(plain);
        }
    }

    @Test
    void theFastReaderCountsExactlyTheFeaturesTrainingSees() throws IOException {
        WordModel model = WordModel.shipped();
        java.util.Map<String, double[]> weights = new java.util.HashMap<>();
        double[] bias = new double[3];
        try (InputStream in = WordModel.class.getResourceAsStream("word-model.tsv.gz")) {
            for (String line : ShippedModelTraining.text(in).split("\n")) {
                String[] f = line.split("\t");
                if (f[0].equals("w")) {
                    weights.put(f[1], new double[]{Float.parseFloat(f[2]), Float.parseFloat(f[3]), Float.parseFloat(f[4])});
                } else if (f[0].equals("bias")) {
                    String[] b = f[1].split(" ");
                    for (int k = 0; k < 3; k++) {
                        bias[k] = Double.parseDouble(b[k]);
                    }
                }
            }
        }
        List<WordModel.Example> texts = new java.util.ArrayList<>(PUBLIC);
        texts.addAll(LabelledLines.read(List.of(LabelledCasesContract.resource("holdout-style-cases-29.jsonl"),
                LabelledCasesContract.resource("holdout-style-cases-32.jsonl"))));
        texts.add(new WordModel.Example("Zxqv phones", "zxqv phones are down! no no no dial tone, ZXQV urgent dial tone '' ' it's", Severity.LOW));
        texts.add(new WordModel.Example("", "", Severity.LOW));
        for (WordModel.Example e : texts) {
            double[] s = bias.clone();
            for (String feature : WordFeatures.list(e.subject(), e.body(), model.ignored())) {
                double[] w = weights.getOrDefault(feature, new double[3]);
                for (int k = 0; k < 3; k++) {
                    s[k] += w[k];
                }
            }
            double max = Math.max(s[0], Math.max(s[1], s[2]));
            double sum = Math.exp(s[0] - max) + Math.exp(s[1] - max) + Math.exp(s[2] - max);
            double[] p = model.probabilities(e.subject(), e.body());
            for (int k = 0; k < 3; k++) {
                assertThat(p[k]).as(e.body()).isCloseTo(Math.exp(s[k] - max) / sum, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void trainedOnTheBlindSetsAloneItReadsThePublicSample() {
        List<java.nio.file.Path> sets = BlindSetsTest.SETS.stream().map(b -> LabelledCasesContract.resource(b.file())).toList();
        WordModel model = WordModel.train(LabelledLines.read(sets), WordModel.Training.defaults());
        int right = 0;
        int critical = 0;
        for (WordModel.Example e : PUBLIC) {
            Severity read = WordModel.LABELS.get(SecondOpinionSeverityRules.best(model.probabilities(e.subject(), e.body())));
            right += read == e.severity() ? 1 : 0;
            critical += read == Severity.CRITICAL && e.severity() == Severity.CRITICAL ? 1 : 0;
        }
        System.out.printf("a model trained on the blind sets alone reads %d of 60 public cases right, %d of 20 CRITICAL%n", right, critical);
        assertThat(right).isGreaterThanOrEqualTo(57);
        assertThat(critical).isGreaterThanOrEqualTo(19);
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
        WordModel odd = WordModel.train(PUBLIC.subList(0, 10), new WordModel.Training(20, 0.05, 1e-3, 0.02, 0.412345, 0.912345, Set.of()));
        odd.write(file);
        assertThat(WordModel.read(file).criticalAt()).isEqualTo(odd.criticalAt()).isEqualTo(0.4123);
        assertThat(WordModel.read(file).overrideAt()).isEqualTo(odd.overrideAt()).isEqualTo(0.9123);
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
            Path f = gzip(header() + "w\tdial\t0.1\tx\t0.3\n");
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
        void aFeatureTheReaderCouldNeverSeeIsRefused() throws IOException {
            Path upper = gzip(header() + "w\tPhones\t0.1\t0.2\t0.3\n");
            assertThatThrownBy(() -> WordModel.read(upper)).hasMessageContaining("line 8").hasMessageContaining("'Phones'");
            Path pairFirst = gzip(header() + "w\tno dial\t0.1\t0.2\t0.3\n");
            assertThatThrownBy(() -> WordModel.read(pairFirst)).hasMessageContaining("line 8").hasMessageContaining("pair of two words listed before it");
            Path twice = gzip(header() + "w\tno\t0.1\t0.2\t0.3\nw\tno\t0.1\t0.2\t0.3\n");
            assertThatThrownBy(() -> WordModel.read(twice)).hasMessageContaining("line 9").hasMessageContaining("appears twice");
            Path ignoredToo = gzip(header() + "w\turgent\t0.1\t0.2\t0.3\n");
            assertThatThrownBy(() -> WordModel.read(ignoredToo)).hasMessageContaining("field 'ignored'").hasMessageContaining("both ignored and a feature");
        }

        @Test
        void thresholdsThatWouldPullBothWaysAreRefused() throws IOException {
            Path f = gzip(header().replace("override-at\t0.9", "override-at\t0.55"));
            assertThatThrownBy(() -> WordModel.read(f)).hasMessageContaining("field 'override-at'").hasMessageContaining("above 1 - critical-at");
            assertThatThrownBy(() -> new WordModel.Training(300, 0.05, 1e-3, 0.02, 0.05, 0.9, Set.of()))
                    .hasMessageContaining("override-at");
        }

        @Test
        void anEmptyFileOrABadCountSaysSo() throws IOException {
            Path empty = Files.write(dir.resolve("empty.gz"), new byte[0]);
            assertThatThrownBy(() -> WordModel.read(empty)).hasMessageContaining("empty.gz").hasMessageContaining("not a word model");
            Path half = gzip(header().replace("examples\t3", "examples\t1.5"));
            assertThatThrownBy(() -> WordModel.read(half)).hasMessageContaining("field 'examples'").hasMessageContaining("whole number");
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
            Path two = Files.writeString(dir.resolve("two.jsonl"), "{\"body\":\"b\",\"severity\":\"LOW\"} {\"body\":\"c\",\"severity\":\"LOW\"}\n");
            assertThatThrownBy(() -> LabelledLines.read(List.of(two))).hasMessageContaining("two.jsonl:1").hasMessageContaining("not a JSON object");
            Path latin1 = Files.write(dir.resolve("latin1.jsonl"), "{\"body\":\"tel\u00e9fono\",\"severity\":\"LOW\"}\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> LabelledLines.read(List.of(latin1))).hasMessageContaining("latin1.jsonl").hasMessageContaining("not UTF-8");
            Path noSubject = Files.writeString(dir.resolve("chat.jsonl"), "{\"body\":\"phones down\",\"severity\":\"CRITICAL\"}\n");
            assertThat(LabelledLines.read(List.of(noSubject))).singleElement().extracting(WordModel.Example::subject).isEqualTo("");
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
