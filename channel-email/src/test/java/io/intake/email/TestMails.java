package io.intake.email;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Raw test mails, delivered straight into a GreenMail mailbox or sent over SMTP, and IMAP look-ups. */
final class TestMails {

    static final Session SESSION = Session.getInstance(new Properties());

    private TestMails() {
    }

    /** Header lines and body joined with CRLF. */
    static byte[] raw(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String mail(String messageId, String from, String subject, String body, String... extraHeaders) {
        StringBuilder b = new StringBuilder();
        b.append("From: ").append(from).append('\n');
        b.append("To: help@localhost\n");
        b.append("Subject: ").append(subject).append('\n');
        if (messageId != null) {
            b.append("Message-ID: <").append(messageId).append(">\n");
        }
        b.append("Date: Wed, 10 Jun 2026 14:15:00 -0400\n");
        for (String h : extraHeaders) {
            b.append(h).append('\n');
        }
        b.append("Content-Type: text/plain; charset=UTF-8\n\n").append(body).append('\n');
        return b.toString();
    }

    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the mail into the user's INBOX as the MTA would, without SMTP. */
    static void deliver(GreenMailOperations greenMail, String user, String text) {
        GreenMailUser u = greenMail.getUserManager().getUserByEmail(user);
        u.deliver(parse(raw(text)));
    }

    /** How many messages the user's INBOX holds, asked of GreenMail directly (no IMAP round trip). */
    static int inboxSize(GreenMailOperations greenMail, String user) {
        return folderSize(greenMail, user, "INBOX");
    }

    /** How many unseen messages the user's INBOX holds, asked of GreenMail directly. */
    static int unseenInInbox(GreenMailOperations greenMail, String user) {
        GreenMailUser u = greenMail.getUserManager().getUserByEmail(user);
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(u).getUnseenCount();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages a folder of the user holds (-1 when it does not exist), asked of GreenMail directly. */
    static int folderSize(GreenMailOperations greenMail, String user, String folder) {
        try {
            GreenMailUser u = greenMail.getUserManager().getUserByEmail(user);
            var manager = greenMail.getManagers().getImapHostManager();
            var f = folder.equals("INBOX") ? manager.getInbox(u) : manager.getFolder(u, folder);
            return f == null ? -1 : f.getMessageCount();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the raw mail over SMTP with the given envelope sender ("" for a null sender, as bounces use). */
    static void send(int smtpPort, String envelopeFrom, String to, String text) throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(smtpPort));
        p.setProperty("mail.smtp.from", envelopeFrom.isEmpty() ? "<>" : envelopeFrom);
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw(text)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, InternetAddress.parse(to)); // as is: Transport.send would renew the Message-ID
        }
    }

    /** Mail received for an address (acknowledgements to customers). */
    static List<MimeMessage> receivedBy(GreenMailOperations greenMail, String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                if (m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
                    out.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** What an IMAP client sees in a folder: count and \Seen count ({-1,-1} when the folder does not exist). */
    static int[] folderState(int imapPort, String user, String password, String folderName) throws MessagingException {
        Store store = SESSION.getStore("imap");
        store.connect("127.0.0.1", imapPort, user, password);
        try {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return new int[] {-1, -1};
            }
            folder.open(Folder.READ_ONLY);
            try {
                int seen = 0;
                Message[] messages = folder.getMessages();
                for (Message m : messages) {
                    if (m.isSet(Flags.Flag.SEEN) && !m.isSet(Flags.Flag.DELETED)) {
                        seen++;
                    }
                }
                return new int[] {messages.length, seen};
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
