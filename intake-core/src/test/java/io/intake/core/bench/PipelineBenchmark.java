package io.intake.core.bench;

import io.intake.core.IntakeResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * Tickets per second from {@code IntakeRequest} to durable outbox commit (validate, dedupe, thread, classify with the
 * real rules, SLA stamp, one transaction), through the Camel route, on an H2 file and on PostgreSQL. Delivery is off,
 * so only intake is measured. Run with {@code scripts/bench PipelineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class PipelineBenchmark {

    @Param({"h2", "postgresql"})
    public String store;

    private BenchGateway gateway;

    @Setup(Level.Trial)
    public void start() throws Exception {
        gateway = BenchGateway.open(store, false);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        gateway.close();
    }

    @Benchmark
    public IntakeResult submitToDurableCommit() {
        return gateway.gateway.submit(BenchGateway.request());
    }
}
