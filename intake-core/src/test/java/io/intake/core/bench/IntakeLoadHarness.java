package io.intake.core.bench;

import io.intake.core.IntakeResult;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two figures JMH does not give: (1) submit-to-acknowledge latency percentiles at a fixed arrival rate (open loop:
 * requests are scheduled on the clock, so a slow answer does not slow the arrivals), and (2) end-to-end throughput from
 * submit until the JDBC tracker holds every ticket. Usage:
 * {@code scripts/bench harness [h2|postgresql] [rate per second] [seconds] [end-to-end tickets]}.
 */
public final class IntakeLoadHarness {

    private IntakeLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "h2";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int endToEnd = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        fixedRate(store, rate, seconds);
        endToEnd(store, endToEnd);
    }

    static void fixedRate(String store, int rate, int seconds) throws Exception {
        try (BenchGateway gw = BenchGateway.open(store, true)) {
            warmUp(gw);
            int total = rate * seconds;
            long[] latencies = new long[total];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(32);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            long periodNanos = 1_000_000_000L / rate;
            long start = System.nanoTime();
            clock.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                long due = start + i * periodNanos;
                workers.execute(() -> {
                    IntakeResult r = gw.gateway.submit(BenchGateway.request());
                    latencies[i] = System.nanoTime() - due;
                    if (!(r instanceof IntakeResult.Accepted)) {
                        failures.incrementAndGet();
                    }
                });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (next.get() < total) {
                Thread.sleep(100);
            }
            clock.shutdown();
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "fixed-rate store=%s rate=%d/s requests=%d failures=%d p50=%.2fms p90=%.2fms "
                            + "p99=%.2fms p99.9=%.2fms max=%.2fms%n", store, rate, total, failures.get(),
                    ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999),
                    latencies[total - 1] / 1e6);
        }
    }

    static void endToEnd(String store, int tickets) throws Exception {
        try (BenchGateway gw = BenchGateway.open(store, true)) {
            warmUp(gw);
            long before = gw.tracker.countTickets();
            ExecutorService workers = Executors.newFixedThreadPool(8);
            AtomicLong accepted = new AtomicLong();
            long start = System.nanoTime();
            for (int i = 0; i < tickets; i++) {
                workers.execute(() -> {
                    if (gw.gateway.submit(BenchGateway.request()) instanceof IntakeResult.Accepted) {
                        accepted.incrementAndGet();
                    }
                });
            }
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.MINUTES);
            long committed = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (gw.tracker.countTickets() - before < tickets && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long delivered = System.nanoTime();
            System.out.printf(Locale.ROOT, "end-to-end store=%s tickets=%d accepted=%d in-tracker=%d commit=%.0f/s "
                            + "tracker=%.0f/s (%.1fs total)%n", store, tickets, accepted.get(),
                    gw.tracker.countTickets() - before, tickets / ((committed - start) / 1e9),
                    tickets / ((delivered - start) / 1e9), (delivered - start) / 1e9);
        }
    }

    /** JIT and pools warm, and the warm-up tickets delivered, before anything is measured. */
    private static void warmUp(BenchGateway gw) throws InterruptedException {
        for (int i = 0; i < 2_000; i++) {
            gw.gateway.submit(BenchGateway.request());
        }
        while (gw.core.outbox().count(io.intake.core.outbox.OutboxEntry.State.PENDING) > 0) {
            Thread.sleep(20);
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
