package io.intake.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness: starts {@link WebTestApplication} (real core, embedded H2, rate limit off) and drives
 * {@code POST /api/v1/tickets} and, in the same run against the same server, the trivial {@code GET /api/v1/ping},
 * with N closed-loop clients each. Prints throughput, p50 and p99 of both and their ratio.
 * <p>
 * Run (after {@code ./mvnw -o -pl channel-web test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test}): {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.intake.web.TicketLoadHarness [clients=16] [seconds=10]}
 */
public final class TicketLoadHarness {

    private TicketLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ConfigurableApplicationContext app = SpringApplication.run(WebTestApplication.class, "--server.port=0",
                "--intake.web.rate-limit.enabled=false", "--logging.level.io.intake=WARN",
                "--logging.level.org.apache.camel=WARN");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = WebChannelTestBase.ticketJson("Handset shows no service",
                    "The handset in room 4 shows no service since this morning; the others work.");
            HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpRequest ping = HttpRequest.newBuilder(URI.create(base + "/api/v1/ping")).GET().build();

            run(http, ping, 201, clients, 3, true);
            run(http, post, 201, clients, 3, true);
            Result trivial = run(http, ping, 200, clients, seconds, false);
            Result tickets = run(http, post, 201, clients, seconds, false);
            System.out.println(trivial.line("GET  /api/v1/ping   "));
            System.out.println(tickets.line("POST /api/v1/tickets"));
            System.out.printf(Locale.ROOT, "ratio tickets/trivial throughput: %.3f  (%d clients, %d s each, %d cores)%n",
                    tickets.perSecond() / trivial.perSecond(), clients, seconds, Runtime.getRuntime().availableProcessors());
        } finally {
            app.close();
        }
    }

    record Result(long count, long errors, double seconds, long[] micros) {
        double perSecond() {
            return count / seconds;
        }

        String line(String name) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests, %d errors)",
                    name, perSecond(), at(sorted, 0.50) / 1000.0, at(sorted, 0.99) / 1000.0, count, errors);
        }

        private static long at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    private static Result run(HttpClient http, HttpRequest request, int expected, int clients, int seconds, boolean warmup)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long us = (System.nanoTime() - t0) / 1000;
                    if (r.statusCode() != expected && !(expected == 201 && r.statusCode() == 200)) {
                        errors.incrementAndGet();
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = us;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : futures) {
            long[] part = f.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(all.length, errors.get(), elapsed, all);
    }
}
