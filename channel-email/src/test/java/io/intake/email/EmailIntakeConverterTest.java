package io.intake.email;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.TicketNumber;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.intake.email.Mails.normalise;
import static org.assertj.core.api.Assertions.assertThat;

class EmailIntakeConverterTest {

    /** An in-memory attachment store: keeps bytes by a counter reference. */
    private final Map<String, AttachmentContent> stored = new HashMap<>();
    private final EmailIntakeConverter converter = new EmailIntakeConverter(content -> {
        String ref = "mem:" + (stored.size() + 1);
        stored.put(ref, content);
        return ref;
    });
    private static final Instant NOW = Instant.parse("2024-03-01T09:00:00Z");

    @Test
    void convertsAReplyIntoAnEmailRequestWithConversationKeys() {
        long ticket = TicketNumber.ofSerial(123456).value();
        NormalisedMail mail = normalise("From: Ann Example <ann@example.com>\nReply-To: desk@example.com\n"
                + "Subject: Re: [#" + ticket + "] Phones down [#1234]\nMessage-ID: <m2@example.com>\n"
                + "In-Reply-To: <ack-1@gateway.example>\nReferences: <m1@example.com> <ack-1@gateway.example>\n\n"
                + "Still down.\n\nOn Mon, Support wrote:\n> Received.\n");

        IntakeRequest request = converter.convert(mail, NOW);

        assertThat(request.channel()).isEqualTo(Channel.EMAIL);
        assertThat(request.sourceRef()).isEqualTo("m2@example.com");
        assertThat(request.conversationKeys()).containsExactly(String.valueOf(ticket), "ack-1@gateway.example", "m1@example.com");
        assertThat(request.requester().email()).isEqualTo("ann@example.com");
        assertThat(request.requester().name()).isEqualTo("Ann Example");
        assertThat(request.body()).isEqualTo("Still down.");
        assertThat(request.quotedHistory()).contains("> Received.");
        assertThat(request.receivedAt()).isEqualTo(NOW);
        assertThat(request.attribute(EmailIntakeConverter.MESSAGE_ID)).isEqualTo("m2@example.com");
        assertThat(request.attribute(EmailIntakeConverter.AUTO_SUBMITTED)).isEqualTo("false");
        assertThat(request.attribute(EmailIntakeConverter.BOUNCE)).isEqualTo("false");
        assertThat(request.attribute(EmailIntakeConverter.REPLY_TO)).isEqualTo("desk@example.com");
    }

    @Test
    void usesTheContentHashWhenThereIsNoMessageId() {
        NormalisedMail mail = normalise("From: ann@example.com\nSubject: no id\n\nhello");
        IntakeRequest request = converter.convert(mail, NOW);
        assertThat(request.sourceRef()).startsWith("sha256:").hasSize("sha256:".length() + 64).isEqualTo(mail.contentHash());
        assertThat(converter.convert(normalise("From: ann@example.com\nSubject: no id\n\nhello"), NOW).sourceRef())
                .isEqualTo(request.sourceRef());
    }

    @Test
    void storesAttachmentBytesAndReferencesThem() {
        NormalisedMail mail = normalise("From: ann@example.com\nSubject: log\nContent-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nsee log\n--b\nContent-Type: text/plain\n"
                + "Content-Disposition: attachment; filename=\"../call.log\"\n\nline1\n--b--\n");
        IntakeRequest request = converter.convert(mail, NOW);
        assertThat(request.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("call.log");
            assertThat(a.contentType()).isEqualTo("text/plain");
            assertThat(a.size()).isEqualTo(5);
            assertThat(a.contentRef()).isEqualTo("mem:1");
        });
        assertThat(new String(stored.get("mem:1").content())).isEqualTo("line1");
    }

    @Test
    void carriesLoopAndBounceFlagsAndDropNotesAsAttributes() {
        NormalisedMail mail = new MailNormaliser(new MailLimits(1_000_000, 3, 10, 8, 1000)).normalise(Mails.mail(
                "From: MAILER-DAEMON@mx.example\nAuto-Submitted: auto-replied\nSubject: Undelivered Mail\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n"
                        + "--b\nContent-Type: message/rfc822\n\nMessage-ID: <orig@gw>\nSubject: s\n\nbody\n--b--\n"));
        IntakeRequest request = converter.convert(mail, NOW);
        assertThat(request.attribute(EmailIntakeConverter.AUTO_SUBMITTED)).isEqualTo("true");
        assertThat(request.attribute(EmailIntakeConverter.BOUNCE)).isEqualTo("true");
        assertThat(request.attribute(EmailIntakeConverter.BOUNCED_MESSAGE_ID)).isEqualTo("orig@gw");
        assertThat(request.attribute(EmailIntakeConverter.DROPPED)).contains("max_attachment_bytes");
        assertThat(request.requester().email()).isEqualTo("MAILER-DAEMON@mx.example");
    }

    @Test
    void convertsEveryCorpusMailIntoAValidRequest() throws Exception {
        MailNormaliser normaliser = new MailNormaliser();
        for (java.nio.file.Path file : Corpus.emlFiles()) {
            NormalisedMail mail = normaliser.normalise(Files.readAllBytes(file));
            IntakeRequest request = converter.convert(mail, NOW);
            assertThat(request.sourceRef()).as(file.toString()).isNotBlank();
        }
    }

    @Test
    void keepsWinmailDatAsAnAttachmentAndReadsTheMailAroundIt() throws Exception {
        NormalisedMail mail = new MailNormaliser().normalise(Files.readAllBytes(Corpus.emailDir().resolve("mimekit-tnef-ukr.eml")));
        assertThat(mail.attachments()).extracting(MailAttachment::filename).contains("winmail.dat");
        assertThat(mail.notes()).noneMatch(n -> n.contains("could not be unpacked"));
        assertThat(mail.text()).contains("шостий");
    }
}
