package io.intake.gateway;

import io.intake.core.cli.LabelledLines;
import io.intake.core.severity.WordModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train-model", description = {"Train the word model that gives the severity rules a second opinion, on your",
        "own labelled tickets: JSON Lines files, each line with subject, body and severity (or expected_severity).",
        "Label with the severity agents confirmed, not only what the classifier said, or the model learns its own answers.",
        "Use the result with intake.severity.model=FILE or classify --model FILE. A bad line stops the run (exit 2)."})
class TrainModelCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Labelled JSON Lines files, read in order.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model (gzip text).")
    Path out;

    @Option(names = "--critical-at", paramLabel = "P", description = "CRITICAL probability that raises a request to CRITICAL (default ${DEFAULT-VALUE}).")
    double criticalAt = WordModel.Training.defaults().criticalAt();

    @Option(names = "--override-at", paramLabel = "P", description = "Probability at which the model's class replaces the rules' (default ${DEFAULT-VALUE}).")
    double overrideAt = WordModel.Training.defaults().overrideAt();

    @Override
    public Integer call() {
        try {
            WordModel.Training d = WordModel.Training.defaults();
            WordModel.Training settings = new WordModel.Training(d.iterations(), d.learningRate(), d.l2(), d.minWeight(),
                    criticalAt, overrideAt, d.ignored());
            List<WordModel.Example> examples = LabelledLines.read(files);
            if (examples.isEmpty()) {
                System.err.println("train-model: the files hold no labelled lines");
                return 2;
            }
            WordModel model = WordModel.train(examples, settings);
            // written beside the target and moved into place, so a failed run never leaves half a model behind
            Path absolute = out.toAbsolutePath();
            Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".partial");
            try {
                model.write(partial);
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            System.out.printf("trained on %d labelled tickets: %d features, written to %s%n", model.examples(), model.features(), out);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("train-model: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("train-model: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
    }
}
