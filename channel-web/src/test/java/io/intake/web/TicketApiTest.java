package io.intake.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TicketApiTest extends WebChannelTestBase {

    @Nested
    class Creating {

        @Test
        void answers201WithNumberSeverityDeadlineTokenAndStatusUrl() throws Exception {
            HttpResponse<String> r = postJson("/api/v1/tickets", ticketJson("Main number down",
                    "Our main number is not ringing at all, callers hear a fast busy. No workaround."));

            assertThat(r.statusCode()).isEqualTo(201);
            JsonNode body = json(r);
            assertThat(body.get("number").asText()).matches("\\d{7,}");
            assertThat(body.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(Instant.parse(body.get("response_due").asText())).isAfter(Instant.now().minusSeconds(5));
            assertThat(body.get("access_token").asText()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(body.get("status_url").asText()).endsWith("/api/v1/tickets/" + body.get("number").asText());
            assertThat(r.headers().firstValue("Location")).contains(body.get("status_url").asText());
            assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        }

        @Test
        void recordsTheSuggestedSeverityButLetsTheRulesDecide() throws Exception {
            String json = JSON.writeValueAsString(Map.of("name", "Lee", "email", "lee@example.com", "category", "how_to",
                    "subject", "Voicemail greeting", "description", "How do I change my voicemail greeting?",
                    "suggested_severity", "critical"));
            JsonNode body = json(postJson("/api/v1/tickets", json));
            assertThat(body.get("severity").asText()).isNotEqualTo("CRITICAL");
        }

        @Test
        void acceptsMultipartWithAttachmentsStoredByContentHash() throws Exception {
            byte[] log = "SIP/2.0 503 Service Unavailable\r\n".repeat(50).getBytes(StandardCharsets.UTF_8);
            Multipart form = new Multipart().field("name", "Sam").field("email", "sam@example.com")
                    .field("category", "equipment_problem").field("subject", "Handset reboots")
                    .field("description", "The handset at reception reboots every few minutes.")
                    .file("attachments", "../../etc/sip.log", "text/plain", log);
            HttpResponse<String> r = send(request("/api/v1/tickets").header("Content-Type", form.contentType()).POST(form.body()));

            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String sha = AccessTokens.sha256(new String(log, StandardCharsets.UTF_8));
            Path stored = Path.of("target/web-test-data/attachments", sha.substring(0, 2), sha.substring(2, 4), sha);
            assertThat(stored).exists().hasBinaryContent(log);
        }

        @Test
        void sameIdempotencyKeyReturnsTheSameTicket() throws Exception {
            String key = UUID.randomUUID().toString();
            String json = ticketJson("Fax line", "The fax line drops calls after a few seconds.");
            HttpResponse<String> first = postJson("/api/v1/tickets", json, "Idempotency-Key", key);
            HttpResponse<String> retry = postJson("/api/v1/tickets", json, "Idempotency-Key", key);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(json(retry).get("number")).isEqualTo(json(first).get("number"));
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            // both tokens work: the first was not revoked by the retry
            for (HttpResponse<String> r : List.of(first, retry)) {
                HttpResponse<String> status = send(request("/api/v1/tickets/" + json(first).get("number").asText())
                        .header("Authorization", "Bearer " + json(r).get("access_token").asText()));
                assertThat(status.statusCode()).isEqualTo(200);
            }
        }

        @Test
        void reusedIdempotencyKeyForAnotherRequestIs422() throws Exception {
            String key = UUID.randomUUID().toString();
            assertThat(postJson("/api/v1/tickets", ticketJson("One", "First request text here."), "Idempotency-Key", key).statusCode()).isEqualTo(201);
            HttpResponse<String> other = postJson("/api/v1/tickets", ticketJson("Two", "Another request text."), "Idempotency-Key", key);

            assertThat(other.statusCode()).isEqualTo(422);
            assertThat(json(other).get("problems").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        }

        @Test
        void namesEveryBadFieldWith422() throws Exception {
            String json = JSON.writeValueAsString(Map.of("email", "not-an-email", "category", "pizza",
                    "phone", "call me maybe", "suggested_severity", "urgent"));
            HttpResponse<String> r = postJson("/api/v1/tickets", json);

            assertThat(r.statusCode()).isEqualTo(422);
            JsonNode body = json(r);
            assertThat(body.get("error").asText()).isEqualTo("invalid_request");
            List<String> fields = new ArrayList<>();
            body.get("problems").forEach(p -> fields.add(p.get("field").asText()));
            assertThat(fields).contains("name", "email", "phone", "category", "subject", "description", "suggested_severity");
        }

        @Test
        void wrongJsonTypesAre422AndMalformedJsonIs400() throws Exception {
            HttpResponse<String> typed = postJson("/api/v1/tickets", "{\"name\": 42, \"email\": [\"a@b.c\"]}");
            assertThat(typed.statusCode()).isEqualTo(422);
            assertThat(typed.body()).contains("\"field\":\"name\"").contains("must be a string");

            HttpResponse<String> broken = postJson("/api/v1/tickets", "{\"name\": ");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(json(broken).get("error").asText()).isEqualTo("unreadable_body");
        }

        @Test
        void unsupportedContentTypeIs415() throws Exception {
            HttpResponse<String> r = send(request("/api/v1/tickets").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("help")));
            assertThat(r.statusCode()).isEqualTo(415);
        }

        @Test
        void overTheSizeLimitIs413() throws Exception {
            byte[] big = new byte[1_200_000];
            Multipart form = new Multipart().field("name", "Big").file("attachments", "big.bin", "application/octet-stream", big);
            HttpResponse<String> r = send(request("/api/v1/tickets").header("Content-Type", form.contentType()).POST(form.body()));

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r).get("error").asText()).isEqualTo("too_large");
        }

        @Test
        void aFileOverThePerFileLimitIsAFieldProblem() throws Exception {
            Multipart form = new Multipart().field("name", "Kim").field("email", "kim@example.com")
                    .field("category", "other").field("subject", "Photo").field("description", "See the photo.")
                    .file("attachments", "photo.jpg", "image/jpeg", new byte[300_000]);
            HttpResponse<String> r = send(request("/api/v1/tickets").header("Content-Type", form.contentType()).POST(form.body()));

            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("\"field\":\"attachments\"").contains("photo.jpg");
        }

        @Test
        void overThePerClientRateIs429WithRetryAfter() throws Exception {
            String client = "203.0.113.250";
            List<Integer> codes = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 7; i++) {
                last = send(HttpRequest.newBuilder(url("/api/v1/tickets")).header("X-Forwarded-For", client)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
                codes.add(last.statusCode());
            }
            assertThat(codes.subList(0, 5)).containsOnly(422);
            assertThat(codes.subList(5, 7)).containsOnly(429);
            assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(json(last).get("error").asText()).isEqualTo("rate_limited");
        }

        @Test
        void storageFailureIs503NeverSuccess() throws Exception {
            HttpResponse<String> r = postJson("/api/v1/tickets", ticketJson("Outage " + WebTestApplication.STORAGE_DOWN,
                    "The main number does not ring."));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).doesNotContain("database unavailable");
        }
    }

    @Nested
    class Reading {

        @Test
        void theTicketsOwnTokenShowsStatusAndUpdates() throws Exception {
            JsonNode t = openTicket("No dial tone");
            HttpResponse<String> r = send(request("/api/v1/tickets/" + t.get("number").asText())
                    .header("Authorization", "Bearer " + t.get("access_token").asText()));

            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.get("number").asText()).isEqualTo(t.get("number").asText());
            assertThat(body.get("status").asText()).isIn("received", "forwarded");
            assertThat(body.get("severity").asText()).isEqualTo(t.get("severity").asText());
            assertThat(body.get("response_due").asText()).isEqualTo(t.get("response_due").asText());
            assertThat(body.get("updates").isArray()).isTrue();
            assertThat(body.has("requester")).as("customers do not see staff fields").isFalse();
        }

        @Test
        void anotherTicketsTokenNoTokenAndUnknownNumbersAllGetTheSame404() throws Exception {
            JsonNode mine = openTicket("Mine");
            JsonNode theirs = openTicket("Theirs");
            String path = "/api/v1/tickets/" + theirs.get("number").asText();

            HttpResponse<String> wrongToken = send(request(path).header("Authorization", "Bearer " + mine.get("access_token").asText()));
            HttpResponse<String> noToken = send(request(path));
            HttpResponse<String> unknown = send(request("/api/v1/tickets/9999999990").header("Authorization", STAFF));
            HttpResponse<String> garbage = send(request("/api/v1/tickets/abc").header("Authorization", "Bearer " + mine.get("access_token").asText()));

            for (HttpResponse<String> r : List.of(wrongToken, noToken, unknown, garbage)) {
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(r.body()).isEqualTo(wrongToken.body());
            }
        }

        @Test
        void staffCredentialsSeeAnyTicketWithStaffFields() throws Exception {
            JsonNode t = openTicket("Staff view");
            HttpResponse<String> r = send(request("/api/v1/tickets/" + t.get("number").asText()).header("Authorization", STAFF));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get("requester").asText()).isEqualTo("Dana Reyes");
            assertThat(json(r).get("channel").asText()).isEqualTo("web");
        }

        @Test
        void wrongStaffPasswordIs401() throws Exception {
            String bad = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8));
            assertThat(send(request("/api/v1/tickets").header("Authorization", bad)).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class Commenting {

        @Test
        void aCommentWithTheTokenBecomesAnUpdate() throws Exception {
            JsonNode t = openTicket("Echo on calls");
            String number = t.get("number").asText();
            String bearer = "Bearer " + t.get("access_token").asText();
            HttpResponse<String> r = postJson("/api/v1/tickets/" + number + "/comments",
                    "{\"text\":\"It also happens on the second floor.\"}", "Authorization", bearer);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).get("sequence").asInt()).isEqualTo(1);
            JsonNode status = json(send(request("/api/v1/tickets/" + number).header("Authorization", bearer)));
            assertThat(status.get("updates").get(0).get("text").asText()).isEqualTo("It also happens on the second floor.");
            assertThat(status.get("updates").get(0).get("kind").asText()).isEqualTo("comment");
        }

        @Test
        void aCommentWithAnotherTicketsTokenIs404AndAnEmptyOneIs422() throws Exception {
            JsonNode mine = openTicket("Mine too");
            JsonNode theirs = openTicket("Theirs too");
            HttpResponse<String> wrong = postJson("/api/v1/tickets/" + theirs.get("number").asText() + "/comments",
                    "{\"text\":\"hello\"}", "Authorization", "Bearer " + mine.get("access_token").asText());
            HttpResponse<String> empty = postJson("/api/v1/tickets/" + mine.get("number").asText() + "/comments",
                    "{\"text\":\"  \"}", "Authorization", "Bearer " + mine.get("access_token").asText());

            assertThat(wrong.statusCode()).isEqualTo(404);
            assertThat(empty.statusCode()).isEqualTo(422);
            assertThat(json(empty).get("problems").get(0).get("field").asText()).isEqualTo("text");
        }
    }

    @Nested
    class StaffList {

        @Test
        void needsStaffCredentials() throws Exception {
            HttpResponse<String> r = send(request("/api/v1/tickets"));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        }

        @Test
        void filtersBySinceChannelAndSeverity() throws Exception {
            Instant before = Instant.now().minusSeconds(1);
            JsonNode t = openTicket("Listed");
            HttpResponse<String> r = send(request("/api/v1/tickets?since=" + before + "&channel=web&severity="
                    + t.get("severity").asText()).header("Authorization", STAFF));

            assertThat(r.statusCode()).isEqualTo(200);
            List<String> numbers = new ArrayList<>();
            json(r).get("tickets").forEach(x -> {
                numbers.add(x.get("number").asText());
                assertThat(x.get("channel").asText()).isEqualTo("web");
                assertThat(x.get("severity").asText()).isEqualTo(t.get("severity").asText());
            });
            assertThat(numbers).contains(t.get("number").asText());

            HttpResponse<String> none = send(request("/api/v1/tickets?channel=email&since=" + before).header("Authorization", STAFF));
            json(none).get("tickets").forEach(x -> assertThat(x.get("channel").asText()).isEqualTo("email"));
        }

        @Test
        void badQueryParametersAre400NamingEach() throws Exception {
            HttpResponse<String> r = send(request("/api/v1/tickets?since=yesterday&channel=fax&severity=huge&limit=0")
                    .header("Authorization", STAFF));
            assertThat(r.statusCode()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            json(r).get("problems").forEach(p -> fields.add(p.get("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder("since", "channel", "severity", "limit");
        }
    }

    @Test
    void servesItsOpenApiDocument() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/openapi.json"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        assertThat(doc.get("paths").has("/api/v1/tickets/{number}/comments")).isTrue();
        assertThat(Files.exists(Path.of("src/main/resources/io/intake/web/openapi.json"))).isTrue();
    }
}
