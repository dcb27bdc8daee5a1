package io.intake.web;

import io.intake.core.IntakeCore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SupportFormTest extends WebChannelTestBase {

    private static final String SCRIPT = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    @Autowired
    IntakeCore core;

    private final HttpClient browser = browser();

    private String page() throws Exception {
        HttpResponse<String> r = send(browser, request("/support/new"));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> post(Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(browser, request("/support/new").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Map<String, String> valid(String html) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", csrf(html));
        Matcher id = Pattern.compile("name=\"submission_id\" value=\"([^\"]+)\"").matcher(html);
        f.put("submission_id", id.find() ? id.group(1) : "");
        f.put("name", "Ana Silva");
        f.put("email", "ana@example.com");
        f.put("phone", "+1 (305) 555-0199");
        f.put("account", "ACC-778");
        f.put("site", "MIA-2");
        f.put("category", "equipment_problem");
        f.put("subject", "Two handsets show no service");
        f.put("description", "Two of the twelve phones at our Miami office show 'No service' since this morning.");
        f.put("suggested_severity", "DEGRADED");
        f.put("website", "");
        return f;
    }

    @Test
    void rendersAnAccessibleFormWithCsrfHoneypotAndTheAgreementsRequestTypes() throws Exception {
        String html = page();
        assertThat(html).contains("<label for=\"field-name\"").contains("<label for=\"field-description\"")
                .contains("enctype=\"multipart/form-data\"").contains("name=\"website\"").contains("name=\"submission_id\"");
        assertThat(csrf(html)).isNotBlank();
        for (RequestCategory c : RequestCategory.values()) {
            assertThat(html).contains("value=\"" + c.code() + "\"");
        }
    }

    @Test
    void refusesAPostWithoutTheCsrfToken() throws Exception {
        String html = page();
        Map<String, String> f = valid(html);
        f.remove("_csrf");
        assertThat(post(f).statusCode()).isEqualTo(403);
    }

    @Test
    void confirmsWithNumberSeverityAndTargetInTheCustomersZone() throws Exception {
        Map<String, String> f = valid(page());
        HttpResponse<String> r = post(f);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/support/received");

        HttpResponse<String> receipt = send(browser, request("/support/received"));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).containsPattern("id=\"ticket-number\">\\d{7,}<")
                .containsPattern("id=\"ticket-severity\">(low|degraded|critical)<")
                .containsPattern("(EST|EDT)</time>")
                .contains("Shown in America/New_York time.");

        // a resubmitted form (same submission id) names the same ticket
        String number = number(receipt.body());
        f.put("_csrf", csrf(page()));
        assertThat(post(f).statusCode()).isEqualTo(302);
        String again = send(browser, request("/support/received")).body();
        assertThat(number(again)).isEqualTo(number);
        assertThat(again).contains("We already had this request");
    }

    @Test
    void showsTheTargetInTheBrowsersZoneWhenItTellsIt() throws Exception {
        Map<String, String> f = valid(page());
        f.put("tz", "Europe/Berlin");
        assertThat(post(f).statusCode()).isEqualTo(302);
        assertThat(send(browser, request("/support/received")).body()).containsPattern("(CET|CEST)</time>")
                .contains("Europe/Berlin");
    }

    @Test
    void invalidInputIsShownAgainWithFieldMessagesKeepingWhatWasTyped() throws Exception {
        Map<String, String> f = valid(page());
        f.put("email", "ana-at-example");
        f.put("category", "");
        HttpResponse<String> r = post(f);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"error-email\"").contains("id=\"error-category\"")
                .contains("value=\"ana-at-example\"").contains("value=\"Ana Silva\"").contains("value=\"MIA-2\"")
                .contains("Two of the twelve phones at our Miami office show &#39;No service&#39; since this morning.")
                .contains("aria-invalid=\"true\"");
    }

    @Test
    void escapesHtmlAndScriptInEveryFieldWhenShowingTheFormAgain() throws Exception {
        Map<String, String> f = valid(page());
        for (String field : new String[] {"name", "email", "phone", "account", "site", "category", "subject", "description", "suggested_severity"}) {
            f.put(field, SCRIPT + field);
        }
        HttpResponse<String> r = post(f);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;name");
    }

    @Test
    void aFilledHoneypotIsRefusedAndRecordedButCreatesNoTicket() throws Exception {
        long rejections = core.store().rejectionCount();
        Map<String, String> f = valid(page());
        f.put("website", "http://spam.example");
        f.put("subject", "Honeypot " + System.nanoTime());
        HttpResponse<String> r = post(f);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("looked automated");
        assertThat(core.store().rejectionCount()).isEqualTo(rejections + 1);
        assertThat(core.store().summaries(50)).noneMatch(t -> t.subject().equals(f.get("subject")));
    }

    @Test
    void theConfirmationPageWithoutASubmissionGoesBackToTheForm() throws Exception {
        HttpResponse<String> r = send(browser(), request("/support/received"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/support/new");
    }

    @Test
    void pagesCarryAContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = send(browser, request("/support/new"));
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    }

    private static String number(String html) {
        Matcher m = Pattern.compile("id=\"ticket-number\">(\\d+)<").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
