package io.intake.core.severity;

import io.intake.core.TestData;
import io.intake.core.cli.LabelledLines;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * How the shipped word model is made: {@link WordModel.Training#defaults()} on the public sample, the project's own
 * cases and every blind set, in that order. {@code main} rewrites the resource; {@link WordModelTest} checks that the
 * resource is what this produces. Run from intake-core with the test classpath after changing a labelled set.
 */
final class ShippedModelTraining {

    static final Path RESOURCE = Path.of("src/main/resources/io/intake/core/severity/word-model.tsv.gz");

    private ShippedModelTraining() {
    }

    static List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(TestData.file("severity/public.jsonl"));
        files.add(LabelledCasesContract.resource("own-cases.jsonl"));
        for (BlindSetsTest.BlindSet set : BlindSetsTest.SETS) {
            files.add(LabelledCasesContract.resource(set.file()));
        }
        return files;
    }

    static WordModel train() {
        return WordModel.train(LabelledLines.read(files()), WordModel.Training.defaults());
    }

    /** The model file's text, uncompressed (gzip bytes may differ between JDKs; the text may not). */
    static String text(WordModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return text(new ByteArrayInputStream(out.toByteArray()));
    }

    static String text(InputStream gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(gzip)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        WordModel model = train();
        model.write(RESOURCE);
        System.out.printf("trained on %d examples in %d ms: %d features -> %s%n", model.examples(),
                (System.nanoTime() - start) / 1_000_000, model.features(), RESOURCE);
    }
}
