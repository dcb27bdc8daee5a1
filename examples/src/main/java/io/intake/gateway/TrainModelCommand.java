package io.intake.gateway;

import io.intake.core.cli.LabelledLines;
import io.intake.core.severity.WordModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train-model", description = {"Train the word model that gives the severity rules a second opinion, on your",
        "own labelled tickets: JSON Lines files, each line with subject, body and severity (or expected_severity).",
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
        for (double p : new double[]{criticalAt, overrideAt}) {
            if (!(p > 0 && p <= 1)) {
                System.err.println("train-model: --critical-at and --override-at are probabilities in (0, 1]; got " + p);
                return 2;
            }
        }
        List<WordModel.Example> examples;
        try {
            examples = LabelledLines.read(files);
        } catch (IllegalArgumentException e) {
            System.err.println("train-model: " + e.getMessage());
            return 2;
        }
        if (examples.isEmpty()) {
            System.err.println("train-model: the files hold no labelled lines");
            return 2;
        }
        WordModel.Training d = WordModel.Training.defaults();
        WordModel model = WordModel.train(examples, new WordModel.Training(d.iterations(), d.learningRate(), d.l2(),
                d.minWeight(), criticalAt, overrideAt, d.ignored()));
        model.write(out);
        System.out.printf("trained on %d labelled tickets: %d features, written to %s%n", model.examples(), model.features(), out);
        return 0;
    }
}
