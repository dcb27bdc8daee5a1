package io.intake.gateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault suite's reading of acknowledgement mails: the ticket number each sender was told, by token. */
class AckMailsTest {

    @Test
    void readsTheTicketNumberOfEachAcknowledgementAndKeepsASecondOne() throws Exception {
        GreenMail server = new GreenMail(new ServerSetup(GatewayJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            send(server, "mail-sigkill-7@customers.test", "[#1000042] Voicemail greeting question [sigkill-mail-7]");
            send(server, "mail-mail-restart-3@customers.test", "[#1000043] Voicemail greeting question [mail-restart-mail-3]");
            send(server, "mail-mail-restart-3@customers.test", "[#1000044] Voicemail greeting question [mail-restart-mail-3]");
            send(server, "someone@elsewhere.test", "[#1000045] Voicemail greeting question [sigkill-mail-8]");
            sendUpdate(server, "mail-sigkill-9@customers.test", "[#1000046] Re: Voicemail greeting question [sigkill-mail-9]");

            Map<String, List<String>> told = AckMails.read(server);

            assertThat(told).containsOnlyKeys("[sigkill-mail-7]", "[mail-restart-mail-3]", "[sigkill-mail-9]");
            assertThat(told.get("[sigkill-mail-9]")).containsExactly("1000046");
            assertThat(told.get("[sigkill-mail-7]")).containsExactly("1000042");
            assertThat(told.get("[mail-restart-mail-3]")).containsExactlyInAnyOrder("1000043", "1000044");
        } finally {
            server.stop();
        }
    }

    @Test
    void keepsWhatArrivedBeforeTheMailServerRestarted() throws Exception {
        int smtp = GatewayJar.freePort();
        try (FaultMailServer server = new FaultMailServer(smtp, GatewayJar.freePort())) {
            send(server.greenMail(), "mail-sigkill-7@customers.test", "[#1000042] Voicemail greeting question [sigkill-mail-7]");
            server.stop();
            server.start();
            send(server.greenMail(), "mail-mail-restart-3@customers.test", "[#1000043] Voicemail greeting question [mail-restart-mail-3]");

            assertThat(AckMails.read(server.greenMail())).containsOnlyKeys("[sigkill-mail-7]", "[mail-restart-mail-3]");
        }
    }

    /** An acknowledgement of an update: its body names the ticket but not the original subject. */
    private static void sendUpdate(GreenMail server, String to, String subject) throws Exception {
        send(server, to, subject, "Hello,\n\nYour message was added to ticket #" + subject.substring(2, 9) + ".\n");
    }

    /** An acknowledgement of a new ticket, as the ack template writes it. */
    private static void send(GreenMail server, String to, String subject) throws Exception {
        send(server, to, subject, "Hello,\n\nThank you for contacting support. Your request has been received and\nopened as ticket #"
                + subject.substring(2, 9) + ".\n\nSubject:  " + subject.substring(11) + "\n");
    }

    private static void send(GreenMail server, String to, String subject, String body) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.getSmtp().getPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom("help@intake.test");
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        Transport.send(m);
    }
}
