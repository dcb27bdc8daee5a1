package io.intake.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.intake.email.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests named after the threat: a small mail that expands into gigabytes or into thousands of levels. The
 * x-gzip64 transfer-encoding bomb and a six-level nesting are in {@code FileNameThreatTest} and {@code LimitsTest}.
 */
class CompressionAndNestingBombTest {

    private static final MailNormaliser NORMALISER = new MailNormaliser();

    private static byte[] gzipOfZeros(int mebibytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < mebibytes; i++) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static byte[] zipOfZeros(int mebibytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < mebibytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static String withAttachment(String type, String name, byte[] content) {
        return "Subject: logs\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee logs\n--b\n"
                + "Content-Type: " + type + "\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=" + name + "\n\n"
                + Base64.getMimeEncoder().encodeToString(content) + "\n--b--\n";
    }

    @Test
    void aZipBombAttachmentIsKeptCompressedAndNeverInflated() throws Exception {
        byte[] bomb = zipOfZeros(200);
        NormalisedMail mail = NORMALISER.normalise(mail(withAttachment("application/zip", "logs.zip", bomb)));
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("logs.zip");
            assertThat(a.content()).isEqualTo(bomb);
        });
        assertThat(mail.text()).isEqualTo("see logs");
    }

    @Test
    void aGzipBombAttachmentIsKeptCompressedAndNeverInflated() throws Exception {
        byte[] bomb = gzipOfZeros(200);
        for (String type : new String[] {"application/gzip", "application/x-gzip", "text/plain"}) {
            NormalisedMail mail = NORMALISER.normalise(mail(withAttachment(type, "sip.log.gz", bomb)));
            assertThat(mail.attachments()).as(type).singleElement()
                    .satisfies(a -> assertThat(a.content()).isEqualTo(bomb));
        }
    }

    @Test
    @Timeout(20)
    void tenThousandNestedMultipartsAreCutAtTheDepthLimitWithoutOverflowingTheStack() {
        int levels = 10_000;
        StringBuilder raw = new StringBuilder("Subject: deep\n");
        for (int i = 0; i < levels; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        raw.append("Content-Type: text/plain\n\ndeep text\n");
        for (int i = levels - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\n");
        }
        NormalisedMail mail = NORMALISER.normalise(mail(raw.toString()));
        assertThat(mail.subject()).isEqualTo("deep");
        assertThat(mail.dropped()).anySatisfy(d -> assertThat(d.limitName()).isEqualTo("max_nesting_depth"));
    }

    @Test
    @Timeout(20)
    void tenThousandNestedForwardedMessagesAreCutAtTheDepthLimit() {
        int levels = 10_000;
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            raw.append("Subject: level ").append(i).append("\nContent-Type: message/rfc822\n\n");
        }
        raw.append("Subject: innermost\n\nhello\n");
        NormalisedMail mail = NORMALISER.normalise(raw.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(mail.subject()).isEqualTo("level 0");
        assertThat(mail.dropped()).anySatisfy(d -> assertThat(d.limitName()).isEqualTo("max_nesting_depth"));
    }

    @Test
    @Timeout(30)
    void aHundredThousandEmptyPartsAreCutAtTheLimitWithOneNote() {
        // an 8 MB mail of 100,000 parts; walking every part took about a minute before the part limit
        StringBuilder raw = new StringBuilder("Subject: wide\nContent-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 100_000; i++) {
            raw.append("--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=f\n\n\n");
        }
        raw.append("--b--\n");
        NormalisedMail mail = NORMALISER.normalise(mail(raw.toString()));
        assertThat(mail.attachments()).hasSizeLessThanOrEqualTo(MailLimits.DEFAULTS.maxAttachmentCount());
        assertThat(mail.dropped()).filteredOn(d -> d.limitName().equals("max_parts")).singleElement()
                .satisfies(d -> assertThat(d.size()).isGreaterThan(98_000));
        assertThat(mail.dropped()).as("one note per limit, not one per part").hasSizeLessThan(1_100);
    }
}
