package io.intake.core.tracker;

import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.internal.BoundedBody;
import io.intake.core.tracker.internal.WebhookAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers to an HTTP endpoint: each ticket and each update is a JSON POST of its wire envelope
 * ({@link WireFormat#created}, {@link WireFormat#updated}) with these headers:
 * <ul>
 * <li>{@code Content-Type: application/json}, and the configured {@code User-Agent};</li>
 * <li>{@code Idempotency-Key}: the ticket number for a creation, {@code <number>-<sequence>} for an update. The same
 * ticket or update may be POSTed again after a crash or a lost answer; the receiver must treat a second POST with a
 * known key as the first one (answer 2xx, with the same key, without storing it twice);</li>
 * <li>{@code X-Intake-Timestamp} and {@code X-Intake-Signature}: see {@link WebhookSignature} for the exact signed
 * string and how to verify it;</li>
 * <li>{@code X-Intake-Event} ({@code ticket.created} or {@code ticket.updated}), {@code X-Intake-Ticket-Number}, and
 * for updates {@code X-Intake-Tracker-Key} (what the creation answered).</li>
 * </ul>
 * Answers: 2xx is success; the tracker key is the {@code key}, {@code id} or {@code tracker_key} field of a JSON body,
 * else the ticket number. 408, 425, 429, 5xx, connection failures and timeouts are a {@link DeliveryException} (a
 * {@link ThrottledDeliveryException} when {@code Retry-After} says how long to wait). Redirects are not followed; a 3xx
 * or any other 4xx is a {@link RejectedDeliveryException} with the status and a short, sanitised excerpt of the body.
 * Thread-safe; the secret never appears in messages, logs or {@link #toString()}.
 */
public final class WebhookTrackerSink implements TrackerSink {

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final String EVENT_HEADER = "X-Intake-Event";
    public static final String TICKET_NUMBER_HEADER = "X-Intake-Ticket-Number";
    public static final String TRACKER_KEY_HEADER = "X-Intake-Tracker-Key";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookTrackerSink.class);
    private static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final WebhookConfig config;
    private final WebhookSignature signature;
    private final Clock clock;
    private final HttpClient client;

    public WebhookTrackerSink(WebhookConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signature = new WebhookSignature(config.secret());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public WebhookTrackerSink(WebhookConfig config) {
        this(config, Clock.systemUTC());
    }

    @Override
    public String create(Ticket ticket) {
        String number = ticket.number().toString();
        WebhookAnswer answer = post(config.url(), "ticket.created", number, number, null, WireFormat.created(ticket));
        return answer.trackerKey().orElse(number);
    }

    @Override
    public void append(TicketUpdate update, String trackerKey) {
        String number = update.ticketNumber().toString();
        post(config.updateUrl(), "ticket.updated", number, number + "-" + update.sequence(), trackerKey,
                WireFormat.updated(update));
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String toString() {
        return "WebhookTrackerSink[" + WebhookConfig.redacted(config.url()) + "]";
    }

    private WebhookAnswer post(URI url, String event, String number, String idempotencyKey, String trackerKey, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", config.userAgent())
                .header(IDEMPOTENCY_KEY_HEADER, idempotencyKey)
                .header(EVENT_HEADER, event)
                .header(TICKET_NUMBER_HEADER, number)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (isSafeHeaderValue(trackerKey)) {
            request.header(TRACKER_KEY_HEADER, trackerKey);
        }
        String what = event + " " + idempotencyKey + " to " + WebhookConfig.redacted(url);
        WebhookAnswer answer = send(request.build(), what);
        if (answer.isSuccess()) {
            LOG.debug("Webhook accepted {} with status {}", what, answer.status());
            return answer;
        }
        String problem = what + " answered HTTP " + answer.status() + ": " + answer.excerpt(config.secret());
        if (answer.isRetryable()) {
            var wait = answer.retryAfterFrom(clock.instant());
            throw wait.isPresent()
                    ? new ThrottledDeliveryException(problem + " (retry after " + wait.get() + ")", wait.get())
                    : new DeliveryException(problem);
        }
        if (answer.status() >= 300 && answer.status() < 400) {
            throw new RejectedDeliveryException(problem + " (redirects are not followed; configure the final URL)");
        }
        throw new RejectedDeliveryException(problem);
    }

    /** Sends and waits at most the request timeout for the whole answer, body included. */
    private WebhookAnswer send(HttpRequest request, String what) {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, BoundedBody.handler(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new WebhookAnswer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeliveryException(what + " timed out after " + config.requestTimeout(), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String kind = cause instanceof java.net.http.HttpTimeoutException ? "timed out"
                    : cause instanceof IOException ? "failed" : "failed unexpectedly";
            throw new DeliveryException(what + " " + kind + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
    }

    private static boolean isSafeHeaderValue(String value) {
        return value != null && !value.isBlank() && value.length() <= 200
                && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
