package io.intake.email.internal;

import io.intake.email.DroppedPart;
import io.intake.email.MailAddress;
import io.intake.email.MailAttachment;
import io.intake.email.MailLimits;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks a MIME tree and decides, for every leaf, whether it is body text or an attachment (the rules of RFC 8621
 * section 4.1.4, which the peers follow): multipart/alternative contributes the text of its best alternative
 * (text/plain before HTML) and the attachments of all; multipart/related contributes its first part as body and the
 * rest as inline attachments; in other multiparts, text/plain and text/html without a file name or "attachment"
 * disposition are body text and everything else is an attachment. Enclosed messages (message/rfc822) are kept whole
 * as an attachment and their text is added as forwarded content. Nothing here throws on bad input.
 */
public final class PartWalker {

    private final Session session;
    private final MailLimits limits;
    private final MailContent out;
    /**
     * The most parts read from one message: a mail of thousands of tiny parts (a "wide" bomb) costs far more to walk
     * than its size suggests, and no real mail has this many. The rest are dropped with one note.
     */
    static final int MAX_PARTS = 1_000;

    private int partCounter;

    public PartWalker(Session session, MailLimits limits, MailContent out) {
        this.session = session;
        this.limits = limits;
        this.out = out;
    }

    /** Walks a whole message. */
    public void walkMessage(MimeMessage message) {
        PartFacts facts = PartFacts.of(message, false);
        if (facts.type().equals("multipart/report")) {
            String reportType = facts.param("report-type");
            out.reportType = reportType == null ? "" : reportType.strip().toLowerCase(Locale.ROOT);
        }
        walk(message, facts, "mixed", 0, 0, out.textParts, true);
    }

    private void walk(MimePart part, PartFacts facts, String parentSubtype, int index, int depth, List<String> text,
                      boolean collectAttachments) {
        partCounter++;
        if (depth > limits.maxNestingDepth()) {
            out.drop(new DroppedPart("a part nested too deep (" + facts.type() + ")", depth, limits.maxNestingDepth(), "max_nesting_depth"));
            return;
        }
        if (facts.isMultipart()) {
            walkMultipart(part, facts, depth, text, collectAttachments);
        } else if (facts.isEnclosedMessage()) {
            enclosedMessage(part, facts, depth, collectAttachments);
        } else if (facts.isText() && !facts.attachment() && facts.filename() == null
                && (!parentSubtype.equals("related") || index == 0)) {
            textLeaf(part, facts, text, collectAttachments);
        } else {
            if (facts.type().equals("message/delivery-status")) {
                out.deliveryStatus = true;
            }
            if (facts.type().equals("text/rfc822-headers") && out.bouncedMessageId == null) {
                bouncedIdFromHeaders(part, facts);
            }
            if (collectAttachments) {
                attachmentLeaf(part, facts, parentSubtype.equals("related") || facts.inline());
            }
        }
    }

    private void walkMultipart(MimePart part, PartFacts facts, int depth, List<String> text, boolean collectAttachments) {
        String subtype = facts.type().substring("multipart/".length());
        MimeMultipart multipart = multipart(part, facts);
        int count = count(multipart);
        if (count <= 0) {
            out.note("a " + facts.type() + " part had no readable parts; its content was read as plain text");
            PartFacts asText = new PartFacts("text/plain", facts.charset(), facts.contentType(), false, false, null, null, facts.encoding());
            textLeaf(part, asText, text, collectAttachments);
            return;
        }
        if (subtype.equals("alternative")) {
            alternatives(multipart, count, depth, text, collectAttachments);
            return;
        }
        int first = subtype.equals("related") ? relatedRoot(multipart, count, facts.param("start")) : -1;
        for (int i = 0; i < count; i++) {
            if (partCounter >= MAX_PARTS) {
                out.drop(new DroppedPart((count - i) + " more parts of a " + facts.type(), count - i, MAX_PARTS, "max_parts"));
                return;
            }
            MimePart child = child(multipart, i);
            if (child == null) {
                continue;
            }
            PartFacts childFacts = PartFacts.of(child, subtype.equals("digest"));
            int index = first < 0 ? i : (i == first ? 0 : i + 1);
            walk(child, childFacts, subtype, index, depth + 1, text, collectAttachments);
        }
    }

