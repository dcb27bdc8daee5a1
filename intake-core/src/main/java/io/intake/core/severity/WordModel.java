package io.intake.core.severity;

import io.intake.core.ticket.Severity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A statistical reader of support messages: multinomial logistic regression over the words and adjacent word pairs of
 * a message's subject and body, trained on labelled tickets. It reads text the way the rules cannot, by the weight of
 * many small signals, and is the second opinion of {@link SecondOpinionSeverityRules}.
 * <p>
 * Features are binary: a word or pair counts once however often it appears. Words are runs of Unicode letters, digits
 * and apostrophes, lower-cased. The model's {@linkplain #ignored() ignored words} (tone such as "urgent" or "ASAP",
 * and the name of a customer-chosen priority) are never features, so that tone cannot move severity, as the
 * agreement's labelling policy requires. Training is deterministic: the same examples in the same order give the same
 * file, which is how the shipped model is checked against the labelled sets it was trained on.
 * <p>
 * The file is gzip-compressed UTF-8 text: a header of {@code key<TAB>value} lines, then one line per feature,
 * {@code w<TAB>feature<TAB>weightLow<TAB>weightDegraded<TAB>weightCritical}. The header carries the two thresholds
 * with which {@link SecondOpinionSeverityRules} uses it. Instances are immutable and thread-safe.
 */
public final class WordModel {

    /** A word model file that cannot be read or is invalid; the message names the file and the line or field. */
    public static final class WordModelFileException extends RulesFileException {

        WordModelFileException(String source, String field, String problem) {
            this(source, field, problem, null);
        }

        WordModelFileException(String source, String field, String problem, Throwable cause) {
            super("word model file", source, null, field, problem, cause);
        }
    }

    /** The classes, in the order of every weight triple. */
    public static final List<Severity> LABELS = List.of(Severity.LOW, Severity.DEGRADED, Severity.CRITICAL);

    /** Tone and customer-chosen priority: never read (the labelling policy says they do not decide severity). */
    public static final Set<String> DEFAULT_IGNORED = Set.of("urgent", "urgently", "urgency", "urgencies", "asap",
            "priority", "priorities", "emergency", "emergencies", "critical", "critically",
            "urgente", "urgentes", "urgentemente", "urgencia", "urgencias", "prioridad", "prioritario", "emergencia",
            "emergencias", "crítico", "critico", "crítica", "critica", "críticos", "criticos");

    private static final String MAGIC = "intake-word-model";
    private static final int VERSION = 1;
    private static final String RESOURCE = "word-model.tsv.gz";

    private static volatile WordModel shipped;

    private final String[] names;
    private final float[] weights;
    private final WordFeatures.Table table;
    private final double[] bias;
    private final Set<String> ignored;
    private final int examples;
    private final double criticalAt;
    private final double overrideAt;
    private final String source;

    private WordModel(Map<String, float[]> weights, double[] bias, Set<String> ignored, int examples,
                      double criticalAt, double overrideAt, String source) {
        this.names = weights.keySet().toArray(String[]::new);
        this.weights = new float[names.length * 3];
        for (int i = 0; i < names.length; i++) {
            System.arraycopy(weights.get(names[i]), 0, this.weights, i * 3, 3);
        }
        this.table = new WordFeatures.Table(List.of(names), ignored);
        this.bias = bias;
        this.ignored = Set.copyOf(ignored);
        this.examples = examples;
        this.criticalAt = criticalAt;
        this.overrideAt = overrideAt;
        this.source = source;
    }

    /**
     * One labelled message for training.
     *
     * @param subject  the subject (may be empty)
     * @param body     the body
     * @param severity its label
     */
    public record Example(String subject, String body, Severity severity) {
    }

