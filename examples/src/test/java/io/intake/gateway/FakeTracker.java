package io.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tracker behind the gateway's webhook sink, as a well-behaved tracker is written: every POST is counted, a known
 * {@code Idempotency-Key} is answered like the first time without storing anything again, and it can be switched to
 * answer 503 (down). JDK HTTP server on 127.0.0.1, a free port.
 */
final class FakeTracker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, JsonNode> stored = new LinkedHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean down;

    FakeTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/tickets", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tickets";
    }

    /** Down: every POST is answered 503 and nothing is stored. */
    void down(boolean down) {
        this.down = down;
    }

    /** The envelopes stored, one per idempotency key, in the order they first arrived. */
    synchronized List<JsonNode> envelopes() {
        return new ArrayList<>(stored.values());
    }

    /** Every POST answered 2xx, first or again. */
    long posts() {
        return posts.get();
    }

    /** POSTs answered 503 while down. */
    long refused() {
        return refused.get();
    }

    /** POSTs with a key already stored: the gateway delivered the same entry again (at-least-once). */
    long replayed() {
        return replayed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (down) {
                refused.incrementAndGet();
                answer(exchange, 503, "{\"error\":\"down for maintenance\"}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!"POST".equals(exchange.getRequestMethod()) || key == null) {
                answer(exchange, 400, "{\"error\":\"POST with an Idempotency-Key\"}");
                return;
            }
            JsonNode envelope = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            synchronized (this) {
                if (stored.putIfAbsent(key, envelope) != null) {
                    replayed.incrementAndGet();
                }
            }
            posts.incrementAndGet();
            answer(exchange, 200, "{\"key\":\"TRK-" + key + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