    private void alternatives(MimeMultipart multipart, int count, int depth, List<String> text, boolean collectAttachments) {
        List<String> best = null;
        int bestRank = -1;
        for (int i = 0; i < count && partCounter < MAX_PARTS; i++) {
            MimePart child = child(multipart, i);
            if (child == null) {
                continue;
            }
            PartFacts facts = PartFacts.of(child, false);
            List<String> candidate = new ArrayList<>();
            walk(child, facts, "alternative", 0, depth + 1, candidate, collectAttachments);
            boolean blank = candidate.stream().allMatch(String::isBlank);
            int rank = blank ? 0 : facts.type().equals("text/plain") ? 3 : facts.type().equals("text/html") ? 1 : 2;
            if (rank > bestRank) {
                best = candidate;
                bestRank = rank;
            }
        }
        if (best != null) {
            text.addAll(best);
        }
    }

    private int relatedRoot(MimeMultipart multipart, int count, String start) {
        if (start == null) {
            return 0;
        }
        String wanted = start.strip().replaceAll("^<|>$", "");
        for (int i = 0; i < count; i++) {
            MimePart child = child(multipart, i);
            if (child != null && wanted.equals(PartFacts.of(child, false).contentId())) {
                return i;
            }
        }
        return 0;
    }

    private void textLeaf(MimePart part, PartFacts facts, List<String> text, boolean collectAttachments) {
        TransferDecoding.Decoded decoded = decodedContent(part, facts);
        if (decoded == null) {
            return;
        }
        if (decoded.damaged() && "base64".equals(facts.encoding())) {
            out.note("a " + facts.type() + " part had damaged base64 content; it was kept as an attachment instead of body text");
            if (collectAttachments) {
                addAttachment(facts, decoded.bytes(), false);
            }
            return;
        }
        String decodedText = TextDecoding.decode(decoded.bytes(), facts.charset(), out::note);
        String plain = facts.type().equals("text/html") ? HtmlText.toText(decodedText) : decodedText;
        plain = PlainText.clean(plain);
        if ("flowed".equalsIgnoreCase(facts.param("format"))) {
            plain = PlainText.unflow(plain, "yes".equalsIgnoreCase(facts.param("delsp")));
        }
        text.add(plain);
    }

    private void attachmentLeaf(MimePart part, PartFacts facts, boolean inline) {
        TransferDecoding.Decoded decoded = decodedContent(part, facts);
        if (decoded != null) {
            addAttachment(facts, decoded.bytes(), inline);
        }
    }

    private void addAttachment(PartFacts facts, byte[] bytes, boolean inline) {
        MailAttachment.Kind kind = facts.isEnclosedMessage() ? MailAttachment.Kind.FORWARDED_MESSAGE
                : inline ? MailAttachment.Kind.INLINE : MailAttachment.Kind.ATTACHMENT;
        String name = facts.filename() != null ? facts.filename() : PartNames.fallback(facts.type(), out.attachments.size() + 1);
        MailAttachment attachment = new MailAttachment(name, facts.filename(), facts.type(), kind, facts.contentId(), bytes);
        String what = "attachment '" + attachment.filename() + "' (" + facts.type() + ")";
        if (out.dropAllAttachments) {
            return;
        }
        if (bytes.length > limits.maxAttachmentBytes()) {
            out.drop(new DroppedPart(what, bytes.length, limits.maxAttachmentBytes(), "max_attachment_bytes"));
        } else if (out.attachments.size() >= limits.maxAttachmentCount()) {
            out.drop(new DroppedPart(what, out.attachments.size() + 1, limits.maxAttachmentCount(), "max_attachment_count"));
        } else {
            out.attachments.add(attachment);
            if (Tnef.isTnef(attachment)) {
                Tnef.extract(attachment, this::addExtracted, out::note);
            }
        }
    }

    private void addExtracted(MailAttachment attachment) {
        if (attachment.size() > limits.maxAttachmentBytes()) {
            out.drop(new DroppedPart("attachment '" + attachment.filename() + "' from winmail.dat", attachment.size(),
                    limits.maxAttachmentBytes(), "max_attachment_bytes"));
        } else if (out.attachments.size() >= limits.maxAttachmentCount()) {
            out.drop(new DroppedPart("attachment '" + attachment.filename() + "' from winmail.dat",
                    out.attachments.size() + 1, limits.maxAttachmentCount(), "max_attachment_count"));
        } else {
            out.attachments.add(attachment);
        }
    }

