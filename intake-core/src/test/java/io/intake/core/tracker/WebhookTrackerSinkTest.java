package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebhookTrackerSinkTest extends TrackerSinkContract {

    static final String SECRET = "s3cret-shared-with-the-tracker-0123";

    private FakeWebhookTracker tracker;
    private WebhookTrackerSink sink;

    @BeforeEach
    void startTracker() throws IOException {
        tracker = new FakeWebhookTracker(SECRET);
        sink = new WebhookTrackerSink(config(tracker.url("/hooks")));
    }

    @AfterEach
    void stopTracker() {
        tracker.close();
    }

    static WebhookConfig config(URI url) {
        return WebhookConfig.of(url, SECRET).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Override
    protected TrackerSink sink() {
        return sink;
    }

    @Override
    protected List<String> deliveredTicketNumbers() {
        return tracker.ticketKeys();
    }

    @Override
    protected List<Integer> deliveredUpdateSequences(TicketNumber number) {
        return tracker.updateKeys().stream().filter(key -> key.startsWith(number + "-"))
                .map(key -> Integer.valueOf(key.substring(key.indexOf('-') + 1))).toList();
    }

    @Override
    protected Optional<String> deliveredTicketJson(TicketNumber number) {
        return Optional.ofNullable(tracker.tickets().get(number.toString()));
    }

    @Test
    void postsSignedJsonWithTheIdempotencyKey() {
        Ticket ticket = Tickets.ticket();

        String key = sink.create(ticket);
        sink.append(Tickets.update(ticket.number(), 1), key);

        var creation = tracker.received().get(0);
        assertThat(creation.path()).isEqualTo("/hooks");
        assertThat(creation.header("Content-Type")).isEqualTo("application/json");
        assertThat(creation.header("User-Agent")).isEqualTo(WebhookConfig.DEFAULT_USER_AGENT);
        assertThat(creation.header("Idempotency-Key")).isEqualTo(ticket.number().toString());
        assertThat(creation.header("X-Intake-Event")).isEqualTo("ticket.created");
        assertThat(creation.bodyText()).isEqualTo(WireFormat.created(ticket));
        assertThat(new WebhookSignature(SECRET).verify(creation.body(), creation.header("X-Intake-Timestamp"),
                creation.header("X-Intake-Signature"))).isTrue();
        var update = tracker.received().get(1);
        assertThat(update.header("Idempotency-Key")).isEqualTo(ticket.number() + "-1");
        assertThat(update.header("X-Intake-Event")).isEqualTo("ticket.updated");
        assertThat(update.header("X-Intake-Tracker-Key")).isEqualTo("WH-" + ticket.number());
    }

    @Test
    void answersTheKeyTheTrackerGaveElseTheTicketNumber() {
        Ticket keyed = Tickets.ticket();
        Ticket plain = Tickets.ticket();
        Ticket byId = Tickets.ticket();

        tracker.answerNext(200, "", Map.of());
        String plainKey = sink.create(plain);
        tracker.answerNext(201, "{\"id\": 4711, \"status\": \"new\"}", Map.of());
        String idKey = sink.create(byId);

        assertThat(sink.create(keyed)).isEqualTo("WH-" + keyed.number());
        assertThat(plainKey).isEqualTo(plain.number().toString());
        assertThat(idKey).isEqualTo("4711");
    }

    @Test
    void updatesGoToTheirOwnUrlWhenOneIsConfigured() {
        var split = new WebhookTrackerSink(config(tracker.url("/tickets")).withUpdateUrl(tracker.url("/comments")));
        Ticket ticket = Tickets.ticket();

        split.append(Tickets.update(ticket.number(), 1), split.create(ticket));

        assertThat(tracker.received()).extracting(FakeWebhookTracker.Received::path).containsExactly("/tickets", "/comments");
    }

    @Nested
    class Failures {

        @ParameterizedTest
        @ValueSource(ints = {408, 425, 500, 502, 503, 504})
        void transientAnswersAreRetried(int status) {
            tracker.answerNext(status, "{\"error\":\"try later\"}", Map.of());

            assertThatThrownBy(() -> sink.create(Tickets.ticket()))
                    .isInstanceOf(DeliveryException.class)
                    .isNotInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("HTTP " + status);
        }

        @Test
        void tooManyRequestsIsRetriedAfterWhatTheTrackerAsked() {
            tracker.answerNext(429, "slow down", Map.of("Retry-After", "7"));

            var throttled = catchThrowableOfType(() -> sink.create(Tickets.ticket()), ThrottledDeliveryException.class);

            assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(throttled).hasMessageContaining("HTTP 429").isNotInstanceOf(RejectedDeliveryException.class);
        }

        @ParameterizedTest
        @ValueSource(ints = {400, 401, 403, 404, 409, 422})
        void refusalsAreParkedWithStatusAndExcerpt(int status) {
            tracker.answerNext(status, "{\"error\":\"field 'severity' unknown\"}", Map.of());

            assertThatThrownBy(() -> sink.create(Tickets.ticket()))
                    .isInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("HTTP " + status)
                    .hasMessageContaining("field 'severity' unknown");
        }

        @Test
        void redirectsAreNotFollowed() {
            tracker.answerNext(307, "", Map.of("Location", "http://127.0.0.1:1/elsewhere"));

            assertThatThrownBy(() -> sink.create(Tickets.ticket()))
                    .isInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("HTTP 307")
                    .hasMessageContaining("redirects are not followed");
        }

        @Test
        void bodyExcerptInAnErrorIsOneShortLine() {
            String hostile = "bad\r\nX-Injected: yes\u0000\u001b[31m" + "y".repeat(5000);
            tracker.answerNext(422, hostile, Map.of());

            var rejected = catchThrowableOfType(() -> sink.create(Tickets.ticket()), RejectedDeliveryException.class);

            assertThat(rejected.getMessage()).doesNotContain("\r", "\n", "\u0000", "\u001b")
                    .contains("bad X-Injected: yes")
                    .hasSizeLessThan(500);
        }

        @Test
        void slowTrackerTimesOutAndIsRetried() {
            var impatient = new WebhookTrackerSink(WebhookConfig.of(tracker.url("/hooks"), SECRET)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
            tracker.hangNext();

            assertThatThrownBy(() -> impatient.create(Tickets.ticket()))
                    .isInstanceOf(DeliveryException.class)
                    .isNotInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("timed out");
        }

        @Test
        void refusedConnectionIsRetried() throws IOException {
            var nobody = new WebhookTrackerSink(config(URI.create("http://127.0.0.1:" + JdbcTrackerStoreH2Test.closedPort() + "/hooks")));

            assertThatThrownBy(() -> nobody.create(Tickets.ticket()))
                    .isInstanceOf(DeliveryException.class)
                    .isNotInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("failed");
        }

        @Test
        void wrongSecretIsRefusedByTheTracker() {
            var impostor = new WebhookTrackerSink(WebhookConfig.of(tracker.url("/hooks"), "not-the-shared-secret-at-all"));

            assertThatThrownBy(() -> impostor.create(Tickets.ticket()))
                    .isInstanceOf(RejectedDeliveryException.class)
                    .hasMessageContaining("HTTP 401");
            assertThat(tracker.ticketKeys()).isEmpty();
        }
    }

    @Nested
    class Secrecy {

        @Test
        void secretNeverAppearsInExceptionMessagesOrToString() {
            List<Throwable> failures = new ArrayList<>();
            tracker.answerNext(400, "{\"echo\":\"your secret is " + SECRET + "\"}", Map.of());
            tracker.answerNext(500, SECRET, Map.of());
            for (int i = 0; i < 2; i++) {
                failures.add(catchThrowableOfType(() -> sink.create(Tickets.ticket()), DeliveryException.class));
            }
            failures.add(catchThrowableOfType(() -> WebhookConfig.of(URI.create("ftp://x"), SECRET.substring(0, 10)),
                    InvalidFieldException.class));

            List<String> texts = new ArrayList<>(List.of(sink.toString(), config(tracker.url("/hooks")).toString(),
                    new WebhookSignature(SECRET).toString()));
            for (Throwable failure : failures) {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    texts.add(String.valueOf(t.getMessage()));
                    texts.add(t.toString());
                }
            }

            assertThat(failures).doesNotContainNull();
            assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 10)));
        }

        @Test
        void credentialsAndTokensInTheUrlAreNotShown() {
            var withToken = WebhookConfig.of(URI.create("https://tracker.example/hook?token=t0k3n"), SECRET);

            assertThat(withToken.toString()).contains("https://tracker.example/hook").doesNotContain("t0k3n");
            assertThat(new WebhookTrackerSink(withToken).toString()).doesNotContain("t0k3n");
            assertThatThrownBy(() -> WebhookConfig.of(URI.create("https://ops:p4ssw0rd@tracker.example/hook?token=t0k3n"), SECRET))
                    .hasMessageContaining("intake.tracker.webhook.url: must not carry credentials")
                    .hasMessageNotContaining("p4ssw0rd")
                    .hasMessageNotContaining("t0k3n");
        }
    }

    @Nested
    class Configuration {

        @Test
        void everyProblemIsReportedAtOnceNamingTheProperty() {
            assertThatThrownBy(() -> new WebhookConfig(URI.create("ftp://files.example/x?token=t0k3n"), "short",
                    Duration.ZERO, Duration.ofHours(1), URI.create("relative/path"), "bad\nagent"))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageContaining("intake.tracker.webhook.url: 'ftp://files.example/x' is not allowed")
                    .hasMessageContaining("intake.tracker.webhook.update-url")
                    .hasMessageContaining("intake.tracker.webhook.secret: is required and must have at least 16 characters")
                    .hasMessageContaining("intake.tracker.webhook.connect-timeout: PT0S is not allowed")
                    .hasMessageContaining("intake.tracker.webhook.request-timeout: PT1H is not allowed")
                    .hasMessageContaining("intake.tracker.webhook.user-agent")
                    .hasMessageNotContaining("short")
                    .hasMessageNotContaining("t0k3n");
        }

        @Test
        void missingUrlAndSecretAreNamed() {
            assertThatThrownBy(() -> WebhookConfig.of(null, null))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith("intake.tracker.webhook.url: is required")
                    .hasMessageContaining("intake.tracker.webhook.secret");
        }

        @Test
        void defaultsApply() {
            var config = WebhookConfig.of(URI.create("https://tracker.example/hook"), SECRET);

            assertThat(config.updateUrl()).isEqualTo(config.url());
            assertThat(config.connectTimeout()).isEqualTo(WebhookConfig.DEFAULT_CONNECT_TIMEOUT);
            assertThat(config.requestTimeout()).isEqualTo(WebhookConfig.DEFAULT_REQUEST_TIMEOUT);
            assertThat(config.userAgent()).isEqualTo(WebhookConfig.DEFAULT_USER_AGENT);
        }
    }
}
