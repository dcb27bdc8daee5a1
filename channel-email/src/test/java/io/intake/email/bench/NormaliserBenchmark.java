package io.intake.email.bench;

import io.intake.core.TestData;
import io.intake.email.MailNormaliser;
import io.intake.email.NormalisedMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Normalisation throughput over the whole email corpus next to plain Angus parsing of the same bytes
 * ({@code new MimeMessage(session, in)} and reading every part's decoded content). One operation is one pass over
 * the corpus, so messages/s = corpus messages × ops/s and MB/s = corpus bytes × ops/s; the figure is the ratio.
 * <p>
 * Run: {@code ./mvnw -q -B -pl channel-email test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-cp %classpath org.openjdk.jmh.Main NormaliserBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s"}. The corpus is
 * found as in the tests ({@link TestData}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NormaliserBenchmark {

    private List<byte[]> corpus;
    private MailNormaliser normaliser;
    private Session session;

    @Setup
    public void load() throws Exception {
        Path dir = TestData.file("email");
        corpus = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                corpus.add(Files.readAllBytes(file));
            }
        }
        long bytes = corpus.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%ncorpus: %d messages, %d bytes (ops/s x %d = messages/s, ops/s x %.4f = MB/s)%n",
                corpus.size(), bytes, corpus.size(), bytes / 1e6);
        normaliser = new MailNormaliser();
        session = Session.getInstance(new Properties());
    }

    @Benchmark
    public void normalise(Blackhole hole) {
        for (byte[] raw : corpus) {
            NormalisedMail mail = normaliser.normalise(raw);
            hole.consume(mail);
        }
    }

    @Benchmark
    public void angusParseAndReadEveryPart(Blackhole hole) {
        for (byte[] raw : corpus) {
            try {
                MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(raw));
                hole.consume(message.getSubject());
                hole.consume(message.getFrom());
                readPart(message, hole, 0);
            } catch (Exception e) {
                hole.consume(e); // plain Angus throws on some broken corpus mails; that is part of its cost
            }
        }
    }

    private static void readPart(Part part, Blackhole hole, int depth) throws Exception {
        if (depth > 16) {
            return;
        }
        Object content;
        try {
            content = part.getContent();
        } catch (Exception e) {
            hole.consume(e);
            return;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                readPart(child, hole, depth + 1);
            }
        } else if (content instanceof Part nested) {
            readPart(nested, hole, depth + 1);
        } else if (content instanceof InputStream in) {
            try (in) {
                hole.consume(in.readAllBytes());
            }
        } else {
            hole.consume(content);
        }
    }
}
