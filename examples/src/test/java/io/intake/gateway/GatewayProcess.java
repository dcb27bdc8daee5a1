package io.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The built gateway jar as a child process that can be started, SIGKILLed and started again with the same settings
 * (same database, same ports). Its output is appended to one log file across restarts.
 */
final class GatewayProcess implements AutoCloseable {

    /** A staff user for health details: {@code ops}, bcrypt of {@value #STAFF_PASSWORD}. */
    static final String STAFF_USER = "ops";
    static final String STAFF_PASSWORD = "portal-pass-2026";
    static final String STAFF_HASH = "$2a$10$7w3hHrtbo1N43HFNlZfJcOayLGJwgb6m99Ttps2L1tpNXFmKsKHRO";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> args;
    private final int webPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Process process;
    private int starts;

    GatewayProcess(List<String> args, int webPort, Path log) {
        this.args = List.copyOf(args);
        this.webPort = webPort;
        this.log = log;
    }

    /** Starts the process and waits until its overall health is UP (the routes run). */
    void start(Duration within) throws IOException {
        starts++;
        process = GatewayJar.command(args.toArray(String[]::new))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Process started = process;
        await().atMost(within).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!started.isAlive()) {
                throw new AssertionError("the gateway exited with " + started.exitValue() + " during start " + starts
                        + "; see " + log);
            }
            return "UP".equals(health().path("status").asText());
        });
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();   // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway did not die of SIGKILL");
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@code /actuator/health} with a staff login (details are only shown to staff). */
    JsonNode health() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((STAFF_USER + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                        + "/actuator/health")).timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    /** The outbox entries waiting for delivery, from the health details; empty when the gateway does not answer. */
    OptionalLong outboxPending() {
        try {
            JsonNode pending = health().findValue("outbox_pending");
            if (pending == null) {
                throw new AssertionError("/actuator/health shows no outbox_pending to staff: " + health());
            }
            return OptionalLong.of(pending.asLong());
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    Path log() {
        return log;
    }

    /** Stops the process (TERM, then KILL); safe to call when it is not running. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