    /**
     * How to train.
     *
     * @param iterations full passes of gradient descent (Adam)
     * @param learningRate Adam's step size for the feature weights
     * @param l2 weight of the L2 penalty, per example
     * @param minWeight word pairs whose three weights all round below this are left out of the file (every word is
     *                  kept, so that a reader may skip the pairs of a word it does not know)
     * @param criticalAt the CRITICAL probability at which the second opinion raises a request to CRITICAL
     * @param overrideAt the probability of any class at which the second opinion replaces the rules' answer
     * @param ignored words that are never features
     */
    public record Training(int iterations, double learningRate, double l2, double minWeight, double criticalAt,
                           double overrideAt, Set<String> ignored) {

        public Training {
            String problem = checkThresholds(criticalAt, overrideAt);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (iterations < 1 || !(learningRate > 0) || !(l2 >= 0) || !(minWeight >= 0)) {
                throw new IllegalArgumentException("iterations must be at least 1, learningRate above 0, l2 and minWeight 0 or more");
            }
            criticalAt = Double.parseDouble(format(criticalAt));
            overrideAt = Double.parseDouble(format(overrideAt));
            ignored = Set.copyOf(ignored);
        }

        /** The settings of the shipped model (chosen on the time-ordered backtest in {@code docs/severity.md}). */
        public static Training defaults() {
            return new Training(300, 0.05, 1e-3, 2e-2, 0.40, 0.90, DEFAULT_IGNORED);
        }

        /**
         * Null when the two thresholds can work together, else why not. Both are probabilities in (0, 1], and
         * override-at must exceed both 0.5 (so that only one class can be that sure) and 1 - critical-at (so that a
         * class sure enough to replace the rules' answer leaves CRITICAL too little to raise it at the same time).
         */
        static String checkThresholds(double criticalAt, double overrideAt) {
            if (!(criticalAt > 0 && criticalAt <= 1) || !(overrideAt > 0 && overrideAt <= 1)) {
                return "critical-at and override-at are probabilities in (0, 1]; got " + criticalAt + " and " + overrideAt;
            }
            if (overrideAt <= 0.5 || overrideAt <= 1 - criticalAt) {
                return "override-at (" + overrideAt + ") must be above 0.5 and above 1 - critical-at (" + (1 - criticalAt) + ")";
            }
            return null;
        }
    }

    /** The model shipped in the jar, trained on every labelled set of the project (loaded once). */
    public static WordModel shipped() {
        WordModel m = shipped;
        if (m == null) {
            try (InputStream in = WordModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped word model " + RESOURCE + " is missing from the jar");
                }
                m = read(in, "classpath:" + RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = m;
        }
        return m;
    }

    /** A model file written by {@link #write(Path)} (for example by the {@code train-model} command). */
    public static WordModel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new WordModelFileException(file.toString(), null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static WordModel read(InputStream raw, String source) throws IOException {
        BufferedReader in;
        try {
            in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new WordModelFileException(source, null, "not a word model (empty, or not gzip-compressed)");
        }
        Map<String, String> header = new HashMap<>();
        Map<String, float[]> weights = new LinkedHashMap<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String[] f = line.split("\t", -1);
            if (number == 1) {
                if (f.length != 2 || !f[0].equals(MAGIC) || !f[1].equals(String.valueOf(VERSION))) {
                    throw new WordModelFileException(source, "line 1", "not a word model: expected '" + MAGIC + "\t" + VERSION + "'");
                }
            } else if (f[0].equals("w")) {
                if (f.length != 5 || f[1].isEmpty()) {
                    throw new WordModelFileException(source, "line " + number, "a feature line has 'w', the feature and three weights");
                }
                List<String> scanned = WordFeatures.list(f[1], "", Set.of());
                if (scanned.isEmpty() || !scanned.get(scanned.size() - 1).equals(f[1]) || scanned.size() > 3
                        || (scanned.size() == 3 && !(weights.containsKey(scanned.get(0)) && weights.containsKey(scanned.get(1))))) {
                    throw new WordModelFileException(source, "line " + number, "feature '" + f[1] + "' is not a lower-case word, "
                            + "nor a pair of two words listed before it, as the model reads text");
                }
                if (weights.put(f[1], new float[]{number(source, number, f[2]), number(source, number, f[3]), number(source, number, f[4])}) != null) {
                    throw new WordModelFileException(source, "line " + number, "feature '" + f[1] + "' appears twice");
                }
            } else if (f.length == 2) {
                header.put(f[0], f[1]);
            } else {
                throw new WordModelFileException(source, "line " + number, "expected 'key<TAB>value' or a feature line");
            }
        }
        String labels = header.get("labels");
        if (!"LOW DEGRADED CRITICAL".equals(labels)) {
            throw new WordModelFileException(source, "labels", "must be 'LOW DEGRADED CRITICAL', was " + labels);
        }
        double[] bias = new double[3];
        String[] b = required(header, source, "bias").split(" ");
        if (b.length != 3) {
            throw new WordModelFileException(source, "bias", "needs three numbers");
        }
        for (int k = 0; k < 3; k++) {
            bias[k] = number(source, "bias", b[k]);
        }
        Set<String> ignored = new java.util.LinkedHashSet<>();
        for (String word : header.getOrDefault("ignored", "").split(" ")) {
            if (!word.isEmpty()) {
                if (weights.containsKey(word)) {
                    throw new WordModelFileException(source, "ignored", "'" + word + "' is both ignored and a feature");
                }
                ignored.add(word);
            }
        }
        double examples = number(source, "examples", required(header, source, "examples"));
        if (examples < 1 || examples != Math.rint(examples) || examples > Integer.MAX_VALUE) {
            throw new WordModelFileException(source, "examples", "must be a whole number of at least 1, was " + header.get("examples"));
        }
        double criticalAt = probability(source, "critical-at", required(header, source, "critical-at"));
        double overrideAt = probability(source, "override-at", required(header, source, "override-at"));
        String thresholds = Training.checkThresholds(criticalAt, overrideAt);
        if (thresholds != null) {
            throw new WordModelFileException(source, "override-at", thresholds);
        }
        try {
            return new WordModel(weights, bias, ignored, (int) examples, criticalAt, overrideAt, source);
        } catch (IllegalArgumentException e) {
            throw new WordModelFileException(source, null, e.getMessage());
        }
    }

    private static String required(Map<String, String> header, String source, String key) {
        String v = header.get(key);
        if (v == null) {
            throw new WordModelFileException(source, key, "is required in the word model's header");
        }
        return v;
    }

    private static float number(String source, int line, String text) {
        return (float) number(source, "line " + line, text);
    }

    private static double number(String source, String field, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new WordModelFileException(source, field, "'" + text + "' is not a finite number");
        }
    }

