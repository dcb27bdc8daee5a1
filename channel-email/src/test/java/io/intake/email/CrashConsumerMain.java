package io.intake.email;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The consuming side of {@link CrashRecoveryTest}, run in a child JVM so the test can kill it with SIGKILL: the real
 * core on an H2 file under {@code args[0]} and the email channel polling {@code imap://127.0.0.1:args[1]}. Runs until
 * killed.
 */
public final class CrashConsumerMain {

    private CrashConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int imapPort = Integer.parseInt(args[1]);
        TestGateway.start(dataDir, config(imapPort), new MemoryAttachmentStore());
        System.out.println("consumer started");
        new CountDownLatch(1).await();
    }

    static EmailConfig config(int imapPort) {
        MailboxConfig box = MailboxConfig.of("imap://127.0.0.1:" + imapPort, "help@localhost", "help")
                .withPollInterval(Duration.ofMillis(100));
        return EmailConfig.of(List.of(box), null, "help@localhost");
    }
}
