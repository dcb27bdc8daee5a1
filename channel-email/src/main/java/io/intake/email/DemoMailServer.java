package io.intake.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import io.intake.email.internal.LowLatencyGreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * An embedded mail server for first runs and demos: GreenMail with SMTP and IMAP on 127.0.0.1 and one mailbox,
 * {@value #ADDRESS} (login {@value #ADDRESS}, password {@value #PASSWORD}). Mail sent to any other address is kept too,
 * in a mailbox created on the fly whose login and password are that address, so acknowledgements can be read back.
 * Not for production: everything lives in memory and is gone after {@link #stop()}.
 *
 * <pre>{@code
 * DemoMailServer demo = DemoMailServer.start(3025, 3143);   // 0 picks free ports
 * EmailConfig config = baseConfig.withDemoServer(demo);      // polls help@localhost, sends through the demo SMTP
 * ...
 * demo.stop();
 * }</pre>
 */
public final class DemoMailServer implements AutoCloseable {

    public static final String ADDRESS = "help@localhost";
    public static final String PASSWORD = "help";
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(DemoMailServer.class);

    private final LowLatencyGreenMail greenMail;

    private DemoMailServer(LowLatencyGreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts SMTP and IMAP on 127.0.0.1 at the given ports (0 picks a free port) and logs them. */
    public static DemoMailServer start(int smtpPort, int imapPort) {
        ServerSetup smtp = setup(smtpPort, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(imapPort, ServerSetup.PROTOCOL_IMAP);
        LowLatencyGreenMail greenMail = new LowLatencyGreenMail(new ServerSetup[] {smtp, imap});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser(ADDRESS, ADDRESS, PASSWORD));
        greenMail.start();
        DemoMailServer server = new DemoMailServer(greenMail);
        LOG.info("Demo mail server started: SMTP {}:{}, IMAP {}:{}; send mail to {} and it becomes a ticket",
                HOST, server.smtpPort(), HOST, server.imapPort(), ADDRESS);
        return server;
    }

    /** Starts with the ports of {@link EmailConfig#demoServer()}. */
    public static DemoMailServer start(EmailConfig.DemoServer config) {
        return start(config.smtpPort(), config.imapPort());
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, HOST, protocol);
        setup = port == 0 ? setup.dynamicPort() : setup;
        setup.setServerStartupTimeout(Duration.ofSeconds(10).toMillis());
        return setup;
    }

    public int smtpPort() {
        return greenMail.port(ServerSetup.PROTOCOL_SMTP);
    }

    public int imapPort() {
        return greenMail.port(ServerSetup.PROTOCOL_IMAP);
    }

    /** The help@localhost mailbox, polled every second. */
    public MailboxConfig mailbox() {
        return MailboxConfig.of("imap://" + HOST + ":" + imapPort(), ADDRESS, PASSWORD).withPollInterval(Duration.ofSeconds(1));
    }

    /** The demo SMTP server, without authentication. */
    public SmtpConfig smtp() {
        return new SmtpConfig("smtp://" + HOST + ":" + smtpPort(), null, null);
    }

    /** The underlying GreenMail, for tests that inspect what was delivered (use the port methods here, not getImap()). */
    public GreenMail greenMail() {
        return greenMail;
    }

    public boolean isRunning() {
        return greenMail.isRunning();
    }

    public void stop() {
        if (greenMail.isRunning()) {
            greenMail.stop();
            LOG.info("Demo mail server stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
