package io.intake.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo path a new user takes: mail to help@localhost on the embedded server becomes a ticket and is answered. */
class DemoMailServerTest {

    @TempDir
    Path dataDir;

    @Test
    void mailSentToTheDemoServerBecomesATicketAndIsAcknowledged() throws Exception {
        try (DemoMailServer demo = DemoMailServer.start(0, 0)) {
            EmailConfig config = EmailConfig.of(List.of(), null, DemoMailServer.ADDRESS);
            assertThat(config.demoServerEnabled()).isTrue();
            try (TestGateway gw = TestGateway.start(dataDir, config.withDemoServer(demo), new MemoryAttachmentStore())) {
                TestMails.send(demo.smtpPort(), "you@example.com", DemoMailServer.ADDRESS,
                        TestMails.mail("demo-1@example.com", "You <you@example.com>", "Hello", "Is this thing on?"));

                await().atMost(Duration.ofSeconds(20)).until(() -> gw.tickets().size() == 1
                        && TestMails.receivedBy(demo.greenMail(), "you@example.com").size() == 1);
            }
            assertThat(demo.isRunning()).isTrue();
        }
    }
}
