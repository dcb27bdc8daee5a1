package io.intake.email;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.intake.email.Mails.normalise;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlAndQuoteTest {

    @Nested
    class Html {

        @Test
        void convertsHtmlOnlyMailToTextWithLinksKept() {
            NormalisedMail mail = normalise("""
                    Content-Type: text/html; charset=utf-8

                    <html><head><style>p{color:red}</style><title>t</title></head><body>
                    <p>Our <b>main number</b> is down.</p><p>See <a href="https://status.example.com/x">the status page</a>
                    or <a href="https://example.com">https://example.com</a>.</p>
                    <ul><li>first</li><li>second</li></ul><ol><li>one</li><li>two</li></ol>
                    line<br>break<script>alert(1)</script></body></html>
                    """);
            assertThat(mail.text()).isEqualTo("""
                    Our main number is down.

                    See the status page (https://status.example.com/x) or https://example.com.

                    - first
                    - second

                    1. one
                    2. two

                    line
                    break""");
        }

        @Test
        void prefersThePlainTextAlternative() {
            NormalisedMail mail = normalise("""
                    Content-Type: multipart/alternative; boundary=b

                    --b
                    Content-Type: text/plain

                    plain words
                    --b
                    Content-Type: text/html

                    <p>html words</p>
                    --b--
                    """);
            assertThat(mail.text()).isEqualTo("plain words");
            assertThat(mail.attachments()).isEmpty();
        }

        @Test
        void fallsBackToHtmlWhenThePlainAlternativeIsEmpty() {
            NormalisedMail mail = normalise("""
                    Content-Type: multipart/alternative; boundary=b

                    --b
                    Content-Type: text/plain

                    --b
                    Content-Type: text/html

                    <p>html words</p>
                    --b--
                    """);
            assertThat(mail.text()).isEqualTo("html words");
        }

        @Test
        void marksHtmlBlockquotesAsQuotedHistory() {
            NormalisedMail mail = normalise("""
                    Content-Type: text/html

                    <div>Still broken.</div><div>On Mon, Ann wrote:</div><blockquote>Is it fixed?</blockquote>
                    """);
            assertThat(mail.newText()).isEqualTo("Still broken.");
            assertThat(mail.quotedHistory()).contains("> Is it fixed?");
        }
    }

    @Nested
    class QuotedHistoryAndSignatures {

        @Test
        void separatesAnOnWroteAttributionAndQuotedLines() {
            NormalisedMail mail = normalise("""
                    Subject: Re: outage

                    It is still down.

                    On Mon, 1 Jan 2024 at 10:00, Support <help@example.com> wrote:
                    > Is it working now?
                    > Regards
                    """);
            assertThat(mail.newText()).isEqualTo("It is still down.");
            assertThat(mail.quotedHistory()).startsWith("On Mon, 1 Jan 2024").contains("> Is it working now?");
            assertThat(mail.text()).contains("It is still down.", "> Is it working now?");
        }

        @Test
        void keepsInlineAnswersBelowAQuoteAsNewText() {
            NormalisedMail mail = normalise("""
                    Subject: Re: questions

                    On Tue, Support wrote:
                    > Which site?
                    Berlin office.
                    """);
            assertThat(mail.newText()).isEqualTo("Berlin office.");
            assertThat(mail.quotedHistory()).contains("> Which site?");
        }

        @Test
        void separatesAnOutlookOriginalMessageBlock() {
            NormalisedMail mail = normalise("""
                    Subject: RE: ticket

                    Please call me.

                    -----Original Message-----
                    From: Support
                    Sent: Monday
                    Old text
                    """);
            assertThat(mail.newText()).isEqualTo("Please call me.");
            assertThat(mail.quotedHistory()).startsWith("-----Original Message-----").contains("Old text");
        }

        @Test
        void separatesAnOutlookFromSentHeaderBlock() {
            NormalisedMail mail = normalise("""
                    Subject: RE: ticket

                    Thanks, works again.

                    From: Support Desk <help@example.com>
                    Sent: Monday, 1 January 2024 10:00
                    To: Ann
                    Subject: ticket
                    Old text
                    """);
            assertThat(mail.newText()).isEqualTo("Thanks, works again.");
            assertThat(mail.quotedHistory()).startsWith("From: Support Desk");
        }

        @Test
        void separatesTheSignatureAfterDashDashSpace() {
            NormalisedMail mail = normalise("Subject: x\n\nNo dial tone.\n\n-- \nAnn Example\nACME Ltd\n");
            assertThat(mail.newText()).isEqualTo("No dial tone.");
            assertThat(mail.quotedHistory()).isEqualTo("-- \nAnn Example\nACME Ltd");
        }

        @Test
        void separatesSentFromMyIphoneAndDisclaimers() {
            NormalisedMail phone = normalise("Subject: x\n\nCall me\n\nSent from my iPhone\n");
            assertThat(phone.newText()).isEqualTo("Call me");
            assertThat(phone.quotedHistory()).isEqualTo("Sent from my iPhone");
            NormalisedMail legal = normalise("Subject: x\n\nHelp\n\nThis e-mail and any attachments are confidential and intended solely for the addressee.\n");
            assertThat(legal.newText()).isEqualTo("Help");
            assertThat(legal.quotedHistory()).startsWith("This e-mail and any attachments are confidential");
        }

        @Test
        void doesNotTreatWroteInOrdinaryTextAsHistory() {
            NormalisedMail mail = normalise("Subject: x\n\nThe phone display wrote:\nERROR 503\nPlease help.\n");
            assertThat(mail.newText()).isEqualTo("The phone display wrote:\nERROR 503\nPlease help.");
            assertThat(mail.quotedHistory()).isEmpty();
        }

        @Test
        void addsForwardedMessageTextAsHistoryAndKeepsTheMessageAsAnAttachment() {
            NormalisedMail mail = normalise("""
                    Content-Type: multipart/mixed; boundary=b

                    --b
                    Content-Type: text/plain

                    See below.
                    --b
                    Content-Type: message/rfc822

                    From: Carrier <noc@carrier.example>
                    Subject: Maintenance

                    Trunk maintenance tonight.
                    --b--
                    """);
            assertThat(mail.newText()).isEqualTo("See below.");
            assertThat(mail.quotedHistory()).contains("---------- Forwarded message ----------", "Subject: Maintenance",
                    "Trunk maintenance tonight.");
            assertThat(mail.text()).contains("See below.", "Trunk maintenance tonight.");
            assertThat(mail.attachments()).singleElement().satisfies(a -> {
                assertThat(a.contentType()).isEqualTo("message/rfc822");
                assertThat(a.kind()).isEqualTo(MailAttachment.Kind.FORWARDED_MESSAGE);
                assertThat(a.filename()).isEqualTo("Maintenance.eml");
            });
        }
    }
}
