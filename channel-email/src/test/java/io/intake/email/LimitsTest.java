package io.intake.email;

import io.intake.core.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static io.intake.email.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitsTest {

    private static String withAttachments(int count, int size) {
        StringBuilder raw = new StringBuilder("Subject: files\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee files\n");
        for (int i = 1; i <= count; i++) {
            raw.append("--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=f").append(i)
                    .append(".bin\n\n").append("x".repeat(size)).append('\n');
        }
        return raw.append("--b--\n").toString();
    }

    @Test
    void dropsAnOversizedAttachmentAndSaysWhatSizeAndWhichLimit() {
        MailNormaliser normaliser = new MailNormaliser(new MailLimits(1_000_000, 100, 10, 8, 10_000));
        NormalisedMail mail = normaliser.normalise(mail(withAttachments(1, 500)));
        assertThat(mail.text()).isEqualTo("see files");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.dropped()).singleElement().satisfies(d -> {
            assertThat(d.size()).isEqualTo(500);
            assertThat(d.limit()).isEqualTo(100);
            assertThat(d.describe()).isEqualTo("Dropped attachment 'f1.bin' (application/octet-stream): 500 bytes is over the limit of 100 bytes (max_attachment_bytes).");
        });
    }

    @Test
    void keepsTheFirstAttachmentsUpToTheCountAndDropsTheRest() {
        NormalisedMail mail = new MailNormaliser(new MailLimits(1_000_000, 1000, 2, 8, 10_000)).normalise(mail(withAttachments(4, 10)));
        assertThat(mail.attachments()).extracting(MailAttachment::filename).containsExactly("f1.bin", "f2.bin");
        assertThat(mail.dropped()).extracting(DroppedPart::limitName).containsExactly("max_attachment_count", "max_attachment_count");
    }

    @Test
    void doesNotOpenPartsNestedDeeperThanTheLimit() {
        StringBuilder raw = new StringBuilder("Subject: deep\n");
        int levels = 6;
        for (int i = 0; i < levels; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        raw.append("Content-Type: text/plain\n\ndeep text\n");
        for (int i = levels - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\n");
        }
        NormalisedMail mail = new MailNormaliser(new MailLimits(1_000_000, 1000, 10, 3, 10_000)).normalise(mail(raw.toString()));
        assertThat(mail.subject()).isEqualTo("deep");
        assertThat(mail.dropped()).singleElement().satisfies(d -> assertThat(d.limitName()).isEqualTo("max_nesting_depth"));
    }

    @Test
    void cutsTheBodyAtTheCharacterLimitWithANote() {
        NormalisedMail mail = new MailNormaliser(new MailLimits(1_000_000, 1000, 10, 8, 50)).normalise(mail("Subject: long\n\n" + "y".repeat(80)));
        assertThat(mail.text()).hasSize(50);
        assertThat(mail.dropped()).singleElement().satisfies(d -> {
            assertThat(d.size()).isEqualTo(80);
            assertThat(d.limitName()).isEqualTo("max_body_chars");
        });
    }

    @Test
    void readsTheHeadAndTextOfAnOversizedMessageButDropsItsAttachments() {
        NormalisedMail mail = new MailNormaliser(new MailLimits(400, 100_000, 10, 8, 10_000)).normalise(mail(withAttachments(3, 300)));
        assertThat(mail.subject()).isEqualTo("files");
        assertThat(mail.text()).isEqualTo("see files");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.dropped()).singleElement().satisfies(d -> assertThat(d.limitName()).isEqualTo("max_message_bytes"));
    }

    @Test
    void rejectsNonPositiveLimitsNamingTheField() {
        assertThatThrownBy(() -> new MailLimits(0, 1, 1, 1, 1)).isInstanceOf(InvalidFieldException.class).hasMessageContaining("max_message_bytes");
        assertThatThrownBy(() -> new MailLimits(1, 1, -1, 1, 1)).hasMessageContaining("max_attachment_count");
        assertThatThrownBy(() -> new MailLimits(1, 1, 1, 0, 1)).hasMessageContaining("max_nesting_depth");
    }
}
