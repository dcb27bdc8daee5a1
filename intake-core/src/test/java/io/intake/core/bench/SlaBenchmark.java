package io.intake.core.bench;

import io.intake.core.sla.AgreementSlaPolicy;
import io.intake.core.sla.BusinessCalendars;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Deadline computations per second for each severity, over receipts spread across 2026 (both DST changes included).
 * Run: {@code java -cp <test classpath> org.openjdk.jmh.Main SlaBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SlaBenchmark {

    private static final int RECEIPTS = 4096;

    private final AgreementSlaPolicy policy = AgreementSlaPolicy.defaults();
    private final Instant[] receipts = new Instant[RECEIPTS];
    private int next;

    @Setup
    public void spreadReceiptsOverAYear() {
        Random random = new Random(2026);
        Instant start = Instant.parse("2026-01-01T05:00:00Z");
        for (int i = 0; i < RECEIPTS; i++) {
            receipts[i] = start.plusSeconds(random.nextInt(365 * 86_400));
        }
    }

    private Instant receipt() {
        return receipts[next++ & (RECEIPTS - 1)];
    }

    @Benchmark
    public SlaStamp low() {
        return policy.stamp(Severity.LOW, Channel.EMAIL, receipt());
    }

    @Benchmark
    public SlaStamp degraded() {
        return policy.stamp(Severity.DEGRADED, Channel.PHONE, receipt());
    }

    @Benchmark
    public SlaStamp critical() {
        return policy.stamp(Severity.CRITICAL, Channel.WEB, receipt());
    }

    /** The calendar alone: 10 business hours on the office calendar, no stamp. */
    @Benchmark
    public Instant officePlusTenBusinessHours() {
        return BusinessCalendars.OFFICE_CALENDAR.plusBusinessTime(receipt(), Duration.ofHours(10));
    }
}
