package io.intake.email.internal;

import io.intake.email.SmtpConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * Sends over one kept-open SMTP connection with Angus Mail's {@link Transport}, reconnecting once when the server
 * dropped it. The envelope recipient is given explicitly (never taken from headers) and the envelope sender is our
 * From address, so bounces of acknowledgements come back to the mailbox and attach to their ticket. Thread-safe
 * (one send at a time).
 */
public final class SmtpSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);
    private static final String TIMEOUT_MS = "15000";

    private final SmtpConfig config;
    private final Session session;
    private Transport transport;

    public SmtpSender(SmtpConfig config, String envelopeFrom) {
        this.config = config;
        String p = config.protocol();
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", p);
        props.setProperty("mail." + p + ".host", config.host());
        if (config.port() > 0) {
            props.setProperty("mail." + p + ".port", String.valueOf(config.port()));
        }
        props.setProperty("mail." + p + ".auth", String.valueOf(config.authenticates()));
        props.setProperty("mail." + p + ".from", envelopeFrom);
        props.setProperty("mail." + p + ".connectiontimeout", TIMEOUT_MS);
        props.setProperty("mail." + p + ".timeout", TIMEOUT_MS);
        props.setProperty("mail." + p + ".writetimeout", TIMEOUT_MS);
        if (p.equals("smtp")) {
            props.setProperty("mail.smtp.starttls.enable", "true");
        } else {
            props.setProperty("mail.smtps.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(props);
    }

    public Session session() {
        return session;
    }

    /** Sends the message to exactly {@code recipient}. */
    public synchronized void send(MimeMessage message, Address recipient) throws MessagingException {
        Address[] to = {recipient};
        try {
            connected().sendMessage(message, to);
        } catch (SendFailedException e) {
            throw e;
        } catch (MessagingException e) {
            LOG.debug("SMTP send failed ({}); reconnecting once", e.getMessage());
            closeQuietly();
            connected().sendMessage(message, to);
        }
    }

    private Transport connected() throws MessagingException {
        if (transport == null) { // isConnected() would cost a NOOP per mail; a dropped connection fails the send and is retried
            closeQuietly();
            Transport t = session.getTransport(config.protocol());
            if (config.authenticates()) {
                t.connect(config.host(), config.port(), config.username(), config.password());
            } else {
                t.connect();
            }
            transport = t;
        }
        return transport;
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the SMTP connection failed: {}", e.getMessage());
            }
            transport = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
