package io.intake.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests named after the threat: HTML and script typed into any customer field must reach the staff's
 * portal as text, in the page and in its live feed. The subject alone is covered by {@code PortalTest}; the web form
 * re-display by {@code SupportFormTest}.
 */
class ScriptInjectionInPortalTest extends WebChannelTestBase {

    static final String NAME = "<img src=x onerror=alert('name')>";
    static final String SUBJECT = "</td><script>alert('subject')</script>";
    static final String ACCOUNT = "\"><svg onload=alert('account')>";
    static final String SITE = "<iframe src=javascript:alert(1)>";
    static final String DESCRIPTION = "<script>alert('description')</script>\n\ndata: {\"injected\":true}\n\nevent: snapshot";

    private HttpClient signedIn() throws Exception {
        HttpClient client = browser();
        String csrf = csrf(send(client, request("/portal/login")).body());
        send(client, request("/portal/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password=portal-pass-2026&_csrf="
                        + URLEncoder.encode(csrf, StandardCharsets.UTF_8))));
        return client;
    }

    private JsonNode openHostileTicket() throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", NAME, "email", "o'hara&co@example.com", "account", ACCOUNT,
                "site", SITE, "category", "how_to", "subject", SUBJECT, "description", DESCRIPTION));
        HttpResponse<String> r = postJson("/api/v1/tickets", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void htmlAndScriptInEveryCustomerFieldAreEscapedInThePortalPage() throws Exception {
        String number = openHostileTicket().get("number").asText();
        String page = send(signedIn(), request("/portal")).body();

        assertThat(page).contains(number)
                .doesNotContain("<img src=x", "<script>alert(", "<svg", "<iframe", "</td><script>")
                .contains("&lt;img src=x onerror=alert(&#39;name&#39;)&gt;")
                .contains("&lt;/td&gt;&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;");
    }

    @Test
    void htmlAndScriptInEveryCustomerFieldTravelTheLiveFeedAsJsonText() throws Exception {
        HttpClient client = signedIn();
        String number = openHostileTicket().get("number").asText();
        HttpResponse<Stream<String>> stream = client.send(request("/portal/events").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            Iterator<String> it = lines.iterator();
            assertThat(it.next()).isEqualTo("event:snapshot");
            String data = it.next();
            while (!data.startsWith("data:")) {
                assertThat(data).as("a field line before the data").matches("[a-z]+:.*");
                data = it.next();
            }
            JsonNode snapshot = JSON.readTree(data.substring(5));
            JsonNode ticket = null;
            for (JsonNode t : snapshot.get("tickets")) {
                if (t.get("number").asText().equals(number)) {
                    ticket = t;
                }
            }
            assertThat(ticket).as("the hostile ticket in the snapshot").isNotNull();
            assertThat(ticket.get("subject").asText()).isEqualTo(SUBJECT);
            assertThat(ticket.get("requester").asText()).isEqualTo(NAME);
            assertThat(it.next()).as("one event, not split by the description").isEmpty();
        }
    }

    @Test
    void thePortalScriptsWriteServerValuesAsTextNeverAsHtml() throws IOException {
        for (String script : new String[] {"/static/intake-web/portal.js", "/static/intake-web/form.js"}) {
            try (InputStream in = getClass().getResourceAsStream(script)) {
                String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(js).as(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
            }
        }
    }
}
