package io.intake.email.internal;

import io.intake.core.ticket.TicketNumber;
import io.intake.email.MailAddress;
import io.intake.email.NormalisedMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the mails the channel sends, header by header through jakarta.mail: the subject tagged with the ticket
 * number, In-Reply-To and References naming the customer's mail, a fresh Message-ID in our own domain, and the
 * RFC 3834 {@code Auto-Submitted: auto-replied} plus {@code X-Auto-Response-Suppress: All} markers. Nothing a sender
 * wrote becomes a header line: names and subjects are reduced to one line before jakarta.mail encodes them, and
 * message ids are copied only when they are plain {@code id@domain} tokens.
 */
public final class AckMessages {

    public static final String AUTO_SUBMITTED = "auto-replied";
    private static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x7e&&[^<>()\\\\,;:\"\\[\\]]]{1,250}");
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_REFERENCES = 10;

    private final InternetAddress from;
    private final String messageIdDomain;
    private final SecureRandom random = new SecureRandom();

    public AckMessages(String fromAddress, String fromName, String messageIdDomain) {
        try {
            this.from = new InternetAddress(fromAddress, oneLine(fromName, 100), "UTF-8");
            this.from.validate();
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new IllegalArgumentException("intake.email.from: cannot be used as a From address: " + e.getMessage(), e);
        }
        this.messageIdDomain = messageIdDomain;
    }

    /** A fresh Message-ID (without angle brackets) in our own domain, naming the ticket for people reading logs. */
    public String newMessageId(TicketNumber number) {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "ack." + (number == null ? "0" : number.toString()) + "." + HexFormat.of().formatHex(bytes) + "@" + messageIdDomain;
    }

    /**
     * The answer to {@code original}.
     *
     * @param number the ticket, or null for a rejection (then the subject is not tagged)
     */
    public MimeMessage build(Session session, MailAddress to, NormalisedMail original, TicketNumber number, String body,
                             String messageId, Instant now) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(from);
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(to.address().strip(), oneLine(to.name(), 100), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
        recipient.validate();
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(subject(original.subject(), number), "UTF-8");
        message.setSentDate(Date.from(now));
        String inReplyTo = plainId(original.messageId());
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            List<String> refs = new ArrayList<>();
            for (String ref : original.references()) {
                String id = plainId(ref);
                if (id != null && !id.equals(inReplyTo)) {
                    refs.add("<" + id + ">");
                }
            }
            List<String> kept = new ArrayList<>(refs.subList(Math.max(0, refs.size() - MAX_REFERENCES + 1), refs.size()));
            kept.add("<" + inReplyTo + ">");
            message.setHeader("References", String.join(" ", kept));
        }
        message.setHeader("Auto-Submitted", AUTO_SUBMITTED);
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setText(body, "UTF-8");
        message.saveChanges();
        return message;
    }

    /** {@code [#number] subject}, not tagged twice; control characters and line breaks become spaces. */
    public static String subject(String original, TicketNumber number) {
        String clean = oneLine(original, MAX_SUBJECT);
        if (clean == null || clean.isEmpty()) {
            clean = number == null ? "Your message" : "Your support request";
        }
        if (number == null) {
            return "Not accepted: " + clean;
        }
        String tag = "[#" + number + "]";
        return clean.contains(tag) ? clean : tag + " " + clean;
    }

    /** One line: every control character (CR, LF, NUL...) and run of white space becomes one space. */
    public static String oneLine(String value, int max) {
        if (value == null) {
            return null;
        }
        String line = value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max).strip();
    }

    private static String plainId(String id) {
        return id != null && MESSAGE_ID.matcher(id).matches() && id.indexOf('@') > 0 ? id : null;
    }

    /** A MimeMessage that keeps the Message-ID we chose (and linked to the ticket) instead of generating one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
        }
    }
}
