package io.intake.core.tracker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.json.WireFormat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a webhook receiver answered: the status, the {@code Retry-After} header and the first bytes of the body.
 * Reads the tracker key from a JSON body and makes a short excerpt that is safe to put into an error message.
 */
public record WebhookAnswer(int status, String retryAfter, byte[] body) {

    /** The longest excerpt of a body an error message carries. */
    public static final int EXCERPT_LENGTH = 200;
    private static final int MAX_KEY_LENGTH = 200;
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public WebhookAnswer {
        body = body == null ? new byte[0] : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 408, 425, 429 and 5xx: the same request may succeed later. */
    public boolean isRetryable() {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /**
     * The tracker's key from a JSON object body: field {@code key}, else {@code id}, else {@code tracker_key}, when it
     * is a string or number of at most 200 printable characters. Anything else (no body, not JSON) is empty.
     */
    public Optional<String> trackerKey() {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = WireFormat.mapper().readTree(text);
            for (String field : new String[] {"key", "id", "tracker_key"}) {
                JsonNode value = node.get(field);
                if (value != null && (value.isTextual() || value.isIntegralNumber())) {
                    String key = value.asText().strip();
                    if (!key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().noneMatch(Character::isISOControl)) {
                        return Optional.of(key);
                    }
                }
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code Retry-After} as seconds or an HTTP date, between zero and 24 hours; empty when absent or unreadable. */
    public Optional<Duration> retryAfterFrom(Instant now) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.strip();
        Duration wait;
        try {
            wait = value.chars().allMatch(Character::isDigit) && value.length() <= 9
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    /**
     * The start of the body on one line: control characters become spaces, runs of spaces collapse, at most
     * {@value #EXCERPT_LENGTH} characters, and {@code secret} (should a receiver echo it) is blanked out.
     */
    public String excerpt(String secret) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (secret != null && !secret.isEmpty()) {
            text = text.replace(secret, "[hidden]");
        }
        text = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "...";
    }
}
