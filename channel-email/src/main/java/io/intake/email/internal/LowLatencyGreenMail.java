package io.intake.email.internal;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail whose SMTP and IMAP servers set TCP_NODELAY on client sockets. GreenMail writes a response in several
 * small writes; with Nagle's algorithm on, each command then waits for the client's delayed ACK (about 40 ms on
 * Linux), which makes a mailbox of a thousand messages take minutes to read. Use {@link #port} instead of
 * {@code getImap()}/{@code getSmtp()} (the IMAP server here is not GreenMail's final {@code ImapServer}).
 */
public final class LowLatencyGreenMail extends GreenMail {

    public LowLatencyGreenMail(ServerSetup[] setups) {
        super(setups);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>(super.createServices(setups, managers));
        for (ServerSetup setup : setups) {
            if (ServerSetup.PROTOCOL_IMAP.equals(setup.getProtocol())) {
                services.put(setup.getProtocol(), new Imap(setup, managers));
            } else if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                services.put(setup.getProtocol(), new Smtp(setup, managers));
            }
        }
        return services;
    }

    /** The bound port of the server for {@code protocol} ({@code smtp}, {@code imap}). */
    public int port(String protocol) {
        AbstractServer server = services.get(protocol);
        if (server == null) {
            throw new IllegalStateException("no " + protocol + " server is configured");
        }
        return server.getPort();
    }

    private static void noDelay(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            // keep the slower socket
        }
    }

    private static final class Imap extends AbstractServer {
        Imap(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            noDelay(socket);
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
        }
    }

    private static final class Smtp extends SmtpServer {
        Smtp(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            noDelay(socket);
            return super.createProtocolHandler(socket);
        }
    }
}
