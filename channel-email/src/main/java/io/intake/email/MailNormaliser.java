package io.intake.email;

import io.intake.email.internal.ContentHash;
import io.intake.email.internal.HeaderBlockRepair;
import io.intake.email.internal.HeaderFields;
import io.intake.email.internal.LoopSignals;
import io.intake.email.internal.MailContent;
import io.intake.email.internal.PartWalker;
import io.intake.email.internal.QuoteSeparation;
import io.intake.email.internal.ServiceLookupCache;
import io.intake.email.internal.TextDecoding;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw RFC 5322 bytes into a {@link NormalisedMail}: decoded sender and subject, the new text separated from
 * quoted history and signature, attachments and inline images, forwarded messages, threading ids and loop/bounce
 * flags. It never throws on bad input: what cannot be read is degraded and described in
 * {@link NormalisedMail#notes()}, and what is over a {@link MailLimits limit} is dropped and described in
 * {@link NormalisedMail#dropped()}. Thread-safe.
 * <p>
 * Parsing is Angus Mail's {@link MimeMessage} over a shared byte stream (no part content is copied until it is
 * decoded); transfer decoding, charsets, RFC 2047 words and HTML are handled here, leniently.
 */
public final class MailNormaliser {

    private static final Logger LOG = LoggerFactory.getLogger(MailNormaliser.class);
    private static final Pattern MESSAGE_ID_LINE = Pattern.compile("(?im)^\\s*(?:original-)?message-id:\\s*(<[^>\\s]+>)");

    private final MailLimits limits;
    private final Session session;

    public MailNormaliser(MailLimits limits) {
        if (limits == null) {
            throw new io.intake.core.InvalidFieldException("limits", "is required");
        }
        this.limits = limits;
        this.session = Session.getInstance(sessionProperties());
    }

    public MailNormaliser() {
        this(MailLimits.DEFAULTS);
    }

    /**
     * The session properties used for parsing. Angus reads {@code mail.mime.address.strict} and
     * {@code mail.mime.allowutf8} from the session; the other switches listed here it reads from system properties,
     * which a library must not change, and their defaults are already the values given (they are listed to make the
     * intent explicit). Everything else this class needs (RFC 2047 words, RFC 2231 fallbacks, charsets, transfer
     * encodings, raw 8-bit headers, Windows paths in file names) it decodes itself, so it does not depend on how the
     * JVM is configured.
     */
    static Properties sessionProperties() {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.allowutf8", "false"); // raw 8-bit headers arrive byte-per-char and are recovered here
        props.setProperty("mail.mime.decodeparameters", "true");
        props.setProperty("mail.mime.decodeparameters.strict", "false");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        return props;
    }

    public MailLimits limits() {
        return limits;
    }

    /** Reads the stream fully (up to the message limit plus one byte) and normalises it. */
    public NormalisedMail normalise(InputStream in) throws IOException {
        return normalise(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxMessageBytes() + 1)));
    }

    /** Normalises one raw mail. Never throws for any content of {@code raw}. */
    public NormalisedMail normalise(byte[] raw) {
        return ServiceLookupCache.around(() -> normaliseBytes(raw));
    }

    private NormalisedMail normaliseBytes(byte[] raw) {
        byte[] bytes = raw == null ? new byte[0] : raw;
        String hash = ContentHash.of(bytes);
        MailContent content = new MailContent();
        try {
            NormalisedMail mail = read(bytes, hash, content);
            LOG.debug("Normalised mail {} ({} bytes, {} attachments, {} dropped, {} notes)", mail.messageId(),
                    bytes.length, mail.attachments().size(), mail.dropped().size(), mail.notes().size());
            return mail;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("Mail {} could not be normalised; keeping it as raw text", hash, e);
            content.note("the message could not be parsed (" + e.getClass().getSimpleName() + "); its raw text was kept");
            String text = cap(TextDecoding.decode(bytes, null, null), content, "raw message text");
            return new NormalisedMail(null, List.of(), "", text, text, "", List.of(), content.dropped(), content.notes(),
                    null, List.of(), List.of(), false, List.of(), false, null, hash, bytes.length);
        }
    }

    private NormalisedMail read(byte[] raw, String hash, MailContent content) {
        byte[] input = raw;
        if (raw.length > limits.maxMessageBytes()) {
            input = java.util.Arrays.copyOf(raw, (int) limits.maxMessageBytes());
            content.dropAllAttachments();
            content.drop(new DroppedPart("the attachments of an oversized message (only its first "
                    + limits.maxMessageBytes() + " bytes were read)", raw.length, limits.maxMessageBytes(), "max_message_bytes"));
        }
        byte[] repaired = HeaderBlockRepair.repair(input, content::note);
        MimeMessage message;
        try {
            message = new MimeMessage(session, new SharedByteArrayInputStream(repaired));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
        List<MailAddress> fromList = HeaderFields.addresses(message, "From");
        MailAddress from = fromList.isEmpty() ? null : fromList.get(0);
        String subject = HeaderFields.text(message, "Subject");
        List<String> messageIds = HeaderFields.messageIds(message, "Message-ID");
        String messageId = messageIds.isEmpty() ? null : messageIds.get(0);

        new PartWalker(session, limits, content).walkMessage(message);

        List<String> ownText = new ArrayList<>();
        for (String part : content.textParts()) {
            if (!part.isBlank()) {
                ownText.add(part.strip());
            }
        }
        String primary = String.join("\n\n", ownText);
        QuoteSeparation.Split split = QuoteSeparation.split(primary);
        String forwarded = String.join("\n\n", content.forwarded());
        String text = join(primary, forwarded);
        String history = join(split.history(), forwarded);

        LoopSignals.Verdict verdict = LoopSignals.judge(message, from, subject, content);
        String bouncedId = content.bouncedMessageId();
        if (verdict.bounce() && bouncedId == null) {
            bouncedId = firstOtherMessageId(text, messageId);
        }
        return new NormalisedMail(from, HeaderFields.addresses(message, "Reply-To"), subject,
                cap(text, content, "body text"), cap(split.newText(), null, null), cap(history, null, null),
                content.attachments(), content.dropped(), content.notes(), messageId,
                HeaderFields.messageIds(message, "In-Reply-To"), HeaderFields.messageIds(message, "References"),
                verdict.autoSubmitted(), verdict.autoReasons(), verdict.bounce(), bouncedId, hash, raw.length);
    }

    private String cap(String text, MailContent content, String what) {
        if (text.length() <= limits.maxBodyChars()) {
            return text;
        }
        if (content != null) {
            content.drop(new DroppedPart(what + " past " + limits.maxBodyChars() + " characters", text.length(),
                    limits.maxBodyChars(), "max_body_chars"));
        }
        return text.substring(0, limits.maxBodyChars());
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n\n" + b;
    }

    private static String firstOtherMessageId(String text, String own) {
        Matcher m = MESSAGE_ID_LINE.matcher(text);
        while (m.find()) {
            String id = m.group(1).substring(1, m.group(1).length() - 1);
            if (!id.equals(own)) {
                return id;
            }
        }
        return null;
    }
}
