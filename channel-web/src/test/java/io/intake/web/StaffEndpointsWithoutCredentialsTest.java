package io.intake.web;

import io.intake.core.IntakeCore;
import io.intake.core.ticket.TicketNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regression tests named after the threat: every staff endpoint refuses a caller without staff credentials (no
 * credentials, a customer's ticket token, wrong ones, or a path spelled to slip past a matcher). Signing in to the
 * portal and {@code /portal}, {@code /portal/events} are covered by {@code PortalTest}.
 */
class StaffEndpointsWithoutCredentialsTest extends WebChannelTestBase {

    @Autowired
    IntakeCore core;

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/portal", "/portal/", "/portal/events", "/portal/outbox", "/portal/anything",
            "/portal;jsessionid=x", "/PORTAL", "/portal/../portal", "/%70ortal"})
    void unauthenticatedAccessToAPortalPageIsSentToTheLoginPage(String path) throws Exception {
        HttpResponse<String> r = send(browser(), request(path));
        assertThat(r.statusCode()).as(path).isIn(302, 400, 401, 403, 404);
        if (r.statusCode() == 302) {
            assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/portal/login");
        }
        assertThat(r.body()).doesNotContain("Recent tickets", "kpi-hour");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/tickets", "/api/v1/tickets/", "/api/v1/tickets?limit=500", "/api/v1/tickets;x=1",
            "/api/v1//tickets", "/API/v1/tickets", "/api/v1/tickets/%2e", "/api/v1/./tickets"})
    void unauthenticatedAccessToTheStaffTicketListIsRefused(String path) throws Exception {
        HttpResponse<String> r = send(request(path));
        assertThat(r.statusCode()).as(path).isIn(400, 401, 403, 404);
        assertThat(r.body()).doesNotContain("\"tickets\"");
    }

    @Test
    void aCustomersTicketTokenIsNoStaffCredential() throws Exception {
        String token = openTicket("Token is not staff").get("access_token").asText();
        HttpResponse<String> list = send(request("/api/v1/tickets").header("Authorization", "Bearer " + token));
        assertThat(list.statusCode()).isEqualTo(401);
        HttpResponse<String> portal = send(browser(), request("/portal").header("Authorization", "Bearer " + token));
        assertThat(portal.statusCode()).isEqualTo(302);
    }

    @Test
    void aStaffNameWithAnEmptyOrWrongPasswordIsRefused() throws Exception {
        for (String credentials : new String[] {"ops:", "ops:wrong", ":portal-pass-2026", "ops:PORTAL-PASS-2026", "nobody:portal-pass-2026"}) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = send(request("/api/v1/tickets").header("Authorization", basic));
            assertThat(r.statusCode()).as(credentials).isEqualTo(401);
        }
    }

    @Test
    void unauthenticatedReplayOfAParkedDeliveryIsRefusedAndReplaysNothing() throws Exception {
        String number = openTicket("Refused by tracker " + WebTestApplication.PARK).get("number").asText();
        TicketNumber ticket = TicketNumber.parse(number);
        await().atMost(Duration.ofSeconds(10)).until(() -> core.outbox().parked(500).stream()
                .anyMatch(e -> e.ticketNumber().equals(ticket)));

        HttpClient anonymous = browser();
        String csrf = csrf(send(anonymous, request("/portal/login")).body()); // a valid token, but no staff session
        for (String body : new String[] {"ticket=" + number, "ticket=" + number + "&_csrf=" + enc(csrf), "", "_csrf=" + enc(csrf)}) {
            HttpResponse<String> r = send(anonymous, request("/portal/outbox/replay")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(r.statusCode()).as(body).isIn(302, 401, 403);
            if (r.statusCode() == 302) {
                assertThat(r.headers().firstValue("Location").orElseThrow()).as(body).endsWith("/portal/login");
            }
        }
        assertThat(core.outbox().parked(500)).anyMatch(e -> e.ticketNumber().equals(ticket));
    }

    @Test
    void aCustomerSeesNoStaffFieldsOfTheirOwnTicket() throws Exception {
        var t = openTicket("No staff fields");
        HttpResponse<String> r = send(request("/api/v1/tickets/" + t.get("number").asText())
                .header("Authorization", "Bearer " + t.get("access_token").asText()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).has("requester")).isFalse();
        assertThat(json(r).has("delivery_state")).isFalse();
        assertThat(json(r).has("tracker_key")).isFalse();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
