package io.intake.email;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.intake.email.Mails.mail;
import static io.intake.email.Mails.normalise;
import static org.assertj.core.api.Assertions.assertThat;

class CharsetAndHeaderDecodingTest {

    private final MailNormaliser normaliser = new MailNormaliser();

    @Nested
    class Bodies {

        @Test
        void decodesKoi8rText() {
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=koi8-r",
                    "Телефоны не работают", Charset.forName("KOI8-R")));
            assertThat(mail.text()).isEqualTo("Телефоны не работают");
        }

        @Test
        void decodesIso2022jpText() {
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=ISO-2022-JP",
                    "電話が使えません", Charset.forName("ISO-2022-JP")));
            assertThat(mail.text()).isEqualTo("電話が使えません");
        }

        @Test
        void decodesWindows1251Text() {
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=windows-1251",
                    "Нет гудка", Charset.forName("windows-1251")));
            assertThat(mail.text()).isEqualTo("Нет гудка");
        }

        @Test
        void decodesGb2312LabelledTextAsGb18030() {
            // 镕 is in GBK but not in GB2312: senders labelling GBK text gb2312 is common.
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=gb2312",
                    "电话坏了 朱镕基", Charset.forName("GB18030")));
            assertThat(mail.text()).isEqualTo("电话坏了 朱镕基");
        }

        @Test
        void readsLatin1BytesLabelledUtf8AsWindows1252() {
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=utf-8",
                    "Grüße aus Köln", StandardCharsets.ISO_8859_1));
            assertThat(mail.text()).isEqualTo("Grüße aus Köln");
            assertThat(mail.notes()).anyMatch(n -> n.contains("not valid UTF-8"));
        }

        @Test
        void readsUtf8BytesUnderAnUnknownCharsetAsUtf8AndSaysSo() {
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=x-no-such-charset",
                    "Grüße", StandardCharsets.UTF_8));
            assertThat(mail.text()).isEqualTo("Grüße");
            assertThat(mail.notes()).anyMatch(n -> n.contains("x-no-such-charset"));
        }

        @Test
        void readsUnlabelled8BitTextAsWindows1252() {
            NormalisedMail mail = normaliser.normalise(mail("Subject: x", "caf\u00e9 \u20ac5", Charset.forName("windows-1252")));
            assertThat(mail.text()).isEqualTo("café €5");
        }

        @Test
        void decodesUtf7() {
            NormalisedMail mail = normaliser.normalise(mail("Content-Type: text/plain; charset=utf-7",
                    "Fr+APY-sche 1+-1", StandardCharsets.US_ASCII));
            assertThat(mail.text()).isEqualTo("Frösche 1+1");
        }

        @Test
        void decodesQuotedPrintableAndBase64() {
            NormalisedMail qp = normalise("Content-Type: text/plain; charset=iso-8859-15\nContent-Transfer-Encoding: quoted-printable\n\n=A4 5,- f=\n=FCr alles");
            assertThat(qp.text()).isEqualTo("€ 5,- für alles");
            String b64 = Base64.getMimeEncoder().encodeToString("Grüße".getBytes(StandardCharsets.UTF_8));
            NormalisedMail base64 = normalise("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + b64);
            assertThat(base64.text()).isEqualTo("Grüße");
        }
    }

    @Nested
    class Headers {

        @Test
        void decodesAnRfc2047SubjectSplitInsideAMultiByteCharacter() {
            byte[] utf8 = "Störung: Telefon".getBytes(StandardCharsets.UTF_8);
            String first = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 0, 3));
            String second = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 3, utf8.length));
            NormalisedMail mail = normalise("Subject: =?UTF-8?B?" + first + "?=\n =?UTF-8?B?" + second + "?=\n\nx");
            assertThat(mail.subject()).isEqualTo("Störung: Telefon");
        }

        @Test
        void decodesQEncodedDisplayNamesAndKeepsTheAddress() {
            NormalisedMail mail = normalise("From: =?iso-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>\n\nx");
            assertThat(mail.from().name()).isEqualTo("Jörg Müller");
            assertThat(mail.from().address()).isEqualTo("joerg@example.de");
        }

        @Test
        void recoversRaw8BitUtf8Headers() {
            NormalisedMail mail = normaliser.normalise(mail("Subject: Grüße aus Köln\nFrom: Jörg <j@example.de>\n\nx"));
            assertThat(mail.subject()).isEqualTo("Grüße aus Köln");
            assertThat(mail.from().name()).isEqualTo("Jörg");
        }

        @Test
        void decodesRfc2231FileNames() {
            NormalisedMail mail = normalise("""
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    see attached
                    --b
                    Content-Type: application/pdf
                    Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf

                    %PDF
                    --b
                    Content-Type: application/pdf
                    Content-Disposition: attachment; filename*0*=iso-8859-1''Gr%FC; filename*1=sse.pdf

                    %PDF
                    --b--
                    """);
            assertThat(mail.attachments()).extracting(MailAttachment::filename).containsExactly("Rechnung März.pdf", "Grüsse.pdf");
        }

        @Test
        void decodesRfc2047FileNamesThatRfc2231WouldHaveBeenRightFor() {
            NormalisedMail mail = normalise("""
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    x
                    --b
                    Content-Type: text/plain; name="=?koi8-r?B?89DJ08/LLmRvYw==?="
                    Content-Disposition: attachment; filename="=?koi8-r?B?89DJ08/LLmRvYw==?="

                    y
                    --b--
                    """);
            assertThat(mail.attachments()).extracting(MailAttachment::filename).containsExactly("Список.doc");
        }

        @Test
        void readsMessageIdsWithoutAngleBrackets() {
            NormalisedMail mail = normalise("Message-ID: <a@b>\nIn-Reply-To: <p@b>\nReferences: <r1@b>\n  <r2@b> <r1@b>\n\nx");
            assertThat(mail.messageId()).isEqualTo("a@b");
            assertThat(mail.inReplyTo()).containsExactly("p@b");
            assertThat(mail.references()).containsExactly("r1@b", "r2@b");
        }

        @Test
        void collapsesWhitespaceInSubjects() {
            assertThat(normalise("Subject: Another  Priceless\n\tMoment\n\nx").subject()).isEqualTo("Another Priceless Moment");
        }
    }
}
