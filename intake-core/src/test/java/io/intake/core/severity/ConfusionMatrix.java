package io.intake.core.severity;

import io.intake.core.ticket.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts expected versus actual severities and reports accuracy, recall and missed CRITICAL cases by tag. */
final class ConfusionMatrix {

    private final int[][] counts = new int[3][3];
    private final List<String> misses = new ArrayList<>();
    private final Map<String, Integer> missedCriticalByTag = new TreeMap<>();

    synchronized void add(LabelledCase c, Severity actual, String rule) {
        counts[c.expected().ordinal()][actual.ordinal()]++;
        if (c.expected() != actual) {
            misses.add(c.id() + " expected " + c.expected() + " got " + actual + " (" + rule + ")");
            if (c.expected() == Severity.CRITICAL) {
                c.tags().forEach(t -> missedCriticalByTag.merge(t, 1, Integer::sum));
            }
        }
    }

    int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    double accuracy() {
        int ok = 0;
        for (int i = 0; i < 3; i++) {
            ok += counts[i][i];
        }
        return total() == 0 ? 0 : (double) ok / total();
    }

    double recall(Severity s) {
        int[] row = counts[s.ordinal()];
        int n = row[0] + row[1] + row[2];
        return n == 0 ? 1.0 : (double) row[s.ordinal()] / n;
    }

    String render(String title) {
        StringBuilder sb = new StringBuilder(title).append(" (").append(total()).append(" cases)\n");
        sb.append(String.format("%-18s %8s %8s %8s%n", "expected \\ got", "LOW", "DEGRADED", "CRITICAL"));
        for (Severity e : Severity.values()) {
            int[] row = counts[e.ordinal()];
            sb.append(String.format("%-18s %8d %8d %8d%n", e, row[0], row[1], row[2]));
        }
        sb.append(String.format("accuracy %.3f, recall LOW %.3f DEGRADED %.3f CRITICAL %.3f, missed CRITICAL %d%n",
                accuracy(), recall(Severity.LOW), recall(Severity.DEGRADED), recall(Severity.CRITICAL),
                counts[2][0] + counts[2][1]));
        if (!missedCriticalByTag.isEmpty()) {
            sb.append("missed CRITICAL by tag: ").append(missedCriticalByTag).append('\n');
        }
        misses.forEach(m -> sb.append("  miss: ").append(m).append('\n'));
        return sb.toString();
    }
}
