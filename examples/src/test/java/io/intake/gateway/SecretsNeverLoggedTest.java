package io.intake.gateway;

import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Threat: secrets in logs. The gateway starts with a password on every connection it has (mailbox, SMTP, AMI, webhook
 * secret, a staff password hash), and every one of those connections fails, so each is logged about; the log holds
 * none of the secrets.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"intake.data-dir=target/secrets-test-data/${random.uuid}", "intake.escalation.uri=",
                "intake.telephony.agi.port=0",
                "intake.telephony.ami.host=127.0.0.1", "intake.telephony.ami.port=1",
                "intake.telephony.ami.username=intake", "intake.telephony.ami.password=" + SecretsNeverLoggedTest.AMI,
                "intake.email.mailboxes[0].url=imap://127.0.0.1:1/INBOX", "intake.email.mailboxes[0].username=help",
                "intake.email.mailboxes[0].password=" + SecretsNeverLoggedTest.MAILBOX,
                "intake.email.mailboxes[0].poll-interval=1s",
                "intake.email.smtp.url=smtp://127.0.0.1:1", "intake.email.smtp.username=help",
                "intake.email.smtp.password=" + SecretsNeverLoggedTest.SMTP,
                "intake.tracker.type=webhook", "intake.tracker.webhook.url=http://127.0.0.1:1/hook",
                "intake.tracker.webhook.secret=" + SecretsNeverLoggedTest.WEBHOOK,
                "intake.delivery.initial-backoff=100ms", "intake.delivery.max-backoff=200ms",
                "intake.web.staff[0].username=ops", "intake.web.staff[0].password-hash=" + SecretsNeverLoggedTest.STAFF_HASH,
                "logging.level.io.intake=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedTest {

    static final String AMI = "Ami-S3cret-4713";
    static final String MAILBOX = "Mailbox-S3cret-4711";
    static final String SMTP = "Smtp-S3cret-4712";
    static final String WEBHOOK = "Webhook-S3cret-4714";
    static final String STAFF_HASH = "$2a$10$7w3hHrtbo1N43HFNlZfJcOayLGJwgb6m99Ttps2L1tpNXFmKsKHRO";

    @Autowired
    IntakeGateway gateway;

    @Test
    void noPasswordOrSecretAppearsInTheLogWhileEveryConnectionFails(CapturedOutput output) {
        IntakeResult result = gateway.submit(IntakeRequest.builder(Channel.WEB, "secrets-test-" + java.util.UUID.randomUUID())
                .requester(Requester.ofEmail("Pat", "pat@example.com")).subject("Voicemail").body("Voicemail is broken")
                .receivedAt(Instant.now()).build());
        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output.getAll())
                .as("each failing connection was logged about")
                .contains("Delivery of ticket")              // the webhook
                .contains("AMI 127.0.0.1:1 not available")   // the manager connection
                .contains("Polling mailbox imap://"));         // the mailbox (SMTP is only used for acknowledgements)
        for (String secret : List.of(AMI, MAILBOX, SMTP, WEBHOOK, STAFF_HASH)) {
            assertThat(output.getAll()).as("the log must not hold " + secret).doesNotContain(secret);
        }
    }
}
