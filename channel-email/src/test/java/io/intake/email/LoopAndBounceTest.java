package io.intake.email;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.intake.email.Mails.normalise;
import static org.assertj.core.api.Assertions.assertThat;

class LoopAndBounceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated; owner-email=x@y",
            "Precedence: bulk", "Precedence: junk", "Precedence: list", "List-Id: <support.lists.example.com>",
            "List-Unsubscribe: <mailto:leave@example.com>", "X-Auto-Response-Suppress: All", "Return-Path: <>",
            "From: MAILER-DAEMON@mx.example.com", "From: Postmaster <postmaster@example.com>"})
    void flagsMachineGeneratedMailSoItIsNeverAcknowledged(String header) {
        NormalisedMail mail = normalise(header + "\nSubject: Out of office\n\nI am away.");
        assertThat(mail.autoSubmitted()).isTrue();
        assertThat(mail.autoReasons()).isNotEmpty();
    }

    @Test
    void doesNotFlagPersonalMailOrAutoSubmittedNo() {
        NormalisedMail mail = normalise("From: Ann <ann@example.com>\nAuto-Submitted: no\nPrecedence: normal\nReturn-Path: <ann@example.com>\n\nhi");
        assertThat(mail.autoSubmitted()).isFalse();
        assertThat(mail.bounce()).isFalse();
    }

    @Test
    void detectsADeliveryStatusReportAndTheBouncedMessageId() {
        NormalisedMail mail = normalise("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce-1@mx.example.com>
                Content-Type: multipart/report; report-type=delivery-status; boundary=b

                --b
                Content-Type: text/plain

                Your message could not be delivered.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; gone@example.org
                Action: failed
                Status: 5.1.1
                --b
                Content-Type: message/rfc822

                From: help@gateway.example
                Message-ID: <ack-1234567@gateway.example>
                Subject: [#1234567] Received

                Your ticket number is 1234567.
                --b--
                """);
        assertThat(mail.bounce()).isTrue();
        assertThat(mail.autoSubmitted()).isTrue();
        assertThat(mail.bouncedMessageId()).isEqualTo("ack-1234567@gateway.example");
        assertThat(mail.newText()).isEqualTo("Your message could not be delivered.");
    }

    @Test
    void findsTheBouncedMessageIdInReturnedHeaders() {
        NormalisedMail mail = normalise("""
                From: postmaster@example.org
                Subject: Delivery Status Notification (Failure)
                Content-Type: multipart/report; report-type=delivery-status; boundary=b

                --b
                Content-Type: text/plain

                failed
                --b
                Content-Type: text/rfc822-headers

                Message-ID: <ack-42@gateway.example>
                Subject: Received
                --b--
                """);
        assertThat(mail.bounce()).isTrue();
        assertThat(mail.bouncedMessageId()).isEqualTo("ack-42@gateway.example");
    }

    @Test
    void treatsAReadReceiptAsAutomaticButNotAsABounce() {
        NormalisedMail mail = normalise("""
                From: Joe <joe@example.com>
                Content-Type: multipart/report; report-type=disposition-notification; boundary=b

                --b
                Content-Type: text/plain

                Your message was displayed.
                --b
                Content-Type: message/disposition-notification

                Disposition: manual-action/MDN-sent-manually; displayed
                --b--
                """);
        assertThat(mail.autoSubmitted()).isTrue();
        assertThat(mail.bounce()).isFalse();
    }

    @Test
    void detectsAMailerDaemonBounceWithoutAReportContainer() {
        NormalisedMail mail = normalise("From: MAILER-DAEMON@old.example\nSubject: failure notice\n\nSorry, I couldn't deliver.\nMessage-ID: <orig-7@gateway.example>\n");
        assertThat(mail.bounce()).isTrue();
        assertThat(mail.bouncedMessageId()).isEqualTo("orig-7@gateway.example");
    }
}
