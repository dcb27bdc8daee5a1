package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signature of a webhook call, for the sender ({@link WebhookTrackerSink}) and for receivers.
 * <p>
 * The signed material is the ASCII decimal of the {@value #TIMESTAMP_HEADER} header (Unix seconds), one full stop
 * ({@code .}), then the exact bytes of the request body:
 * <pre>{@code
 * X-Intake-Timestamp: 1764092673
 * X-Intake-Signature: sha256=<lower-case hex of HMAC-SHA256(secret, "1764092673" + "." + body)>
 * }</pre>
 * The secret is used as its UTF-8 bytes. Signing the timestamp lets a receiver refuse a captured request replayed
 * later: {@link #verify} accepts a timestamp only within a tolerance of its own clock (five minutes by default).
 * Retries of the same delivery carry the same {@code Idempotency-Key} but a fresh timestamp and signature.
 * <p>
 * A receiver in Java:
 * <pre>{@code
 * var signature = new WebhookSignature(secret);
 * if (!signature.verify(body, request.header("X-Intake-Timestamp"), request.header("X-Intake-Signature"))) {
 *     return 401;
 * }
 * }</pre>
 * Thread-safe; {@link #toString()} never shows the secret.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Intake-Signature";
    public static final String TIMESTAMP_HEADER = "X-Intake-Timestamp";
    public static final String SCHEME = "sha256=";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param secret the shared secret, at least {@value WebhookConfig#MIN_SECRET_LENGTH} characters */
    public WebhookSignature(String secret) {
        if (secret == null || secret.length() < WebhookConfig.MIN_SECRET_LENGTH) {
            throw new InvalidFieldException("intake.tracker.webhook.secret",
                    "is required and must have at least " + WebhookConfig.MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The {@value #SIGNATURE_HEADER} value for a body sent with the given {@value #TIMESTAMP_HEADER}. */
    public String sign(long timestampSeconds, byte[] body) {
        return SCHEME + HEX.formatHex(mac(timestampSeconds, body));
    }

    /** {@link #verify(byte[], String, String, Instant, Duration)} against the system clock, with the default tolerance. */
    public boolean verify(byte[] body, String timestampHeader, String signatureHeader) {
        return verify(body, timestampHeader, signatureHeader, Instant.now(), DEFAULT_TOLERANCE);
    }

    /**
     * True when the signature was made with this secret over this timestamp and body, and the timestamp lies within
     * {@code tolerance} of {@code now}. Compares in constant time; a missing or malformed header is simply false.
     */
    public boolean verify(byte[] body, String timestampHeader, String signatureHeader, Instant now, Duration tolerance) {
        if (body == null || timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(SCHEME)) {
            return false;
        }
        long timestamp;
        byte[] given;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
            given = HEX.parseHex(signatureHeader.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(timestamp, body), given);
    }

    private byte[] mac(long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[" + ALGORITHM + ", secret hidden]";
    }
}
