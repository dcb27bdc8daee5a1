package io.intake.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.IntakeCore;
import io.intake.core.ticket.TicketNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PortalTest extends WebChannelTestBase {

    @Autowired
    IntakeCore core;

    private HttpResponse<String> form(HttpClient client, String path, String body) throws Exception {
        return send(client, request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpClient signedIn() throws Exception {
        HttpClient client = browser();
        String csrf = csrf(send(client, request("/portal/login")).body());
        HttpResponse<String> r = form(client, "/portal/login", "username=ops&password=portal-pass-2026&_csrf=" + enc(csrf));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/portal");
        return client;
    }

    @Test
    void isNotOpenWithoutSigningIn() throws Exception {
        HttpResponse<String> r = send(browser(), request("/portal"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/portal/login");
        assertThat(send(browser(), request("/portal/events")).statusCode()).isIn(302, 401);
    }

    @Test
    void aWrongPasswordDoesNotSignIn() throws Exception {
        HttpClient client = browser();
        String csrf = csrf(send(client, request("/portal/login")).body());
        HttpResponse<String> r = form(client, "/portal/login", "username=ops&password=wrong&_csrf=" + enc(csrf));
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/portal/login?error");
        assertThat(send(client, request("/portal")).statusCode()).isEqualTo(302);
    }

    @Test
    void showsRecentTicketsEscaped() throws Exception {
        JsonNode t = openTicket("<b>bold</b><script>alert(1)</script> subject");
        HttpResponse<String> r = send(signedIn(), request("/portal"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Olivia Ops").contains(t.get("number").asText())
                .contains("&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt; subject")
                .doesNotContain("<script>alert(1)")
                .contains("Phone registration monitoring is not connected");
    }

    @Test
    void pushesNewTicketsOverServerSentEvents() throws Exception {
        HttpClient client = signedIn();
        HttpResponse<Stream<String>> stream = client.send(request("/portal/events").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).isEqualTo("event:snapshot");

        String number = openTicket("Live " + System.nanoTime()).get("number").asText();
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:") && line.contains("\"number\":\"" + number + "\"")) {
                    return true;
                }
            }
            return false;
        });
        assertThat(seen.get(10, TimeUnit.SECONDS)).isTrue();
        stream.body().close();
    }

    @Test
    void replaysAParkedDeliveryOnlyWithTheCsrfToken() throws Exception {
        JsonNode t = openTicket("Refused by tracker " + WebTestApplication.PARK);
        TicketNumber number = TicketNumber.parse(t.get("number").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> core.outbox().parked(500).stream()
                .anyMatch(e -> e.ticketNumber().equals(number)));

        HttpClient client = signedIn();
        String page = send(client, request("/portal")).body();
        assertThat(page).contains("Ticket " + number).contains("tracker refused the ticket (test)");

        assertThat(form(client, "/portal/outbox/replay", "ticket=" + number).statusCode()).isEqualTo(403);
        HttpResponse<String> replay = form(client, "/portal/outbox/replay", "ticket=" + number + "&_csrf=" + enc(csrf(page)));
        assertThat(replay.statusCode()).isEqualTo(302);
        assertThat(send(client, request("/portal")).body()).contains("Ticket " + number + ": 1 delivery is queued again.");
    }

    @Test
    void theStaffApiShowsDeliveryState() throws Exception {
        JsonNode t = openTicket("Delivered one");
        String number = t.get("number").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveryState(number).equals("delivered"));
    }

    private String deliveryState(String number) throws IOException, InterruptedException {
        JsonNode r = json(send(request("/api/v1/tickets/" + number).header("Authorization", STAFF)));
        return r.get("delivery_state").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
