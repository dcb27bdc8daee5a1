package io.intake.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Classifications per second of <b>thread CPU time</b> for the {@link SeverityBenchmark} inputs, for a machine too noisy
 * for JMH's wall-clock figures: one reader per run (run the readers alternately, in separate JVMs), 400,000 warm-up
 * classifications, then five rounds of 100,000 emails and 100,000 chat lines; prints the best round of each. Run:
 * {@code scripts/bench intake-core main io.intake.core.bench.SeverityCpuTime rules} (or {@code second-opinion}).
 */
public final class SeverityCpuTime {

    private SeverityCpuTime() {
    }

    public static void main(String[] args) {
        String reader = args.length > 0 ? args[0] : "second-opinion";
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        SeverityBenchmark b = new SeverityBenchmark();
        b.reader = reader;
        b.setUp();
        for (int i = 0; i < 200_000; i++) {
            b.classifyEmail();
            b.classifyChatLine();
        }
        int n = 100_000;
        double email = 0;
        double chat = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.classifyEmail();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                b.classifyChatLine();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            email = Math.max(email, n / ((t1 - t0) / 1e9));
            chat = Math.max(chat, n / ((t2 - t1) / 1e9));
        }
        System.out.printf("%s: email %,.0f /s, chat line %,.0f /s (best of 5 rounds, per second of thread CPU time)%n", reader, email, chat);
    }
}
