package io.intake.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running application (real core, real HTTP) shared by every test class that extends this, so Spring starts it
 * once. Each request comes from its own documentation-range address (X-Forwarded-For, trusted from loopback), so
 * the per-client rate limit only bites where a test wants it to.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WebChannelTestBase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String STAFF = "Basic " + Base64.getEncoder().encodeToString("ops:portal-pass-2026".getBytes(StandardCharsets.UTF_8));
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A client address nobody else uses (four requests each, below the test burst of five). */
    static String freshClient() {
        int n = CLIENTS.getAndIncrement() / 4;
        return (n < 250 ? "198.51.100." : n < 500 ? "203.0.113." : "192.0.2.") + (n % 250 + 1);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url(path)).header("X-Forwarded-For", freshClient());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(http, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postJson(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String ticketJson(String subject, String description) throws IOException {
        return JSON.writeValueAsString(Map.of("name", "Dana Reyes", "email", "dana@example.com", "phone", "+1 312 555 0100",
                "account", "ACME-1", "site", "CHI-01", "category", "service_outage", "subject", subject,
                "description", description));
    }

    /** Opens a ticket over the API and answers its JSON (number, access_token, ...). */
    JsonNode openTicket(String subject) throws IOException, InterruptedException {
        HttpResponse<String> r = postJson("/api/v1/tickets", ticketJson(subject, "All phones at the site show no service since 9am."));
        if (r.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1);
    }

    /** A multipart/form-data body: text fields, then files as (field, name, bytes). */
    static final class Multipart {
        final String boundary = "----intake" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String field, String filename, String type, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher body() {
            write("--" + boundary + "--\r\n");
            return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
