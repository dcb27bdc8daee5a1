package io.intake.email;

import io.intake.core.ticket.IntakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.intake.email.Mails.normalise;
import static org.assertj.core.api.Assertions.assertThat;

/** Regression tests named after the threat: hostile file names and header values. */
class FileNameThreatTest {

    private static NormalisedMail withDisposition(String disposition) {
        return normalise("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nx\n--b\n"
                + "Content-Type: application/octet-stream\nContent-Disposition: " + disposition + "\n\ndata\n--b--\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"attachment; filename=\"../../etc/passwd\"", "attachment; filename=\"..\\\\..\\\\etc\\\\passwd\"",
            "attachment; filename=\"=?utf-8?q?=2E=2E=2F=2E=2E=2Fetc=2Fpasswd?=\"", "attachment; filename*=utf-8''..%2F..%2Fetc%2Fpasswd",
            "attachment; filename=\"/etc/passwd\"", "attachment; filename=\"C:\\\\Windows\\\\..\\\\etc\\\\passwd\""})
    void pathTraversalInAttachmentNamesIsReducedToTheBaseName(String disposition) {
        assertThat(withDisposition(disposition).attachments()).singleElement()
                .satisfies(a -> assertThat(a.filename()).isEqualTo("passwd"));
    }

    @Test
    void controlCharactersAndHiddenDotsInAttachmentNamesAreNeutralised() {
        MailAttachment attachment = withDisposition("attachment; filename*=utf-8''..bashrc%0D%0AX-Evil%3A%20yes%00").attachments().get(0);
        assertThat(attachment.filename()).doesNotStartWith(".").doesNotContain("\r", "\n", "\u0000", ":");
        assertThat(attachment.originalName()).contains("bashrc");
    }

    @Test
    void headerInjectionThroughAnEncodedSubjectOrNameStaysOnOneLine() {
        NormalisedMail mail = normalise("From: =?utf-8?q?Eve=0D=0ABcc=3A_victim=40example=2Ecom?= <eve@example.com>\n"
                + "Subject: =?utf-8?q?Hello=0D=0ABcc=3A_victim=40example=2Ecom?=\n\nbody");
        assertThat(mail.subject()).isEqualTo("Hello Bcc: victim@example.com");
        assertThat(mail.from().name()).doesNotContain("\r", "\n");
        IntakeRequest request = new EmailIntakeConverter(c -> "ref").convert(mail, Instant.EPOCH);
        assertThat(request.subject()).doesNotContain("\r", "\n");
        assertThat(request.requester().name()).doesNotContain("\r", "\n");
    }

    @Test
    void aGzipBombInXGzip64IsCutOffInsteadOfFillingMemory() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                gz.write(zeros);
            }
        }
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(zipped.toByteArray());
        NormalisedMail mail = normalise("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nx\n--b\n"
                + "Content-Type: application/octet-stream\nContent-Transfer-Encoding: x-gzip64\n"
                + "Content-Disposition: attachment; filename=bomb.bin\n\n" + b64 + "\n--b--\n");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.dropped()).singleElement().satisfies(d -> assertThat(d.limitName()).isEqualTo("max_attachment_bytes"));
    }
}