    private void enclosedMessage(MimePart part, PartFacts facts, int depth, boolean collectAttachments) {
        TransferDecoding.Decoded decoded = decodedContent(part, facts);
        if (decoded == null) {
            return;
        }
        MimeMessage inner;
        try {
            inner = new MimeMessage(session, new SharedByteArrayInputStream(decoded.bytes()));
        } catch (MessagingException | RuntimeException e) {
            out.note("an enclosed message could not be read; it was kept as an attachment");
            if (collectAttachments) {
                addAttachment(facts, decoded.bytes(), false);
            }
            return;
        }
        String subject = HeaderFields.text(inner, "Subject");
        if (collectAttachments) {
            PartFacts named = facts.filename() != null ? facts : new PartFacts(facts.type(), facts.charset(), facts.contentType(),
                    facts.attachment(), facts.inline(), PartNames.forMessage(subject), facts.contentId(), facts.encoding());
            addAttachment(named, decoded.bytes(), false);
        }
        if (out.reportType != null && out.bouncedMessageId == null) {
            List<String> ids = HeaderFields.messageIds(inner, "Message-ID");
            out.bouncedMessageId = ids.isEmpty() ? null : ids.get(0);
        }
        List<String> innerText = new ArrayList<>();
        int before = out.forwarded.size();
        walk(inner, PartFacts.of(inner, false), "mixed", 0, depth + 1, innerText, false);
        out.forwarded.add(before, forwardedSection(inner, subject, String.join("\n\n", innerText).strip()));
    }

    private static String forwardedSection(MimeMessage inner, String subject, String body) {
        StringBuilder section = new StringBuilder("---------- Forwarded message ----------\n");
        List<MailAddress> from = HeaderFields.addresses(inner, "From");
        if (!from.isEmpty()) {
            MailAddress sender = from.get(0);
            section.append("From: ").append(sender.name() == null ? sender.address() : sender.name() + " <" + sender.address() + ">").append('\n');
        }
        String date = HeaderFields.text(inner, "Date");
        if (date != null) {
            section.append("Date: ").append(date).append('\n');
        }
        if (subject != null) {
            section.append("Subject: ").append(subject).append('\n');
        }
        return section.append('\n').append(body).toString().strip();
    }

    private void bouncedIdFromHeaders(MimePart part, PartFacts facts) {
        TransferDecoding.Decoded decoded = decodedContent(part, facts);
        if (decoded == null) {
            return;
        }
        String headers = TextDecoding.decode(decoded.bytes(), facts.charset(), null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^message-id:\\s*(.+)$").matcher(headers);
        if (m.find()) {
            List<String> ids = HeaderFields.messageIds(m.group(1));
            out.bouncedMessageId = ids.isEmpty() ? null : ids.get(0);
        }
    }

    private TransferDecoding.Decoded decodedContent(MimePart part, PartFacts facts) {
        try {
            return TransferDecoding.decode(PartFacts.rawContent(part), facts.encoding());
        } catch (IOException | MessagingException | RuntimeException e) {
            out.note("the content of a " + facts.type() + " part could not be read: " + e.getClass().getSimpleName());
            return null;
        }
    }

    private MimeMultipart multipart(MimePart part, PartFacts facts) {
        try {
            byte[] raw = PartFacts.rawContent(part);
            byte[] content = facts.encoding() == null || facts.encoding().matches("7bit|8bit|binary") ? raw
                    : TransferDecoding.decode(raw, facts.encoding()).bytes();
            return new MimeMultipart(new BytesDataSource(content, facts.contentType().toString()));
        } catch (IOException | MessagingException | RuntimeException e) {
            return null;
        }
    }

    private int count(MimeMultipart multipart) {
        if (multipart == null) {
            return -1;
        }
        try {
            return multipart.getCount();
        } catch (MessagingException | RuntimeException e) {
            return -1;
        }
    }

    private MimePart child(MimeMultipart multipart, int i) {
        try {
            BodyPart child = multipart.getBodyPart(i);
            return child instanceof MimePart mime ? mime : null;
        } catch (MessagingException | RuntimeException e) {
            out.note("part " + (i + 1) + " of a multipart could not be read");
            return null;
        }
    }
}
