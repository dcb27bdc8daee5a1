package io.intake.email.internal;

import io.intake.email.DroppedPart;
import io.intake.email.MailAttachment;

import java.util.ArrayList;
import java.util.List;

/** What walking a message's MIME tree found; filled by {@link PartWalker}. Not thread-safe. */
public final class MailContent {

    /** Readable text of the message's own body parts, in order. */
    final List<String> textParts = new ArrayList<>();
    /** Forwarded messages rendered as text (header summary plus body), in order. */
    final List<String> forwarded = new ArrayList<>();
    final List<MailAttachment> attachments = new ArrayList<>();
    final List<DroppedPart> dropped = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    boolean deliveryStatus;
    String reportType;
    String bouncedMessageId;
    boolean dropAllAttachments;

    public List<String> textParts() {
        return textParts;
    }

    public List<String> forwarded() {
        return forwarded;
    }

    public List<MailAttachment> attachments() {
        return attachments;
    }

    public List<DroppedPart> dropped() {
        return dropped;
    }

    public List<String> notes() {
        return notes;
    }

    /** True when a message/delivery-status part was found anywhere. */
    public boolean deliveryStatus() {
        return deliveryStatus;
    }

    /** The report-type of a top-level multipart/report, lower case, or null. */
    public String reportType() {
        return reportType;
    }

    /** The Message-ID of the message a report is about, when an enclosed copy or its headers name it. */
    public String bouncedMessageId() {
        return bouncedMessageId;
    }

    public void note(String note) {
        if (notes.size() < 100 && !notes.contains(note)) {
            notes.add(note);
        }
    }

    public void drop(DroppedPart part) {
        dropped.add(part);
    }

    public void dropAllAttachments() {
        dropAllAttachments = true;
    }
}
