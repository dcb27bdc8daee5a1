package io.intake.email;

import io.intake.core.ticket.Attachment;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.TicketNumber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a {@link NormalisedMail} into the channel-neutral {@link IntakeRequest}: the Message-ID (or the content
 * hash) is the source reference, ticket numbers tagged {@code [#1234567]} in the subject and the In-Reply-To and
 * References ids are conversation keys, the new text is the body and quoted history is kept beside it. Attachment
 * bytes go to the {@link AttachmentStore}; parts dropped over a limit are described in the {@value #DROPPED} attribute.
 */
public final class EmailIntakeConverter {

    /** Attribute names this converter sets. */
    public static final String MESSAGE_ID = "email.message_id";
    public static final String AUTO_SUBMITTED = "email.auto_submitted";
    public static final String AUTO_REASONS = "email.auto_submitted.reasons";
    public static final String BOUNCE = "email.bounce";
    public static final String BOUNCED_MESSAGE_ID = "email.bounce.original_message_id";
    public static final String REPLY_TO = "email.reply_to";
    public static final String CONTENT_HASH = "email.content_hash";
    public static final String DROPPED = "email.dropped";
    public static final String NOTES = "email.notes";
    /** The pipeline's channel-neutral attribute: {@code bounce=true} records an update as {@code UpdateKind.BOUNCE}. */
    public static final String PIPELINE_BOUNCE = "bounce";

    private static final Pattern TICKET_TAG = Pattern.compile("\\[#(\\d{2,18})\\]");
    private static final int MAX_ATTRIBUTE = 4000;

    private final AttachmentStore store;

    public EmailIntakeConverter(AttachmentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The request's source reference: the Message-ID when it is usable, else the content hash. */
    public static String sourceRef(NormalisedMail mail) {
        return mail.messageId() != null && mail.messageId().length() <= IntakeRequest.MAX_SOURCE_REF
                && mail.messageId().chars().noneMatch(c -> c < 0x20 || c == 0x7f) ? mail.messageId() : mail.contentHash();
    }

    public IntakeRequest convert(NormalisedMail mail, Instant receivedAt) {
        String sourceRef = sourceRef(mail);
        List<Attachment> attachments = new ArrayList<>();
        for (MailAttachment attachment : mail.attachments()) {
            String ref = store.store(AttachmentContent.of(attachment));
            attachments.add(new Attachment(attachment.filename(), attachment.contentType(), attachment.size(), ref, null));
        }
        String subject = oneLine(mail.subject(), IntakeRequest.MAX_SUBJECT);
        String body = mail.newText();
        if (subject.isBlank() && body.isBlank() && attachments.isEmpty()) {
            body = mail.text().isBlank() ? "(empty message)" : mail.text();
        }
        return IntakeRequest.builder(Channel.EMAIL, sourceRef)
                .conversationKeys(conversationKeys(mail))
                .requester(requester(mail))
                .subject(subject)
                .body(body)
                .quotedHistory(mail.quotedHistory())
                .attachments(attachments)
                .receivedAt(receivedAt)
                .attributes(attributes(mail))
                .build();
    }

    /**
     * For a bounce, first the Message-ID of the mail it reports on (our acknowledgement, or the customer's mail); then
     * ticket numbers tagged in the subject (valid check digit only), then In-Reply-To and References ids.
     */
    public static List<String> conversationKeys(NormalisedMail mail) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        if (mail.bounce() && mail.bouncedMessageId() != null) {
            keys.add(mail.bouncedMessageId());
        }
        Matcher m = TICKET_TAG.matcher(mail.subject());
        while (m.find()) {
            TicketNumber number = TicketNumber.tryParse(m.group(1));
            if (number != null) {
                keys.add(String.valueOf(number.value()));
            }
        }
        keys.addAll(mail.inReplyTo());
        keys.addAll(mail.references());
        return List.copyOf(keys);
    }

    private static Requester requester(NormalisedMail mail) {
        List<MailAddress> candidates = new ArrayList<>();
        if (mail.from() != null) {
            candidates.add(mail.from());
        }
        candidates.addAll(mail.replyTo());
        for (MailAddress address : candidates) {
            String email = address.address().strip();
            if (email.length() <= Requester.MAX_EMAIL && email.matches("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+")) {
                String name = address.name() != null ? address.name() : mail.from() != null ? mail.from().name() : null;
                return Requester.ofEmail(oneLine(name, Requester.MAX_NAME), email);
            }
        }
        if (mail.from() != null) {
            String label = mail.from().name() != null ? mail.from().name() : mail.from().address();
            return new Requester(oneLine(label, Requester.MAX_NAME), null, null, null);
        }
        return Requester.UNKNOWN;
    }

    private static Map<String, String> attributes(NormalisedMail mail) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (mail.messageId() != null) {
            attributes.put(MESSAGE_ID, mail.messageId());
        }
        attributes.put(CONTENT_HASH, mail.contentHash());
        attributes.put(AUTO_SUBMITTED, String.valueOf(mail.autoSubmitted()));
        if (mail.autoSubmitted()) {
            attributes.put(AUTO_REASONS, cut(String.join("; ", mail.autoReasons())));
        }
        attributes.put(BOUNCE, String.valueOf(mail.bounce()));
        if (mail.bounce()) {
            attributes.put(PIPELINE_BOUNCE, "true");
        }
        if (mail.bouncedMessageId() != null) {
            attributes.put(BOUNCED_MESSAGE_ID, mail.bouncedMessageId());
        }
        if (!mail.replyTo().isEmpty()) {
            attributes.put(REPLY_TO, cut(mail.replyTo().get(0).address()));
        }
        if (!mail.dropped().isEmpty()) {
            attributes.put(DROPPED, cut(String.join("\n", mail.dropped().stream().map(DroppedPart::describe).toList())));
        }
        if (!mail.notes().isEmpty()) {
            attributes.put(NOTES, cut(String.join("\n", mail.notes())));
        }
        return attributes;
    }

    private static String cut(String value) {
        return value.length() <= MAX_ATTRIBUTE ? value : value.substring(0, MAX_ATTRIBUTE);
    }

    /** Control characters become spaces (no header injection), runs collapse, and the result fits {@code max}. */
    static String oneLine(String value, int max) {
        if (value == null) {
            return null;
        }
        String line = value.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max).strip();
    }
}
