package io.intake.core.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP tracker on 127.0.0.1 for webhook tests, built on the JDK's HTTP server. It refuses a bad signature with
 * 401, stores creations and updates by {@code Idempotency-Key} (a repeated key is answered like the first time and not
 * stored again), answers {@code {"key":"WH-<number>"}} to a creation, and can be told how to answer the next requests.
 */
public final class FakeWebhookTracker implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Scripted(int status, String body, Map<String, String> headers, boolean hang) {
    }

    private final WebhookSignature signature;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final Map<String, String> tickets = new LinkedHashMap<>();
    private final Map<String, String> updates = new LinkedHashMap<>();

    public FakeWebhookTracker(String secret) throws IOException {
        this.signature = new WebhookSignature(secret);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A URL of this server with the given path, for example {@code /hooks}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next request gets this answer instead of being stored. */
    public void answerNext(int status, String body, Map<String, String> headers) {
        script.add(new Scripted(status, body, headers, false));
    }

    /** The next request gets no answer until {@link #close()}. */
    public void hangNext() {
        script.add(new Scripted(0, null, Map.of(), true));
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Stored creations: Idempotency-Key (the ticket number) to body, in arrival order. */
    public synchronized Map<String, String> tickets() {
        return Map.copyOf(tickets);
    }

    public synchronized List<String> ticketKeys() {
        return List.copyOf(tickets.keySet());
    }

    /** Stored updates: Idempotency-Key ({@code <number>-<sequence>}) in arrival order. */
    public synchronized List<String> updateKeys() {
        return List.copyOf(updates.keySet());
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            var request = new Received(exchange.getRequestURI().getPath(), headers, body);
            synchronized (this) {
                received.add(request);
            }
            Scripted scripted = script.poll();
            if (scripted != null && scripted.hang()) {
                awaitRelease();
                return;
            }
            if (scripted != null) {
                scripted.headers().forEach(exchange.getResponseHeaders()::add);
                respond(exchange, scripted.status(), scripted.body());
                return;
            }
            if (!signature.verify(body, request.header(WebhookSignature.TIMESTAMP_HEADER),
                    request.header(WebhookSignature.SIGNATURE_HEADER))) {
                respond(exchange, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            String key = request.header(WebhookTrackerSink.IDEMPOTENCY_KEY_HEADER);
            boolean creation = "ticket.created".equals(request.header(WebhookTrackerSink.EVENT_HEADER));
            synchronized (this) {
                (creation ? tickets : updates).putIfAbsent(key, request.bodyText());
            }
            respond(exchange, creation ? 201 : 200, creation ? "{\"key\":\"WH-" + key + "\"}" : "");
        }
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
