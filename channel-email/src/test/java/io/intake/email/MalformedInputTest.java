package io.intake.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static io.intake.email.Mails.mail;
import static io.intake.email.Mails.normalise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class MalformedInputTest {

    private final MailNormaliser normaliser = new MailNormaliser();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "\n", "garbage without headers", ":\n:\n\n", "Content-Type: multipart/mixed\n\nno boundary",
            "Content-Type: multipart/mixed; boundary=x\n\n--x\n", "Content-Type: multipart/mixed; boundary=x\n\n--y\nnothing\n",
            "Content-Type: text/plain; charset=\"\n\nx", "Content-Type: ;;;==\n\nx", "Content-Transfer-Encoding: base64\n\n!!!!====",
            "Content-Type: message/rfc822\n\n", "From: <<<@@@>>>\nSubject: =?bogus?X?abc?=\n\nx",
            "Content-Type: text/plain; charset=utf-16\n\n\u00ff", "Content-Disposition: attachment; filename*=utf-8''%ZZ\n\nx"})
    void neverThrowsOnMalformedMail(String raw) {
        assertThatCode(() -> normaliser.normalise(mail(raw))).doesNotThrowAnyException();
    }

    @Test
    void neverThrowsOnRandomBytes() {
        Random random = new Random(4);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            assertThatCode(() -> normaliser.normalise(bytes)).doesNotThrowAnyException();
        }
        assertThatCode(() -> normaliser.normalise((byte[]) null)).doesNotThrowAnyException();
    }

    @Test
    void neverThrowsOnTruncatedOrMutatedCorpusMail() throws Exception {
        Random random = new Random(7);
        for (java.nio.file.Path file : Corpus.emlFiles()) {
            byte[] raw = java.nio.file.Files.readAllBytes(file);
            byte[] truncated = java.util.Arrays.copyOf(raw, raw.length / 2);
            byte[] mutated = raw.clone();
            for (int k = 0; k < 20 && mutated.length > 0; k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            assertThatCode(() -> normaliser.normalise(truncated)).as(file.toString()).doesNotThrowAnyException();
            assertThatCode(() -> normaliser.normalise(mutated)).as(file.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void readsInputWithoutHeadersAsBody() {
        NormalisedMail mail = normaliser.normalise("Just a line of text.\r\nAnd another.".getBytes(StandardCharsets.UTF_8));
        assertThat(mail.text()).isEqualTo("Just a line of text.\nAnd another.");
        assertThat(mail.notes()).anyMatch(n -> n.contains("no header block"));
    }

    @Test
    void endsTheHeaderBlockAtTheFirstLineThatIsNotAHeader() {
        NormalisedMail mail = normalise("Subject: s\nThis line is body\n\nmore");
        assertThat(mail.subject()).isEqualTo("s");
        assertThat(mail.text()).startsWith("This line is body");
    }

    @Test
    void keepsATextPartWithDamagedBase64AsAnAttachmentAndSaysSo() {
        NormalisedMail mail = normalise("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                readable
                --b
                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                ?garbage
                --b--
                """);
        assertThat(mail.text()).isEqualTo("readable");
        assertThat(mail.attachments()).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("text/plain"));
        assertThat(mail.notes()).anyMatch(n -> n.contains("damaged base64"));
    }

    @Test
    void readsTruncatedBase64AsFarAsItGoes() {
        NormalisedMail mail = normalise("Content-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQh\nSGVsbG");
        assertThat(mail.text()).isEqualTo("Hello world!Hell");
    }

    @Test
    void readsAMultipartWithoutItsEndBoundary() {
        NormalisedMail mail = normalise("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nno end here\n");
        assertThat(mail.text()).isEqualTo("no end here");
    }
}
