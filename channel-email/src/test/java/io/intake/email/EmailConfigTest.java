package io.intake.email;

import io.intake.core.ticket.TicketNumber;
import io.intake.email.internal.AckMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailConfigTest {

    @Test
    void reportsEveryProblemAtOnceNamingTheProperty() {
        assertThatThrownBy(() -> EmailConfig.of(List.of(
                        new MailboxConfig("http://mail.example.com", "", null, "INBOX", Duration.ZERO, "INBOX", -1, null)),
                new SmtpConfig("ftp://x", "u", null), "not an address"))
                .isInstanceOfSatisfying(EmailConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "intake.email.mailboxes[0].url: 'http://mail.example.com' must start with imap://, imaps://, pop3:// or pop3s://",
                        "intake.email.mailboxes[0].username: is required",
                        "intake.email.mailboxes[0].password: is required (may be empty)",
                        "intake.email.mailboxes[0].poll-interval: PT0S is too short; at least 10 ms",
                        "intake.email.mailboxes[0].max-attempts: must be at least 1 (was -1)",
                        "intake.email.mailboxes[0].quarantine-folder: must differ from folder 'INBOX'",
                        "intake.email.smtp.url: 'ftp://x' must start with smtp:// or smtps://",
                        "intake.email.smtp.password: is required when username is set",
                        "intake.email.from: 'not an address' is not a plain email address (like help@example.com)"));
    }

    @Test
    void appliesDefaultsAndNeverPrintsPasswords() {
        EmailConfig config = EmailConfig.of(List.of(MailboxConfig.of("imaps://mail.example.com", "help@example.com", "s3cret!")),
                new SmtpConfig("smtp://mail.example.com:587", "help@example.com", "t0psecret"), "help@example.com");
        MailboxConfig box = config.mailboxes().get(0);
        assertThat(box.folder()).isEqualTo("INBOX");
        assertThat(box.quarantineFolder()).isEqualTo("Quarantine");
        assertThat(box.maxAttempts()).isEqualTo(5);
        assertThat(box.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.ackLimit()).isEqualTo(5);
        assertThat(config.demoServerEnabled()).isFalse();
        assertThat(config.toString()).doesNotContain("s3cret!", "t0psecret").contains("password=***");
        assertThat(box.label()).isEqualTo("imaps://h***@mail.example.com/INBOX");
    }

    @Test
    void theDemoServerIsOnByDefaultOnlyWithoutMailboxes() {
        assertThat(EmailConfig.of(List.of(), null, "help@localhost").demoServerEnabled()).isTrue();
    }

    @Test
    void rejectsTheSameMailboxTwice() {
        MailboxConfig box = MailboxConfig.of("imap://mail.example.com", "help", "pw");
        assertThatThrownBy(() -> EmailConfig.of(List.of(box, box), null, "help@example.com"))
                .hasMessageContaining("intake.email.mailboxes[1]: is the same mailbox and folder as mailboxes[0]");
    }

    @Test
    void tagsTheSubjectOnceAndFlattensLineBreaks() {
        TicketNumber n = TicketNumber.ofSerial(100);
        assertThat(AckMessages.subject("Phones down", n)).isEqualTo("[#" + n + "] Phones down");
        assertThat(AckMessages.subject("Re: [#" + n + "] Phones down", n)).isEqualTo("Re: [#" + n + "] Phones down");
        assertThat(AckMessages.subject("a\r\nBcc: x@y.z", n)).isEqualTo("[#" + n + "] a Bcc: x@y.z");
        assertThat(AckMessages.subject("", n)).isEqualTo("[#" + n + "] Your support request");
    }
}