    private static double probability(String source, String field, String text) {
        double v = number(source, field, text);
        if (v <= 0 || v > 1) {
            throw new WordModelFileException(source, field, v + " is not a probability in (0, 1]");
        }
        return v;
    }

    /**
     * Trains a model. Deterministic: features are numbered in the order they first appear, and full-batch gradient
     * descent visits the examples in the given order.
     */
    public static WordModel train(List<Example> examples, Training settings) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("training needs at least one labelled example");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        int[][] docs = new int[examples.size()][];
        int[] label = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            List<String> fs = WordFeatures.list(e.subject(), e.body(), settings.ignored());
            int[] d = new int[fs.size()];
            for (int j = 0; j < d.length; j++) {
                d[j] = index.computeIfAbsent(fs.get(j), k -> index.size());
            }
            docs[i] = d;
            label[i] = LABELS.indexOf(e.severity());
        }
        int n = docs.length;
        int v = index.size();
        double[] w = new double[v * 3];
        double[] m = new double[v * 3];
        double[] s = new double[v * 3];
        double[] g = new double[v * 3];
        double[] bias = new double[3];
        double[] p = new double[3];
        for (int t = 1; t <= settings.iterations(); t++) {
            Arrays.fill(g, 0);
            double[] gb = new double[3];
            for (int i = 0; i < n; i++) {
                scores(docs[i], w, bias, p);
                softmax(p, true);
                p[label[i]] -= 1;
                for (int k = 0; k < 3; k++) {
                    double gk = p[k] / n;
                    gb[k] += gk;
                    for (int f : docs[i]) {
                        g[f * 3 + k] += gk;
                    }
                }
            }
            double c1 = 1 - StrictMath.pow(0.9, t);
            double c2 = 1 - StrictMath.pow(0.999, t);
            for (int j = 0; j < w.length; j++) {
                double gj = g[j] + settings.l2() * w[j];
                m[j] = 0.9 * m[j] + 0.1 * gj;
                s[j] = 0.999 * s[j] + 0.001 * gj * gj;
                w[j] -= settings.learningRate() * (m[j] / c1) / (Math.sqrt(s[j] / c2) + 1e-8);
            }
            for (int k = 0; k < 3; k++) {
                bias[k] -= 0.5 * gb[k];
            }
        }
        Map<String, float[]> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            int j = e.getValue() * 3;
            float[] ws = {round(w[j]), round(w[j + 1]), round(w[j + 2])};
            boolean word = e.getKey().indexOf(' ') < 0;
            if (word || Math.abs(ws[0]) >= settings.minWeight() || Math.abs(ws[1]) >= settings.minWeight() || Math.abs(ws[2]) >= settings.minWeight()) {
                kept.put(e.getKey(), ws);
            }
        }
        double[] b = {Double.parseDouble(format(bias[0])), Double.parseDouble(format(bias[1])), Double.parseDouble(format(bias[2]))};
        return new WordModel(kept, b, settings.ignored(), n, settings.criticalAt(), settings.overrideAt(), "trained");
    }

    private static float round(double x) {
        return Float.parseFloat(format(x));
    }

    private static void scores(int[] doc, double[] w, double[] bias, double[] out) {
        out[0] = bias[0];
        out[1] = bias[1];
        out[2] = bias[2];
        for (int f : doc) {
            out[0] += w[f * 3];
            out[1] += w[f * 3 + 1];
            out[2] += w[f * 3 + 2];
        }
    }

    private static void softmax(double[] s) {
        softmax(s, false);
    }

    /**
     * In place. Training uses {@link StrictMath#exp}, whose result the Java specification fixes to the bit, so that the
     * same examples give the same file on every JVM and processor; reading may use the faster {@link Math#exp}.
     */
    private static void softmax(double[] s, boolean strict) {
        double max = Math.max(s[0], Math.max(s[1], s[2]));
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            s[k] = strict ? StrictMath.exp(s[k] - max) : Math.exp(s[k] - max);
            sum += s[k];
        }
        for (int k = 0; k < 3; k++) {
            s[k] /= sum;
        }
    }

    /** Writes the model (gzip-compressed text; see the class comment). Features in the order they were learnt. */
    public void write(OutputStream out) throws IOException {
        GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        };
        Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        w.write(MAGIC + "\t" + VERSION + "\n");
        w.write("labels\tLOW DEGRADED CRITICAL\n");
        w.write("examples\t" + examples + "\n");
        w.write("ignored\t" + String.join(" ", ignored.stream().sorted().toList()) + "\n");
        w.write("critical-at\t" + format(criticalAt) + "\n");
        w.write("override-at\t" + format(overrideAt) + "\n");
        w.write("bias\t" + format(bias[0]) + " " + format(bias[1]) + " " + format(bias[2]) + "\n");
        for (int i = 0; i < names.length; i++) {
            w.write("w\t" + names[i] + "\t" + format(weights[i * 3]) + "\t" + format(weights[i * 3 + 1]) + "\t" + format(weights[i * 3 + 2]) + "\n");
        }
        w.flush();
        zip.finish();
    }

    /** Writes the model to a file. */
    public void write(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** The probability of LOW, DEGRADED and CRITICAL (in the order of {@link #LABELS}). */
    public double[] probabilities(String subject, String body) {
        double[] s = bias.clone();
        long[] seen = new long[(names.length + 63) >>> 6];
        long[] previous = {WordFeatures.ABSENT, 0};
        WordFeatures.scan(subject, body, (t, start, end, ps, pe) -> {
            long raw = WordFeatures.Table.raw(t, start, end);
            int id = table.findRaw(raw);
            if (id == WordFeatures.IGNORED) {
                return false;
            }
            add(id, seen, s);
            // every word of the training text is kept, so a pair with an unknown word cannot be known either
            if (ps >= 0 && id >= 0 && previous[0] >= 0) {
                add(table.findPair(previous[1], t, start, end), seen, s);
            }
            previous[0] = id;
            previous[1] = raw;
            return true;
        });
        softmax(s);
        return s;
    }

    private void add(int id, long[] seen, double[] s) {
        if (id >= 0 && (seen[id >>> 6] & (1L << id)) == 0) {
            seen[id >>> 6] |= 1L << id;
            s[0] += weights[id * 3];
            s[1] += weights[id * 3 + 1];
            s[2] += weights[id * 3 + 2];
        }
    }

    /**
     * The features of a message that most favour {@code label} over the other two classes, strongest first, for a
     * reason a person can read.
     */
    public List<String> strongestFor(String subject, String body, Severity label, int limit) {
        int k = LABELS.indexOf(label);
        List<Map.Entry<String, Double>> found = new ArrayList<>();
        for (String f : WordFeatures.list(subject, body, ignored)) {
            int id = table.find(f.toCharArray(), 0, f.length());
            if (id >= 0) {
                double lift = weights[id * 3 + k] - (weights[id * 3] + weights[id * 3 + 1] + weights[id * 3 + 2] - weights[id * 3 + k]) / 2;
                if (lift > 0) {
                    found.add(Map.entry(f, lift));
                }
            }
        }
        found.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return found.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    /** The ignored words (tone and customer-chosen priority). */
    public Set<String> ignored() {
        return ignored;
    }

    /** How many labelled examples the model was trained on. */
    public int examples() {
        return examples;
    }

    /** How many features have weights. */
    public int features() {
        return names.length;
    }

    /** The CRITICAL probability at which the second opinion raises a request to CRITICAL. */
    public double criticalAt() {
        return criticalAt;
    }

    /** The probability of a class at which the second opinion replaces the rules' answer. */
    public double overrideAt() {
        return overrideAt;
    }

    /** Where the model came from: the shipped resource, a file, or {@code trained}. */
    public String source() {
        return source;
    }
}
