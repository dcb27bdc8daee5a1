package io.intake.gateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The acknowledgement mails the gateway sent to the fault suite's mail senders, read back from the mail server: which
 * ticket number each sender was told, by the token in the acknowledged subject. Acknowledgements are sent at most once
 * and never retried, so some accepted mails get none (the gateway killed after the commit, the mail server down when it
 * answered); none may get two, and every number told must be the ticket the tracker holds.
 */
final class AckMails {

    private static final Pattern TOKEN = Pattern.compile("\\[([a-z-]+-mail-\\d+)\\]");
    /** Every acknowledgement's subject starts with the ticket it names: {@code [#1000042] original subject}. */
    private static final Pattern SUBJECT_NUMBER = Pattern.compile("^\\[#([A-Za-z0-9-]+)\\]");
    private static final Pattern NUMBER = Pattern.compile("opened as ticket #([A-Za-z0-9-]+)");

    private AckMails() {
    }

    /** Ticket numbers told per token ("[sigkill-mail-7]"), in the order the mails arrived (more than one is a defect). */
    static Map<String, List<String>> read(GreenMail server) {
        Map<String, List<String>> told = new HashMap<>();
        for (MimeMessage m : server.getReceivedMessagesForDomain("customers.test")) {
            // the subject carries both for every kind of acknowledgement; the body of a new ticket's is the fallback
            String subject = subject(m);
            Matcher token = TOKEN.matcher(subject);
            Matcher number = SUBJECT_NUMBER.matcher(subject);
            if (!token.find() || !number.find()) {
                String body = text(m);
                token = TOKEN.matcher(body);
                number = NUMBER.matcher(body);
                if (!token.find() || !number.find()) {
                    continue;
                }
            }
            // the token as the load wrote it into the subject, brackets included (what Acks holds)
            told.computeIfAbsent(token.group(), k -> new ArrayList<>()).add(number.group(1));
        }
        return told;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    /** The decoded text of a mail (its text parts, whatever their transfer encoding). */
    private static String text(jakarta.mail.Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            if (content instanceof jakarta.mail.Multipart mp) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < mp.getCount(); i++) {
                    sb.append(text(mp.getBodyPart(i))).append('\n');
                }
                return sb.toString();
            }
            return "";
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            return GreenMailUtil.getBody(part);
        }
    }
}
