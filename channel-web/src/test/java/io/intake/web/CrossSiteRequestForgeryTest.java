package io.intake.web;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests named after the threat: a page on another site making the customer's or the staff's browser post
 * to us. A post without a token is covered by {@code SupportFormTest} (form) and {@code PortalTest} (replay); here the
 * attacker has a real token, from their own session, and a cross-site login.
 */
class CrossSiteRequestForgeryTest extends WebChannelTestBase {

    private static String form(String csrf, String submissionId) {
        return "_csrf=" + enc(csrf) + "&submission_id=" + enc(submissionId) + "&name=Ana+Silva&email=ana%40example.com"
                + "&category=how_to&subject=Forged&description=Posted+from+another+site.&website=";
    }

    private static String submissionId(String html) {
        Matcher m = Pattern.compile("name=\"submission_id\" value=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void aCsrfTokenFromTheAttackersOwnSessionDoesNotWorkInTheVictimsSession() throws Exception {
        String attackerPage = send(browser(), request("/support/new")).body();
        HttpClient victim = browser();
        send(victim, request("/support/new")); // the victim has a session of their own
        HttpResponse<String> r = send(victim, request("/support/new").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(form(csrf(attackerPage), submissionId(attackerPage)))));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void aMadeUpCsrfTokenIsRefused() throws Exception {
        HttpClient victim = browser();
        String page = send(victim, request("/support/new")).body();
        HttpResponse<String> r = send(victim, request("/support/new").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", submissionId(page)))));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void aCrossSiteLoginWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> r = send(browser(), request("/portal/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password=portal-pass-2026")));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void aCrossSiteLogoutWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> r = send(browser(), request("/portal/logout").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
