package io.intake.gateway;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The help@ mailbox: GreenMail with SMTP and IMAP on fixed loopback ports. {@link #restart()} stops both servers (open
 * connections break, new ones are refused) and starts them again on the same ports with the same mail, as a real mail
 * server restarting on its own disk would; plain {@code GreenMail.stop()} would also throw the mail away.
 */
final class FaultMailServer implements AutoCloseable {

    static final String HELP = "help@intake.test";
    static final String HELP_LOGIN = "help";
    static final String HELP_PASSWORD = "help-pass";

    private final Server server;
    final int smtpPort;
    final int imapPort;

    FaultMailServer(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        server = new Server(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        server.setUser(HELP, HELP_LOGIN, HELP_PASSWORD);
    }

    /** Stops both servers, keeping the mail. */
    void stop() {
        server.stopKeepingMail();
    }

    void start() {
        server.start();
    }

    GreenMail greenMail() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class Server extends GreenMail {
        Server(ServerSetup[] setups) {
            super(setups);
        }

        synchronized void stopKeepingMail() {
            Managers kept = managers;
            stop();
            managers = kept;
        }
    }
}
