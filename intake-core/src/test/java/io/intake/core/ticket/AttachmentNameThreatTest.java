package io.intake.core.ticket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests named after the threat: a file name chosen by a sender (mail, web upload, IVR) must never name a
 * place outside the attachment store, hide itself, or disguise its type. The plain "../../etc/passwd" cases are in
 * {@code ValueTypesTest} and the email channel's {@code FileNameThreatTest}; these are the ones they missed.
 */
class AttachmentNameThreatTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../../../../etc/passwd", "..\\..\\windows\\system32\\drivers\\etc\\hosts", "/etc/passwd",
            "....//....//etc/passwd", "C:\\..\\..\\boot.ini", "\\\\server\\share\\x.txt", "..", ".", "", "   "})
    void pathTraversalInAnAttachmentNameLeavesOnlyABaseName(String hostile) {
        String safe = Attachment.safeName(hostile);
        assertThat(safe).isNotBlank().doesNotContain("/", "\\", "..").doesNotStartWith(".");
    }

    @Test
    void aLongNameCutToTheLimitDoesNotBecomeAHiddenFile() {
        String hostile = "a".repeat(100) + "." + "b".repeat(Attachment.MAX_NAME - 1);
        String safe = Attachment.safeName(hostile);
        assertThat(safe).doesNotStartWith(".").hasSizeLessThanOrEqualTo(Attachment.MAX_NAME).endsWith("bbb");
    }

    @Test
    void aBidiOverrideCannotDisguiseAnExecutableAsADocument() {
        assertThat(Attachment.safeName("invoice\u202Efdp.exe")).isEqualTo("invoice_fdp.exe");
        assertThat(Attachment.safeName("a\u200Bb\u2028c\u0085d\u009be.txt")).isEqualTo("a_b_c_d_e.txt");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String hostile = "x" + "\uD83D\uDCC4".repeat(Attachment.MAX_NAME);
        String safe = Attachment.safeName(hostile);
        assertThat(Character.isLowSurrogate(safe.charAt(0))).isFalse();
    }
}
