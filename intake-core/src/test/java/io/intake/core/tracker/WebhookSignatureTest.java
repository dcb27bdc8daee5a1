package io.intake.core.tracker;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    static final String SECRET = WebhookTrackerSinkTest.SECRET;
    static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
    static final byte[] BODY = "{\"type\":\"ticket.created\",\"version\":1}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void signsTheTimestampDotBodyAsDocumented() throws Exception {
        long timestamp = NOW.getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

        assertThat(signature.sign(timestamp, BODY)).isEqualTo("sha256=" + HexFormat.of().formatHex(expected));
    }

    @Test
    void genuineSignatureIsAccepted() {
        String header = signature.sign(NOW.getEpochSecond(), BODY);

        assertThat(signature.verify(BODY, Long.toString(NOW.getEpochSecond()), header, NOW.plusSeconds(30),
                WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
    }

    @Test
    void forgedSignatureIsRejected() {
        String forged = new WebhookSignature("an-attacker-guessing-the-secret").sign(NOW.getEpochSecond(), BODY);

        assertThat(verifyNow(BODY, forged)).isFalse();
    }

    @Test
    void tamperedBodyIsRejected() {
        String header = signature.sign(NOW.getEpochSecond(), BODY);
        byte[] tampered = "{\"type\":\"ticket.created\",\"version\":2}".getBytes(StandardCharsets.UTF_8);

        assertThat(verifyNow(tampered, header)).isFalse();
    }

    @Test
    void replayedRequestOutsideTheToleranceIsRejected() {
        long captured = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        String header = signature.sign(captured, BODY);

        assertThat(signature.verify(BODY, Long.toString(captured), header, NOW, WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
    }

    @Test
    void replayWithAFreshTimestampButOldSignatureIsRejected() {
        String oldHeader = signature.sign(NOW.minus(Duration.ofHours(1)).getEpochSecond(), BODY);

        assertThat(verifyNow(BODY, oldHeader)).isFalse();
    }

    @Test
    void malformedHeadersAreRejectedWithoutError() {
        String good = signature.sign(NOW.getEpochSecond(), BODY);

        assertThat(verifyNow(BODY, null)).isFalse();
        assertThat(verifyNow(BODY, "")).isFalse();
        assertThat(verifyNow(BODY, good.substring("sha256=".length()))).isFalse();
        assertThat(verifyNow(BODY, "sha256=zz")).isFalse();
        assertThat(verifyNow(BODY, "sha256=")).isFalse();
        assertThat(verifyNow(BODY, "sha1=" + good.substring("sha256=".length()))).isFalse();
        assertThat(signature.verify(BODY, "not-a-number", good, NOW, WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
        assertThat(signature.verify(BODY, null, good, NOW, WebhookSignature.DEFAULT_TOLERANCE)).isFalse();
    }

    private boolean verifyNow(byte[] body, String header) {
        return signature.verify(body, Long.toString(NOW.getEpochSecond()), header, NOW, WebhookSignature.DEFAULT_TOLERANCE);
    }
}
