package io.intake.email;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the MIME normaliser with Jazzer. Without {@code JAZZER_FUZZ} only the seeds in
 * {@code MailNormaliserFuzzTestInputs/} run (a fast regression test); with {@code JAZZER_FUZZ=1} Jazzer mutates them
 * for {@code maxDuration} (see docs/reliability.md, "Fuzzing"). Small limits make every limit reachable.
 * <p>
 * The properties: {@link MailNormaliser#normalise(byte[])} never throws, whatever the bytes; everything it answers
 * stays inside {@link MailLimits}; subject, sender name and file names are one line and file names are safe base
 * names; one input takes at most a few seconds (Jazzer reports a longer one as a timeout).
 */
class MailNormaliserFuzzTest {

    static final MailLimits LIMITS = new MailLimits(64 * 1024, 16 * 1024, 5, 8, 20_000);
    private static final MailNormaliser NORMALISER = new MailNormaliser(LIMITS);

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyBytesNormaliseWithinTheLimitsWithoutThrowing(byte[] raw) {
        NormalisedMail mail = NORMALISER.normalise(raw);

        assertThat(mail.text().length()).isLessThanOrEqualTo(LIMITS.maxBodyChars());
        assertThat(mail.newText().length()).isLessThanOrEqualTo(LIMITS.maxBodyChars());
        assertThat(mail.quotedHistory().length()).isLessThanOrEqualTo(LIMITS.maxBodyChars());
        assertThat(mail.attachments().size()).isLessThanOrEqualTo(LIMITS.maxAttachmentCount());
        assertThat(mail.sizeBytes()).isEqualTo(raw.length);
        assertThat(mail.subject()).doesNotContain("\r", "\n");
        if (mail.from() != null && mail.from().name() != null) {
            assertThat(mail.from().name()).doesNotContain("\r", "\n");
        }
        for (MailAttachment a : mail.attachments()) {
            assertThat(a.size()).isLessThanOrEqualTo(LIMITS.maxAttachmentBytes());
            assertThat(a.filename()).isNotBlank().doesNotContain("/", "\\", "\r", "\n", "\u0000").doesNotStartWith(".");
        }
    }
}
