package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What every channel hands the pipeline: one channel-neutral request.
 *
 * @param channel           where it came in
 * @param sourceRef         unique per channel: Message-ID, call unique id, chat session + sequence, form submission
 *                          id. The same source reference never yields two tickets.
 * @param conversationKeys  keys that may name an existing ticket (a ticket number from a subject, References
 *                          message ids, a chat session); the first that matches makes this request an update
 * @param requester         who is asking
 * @param site              the location concerned, if known
 * @param subject           a one-line subject; may be empty
 * @param body              the new plain text the requester wrote
 * @param quotedHistory     quoted earlier messages and signatures, kept but separated from {@code body}; may be empty
 * @param attachments       files, by reference into the attachment store
 * @param suggestedSeverity a severity the requester suggested (web form priority, IVR menu choice); an input to the
 *                          rules, never the answer; null when none
 * @param receivedAt        when the gateway received it (the SLA clock starts here)
 * @param attributes        channel facts for rules and trackers (for example {@code ivr.menu=1}, {@code incomplete=true})
 */
public record IntakeRequest(Channel channel, String sourceRef, List<String> conversationKeys, Requester requester,
                            Site site, String subject, String body, String quotedHistory, List<Attachment> attachments,
                            Severity suggestedSeverity, Instant receivedAt, Map<String, String> attributes) {

    public static final int MAX_SOURCE_REF = 512;
    public static final int MAX_SUBJECT = 998;
    /** A hard ceiling for the record itself; the pipeline applies the (smaller) configured limits. */
    public static final int MAX_BODY_HARD = 1_000_000;

    public IntakeRequest {
        Checks.required("channel", channel);
        sourceRef = Checks.singleLine("source_ref", Checks.requiredText("source_ref", sourceRef, MAX_SOURCE_REF), MAX_SOURCE_REF);
        conversationKeys = conversationKeys == null ? List.of() : List.copyOf(conversationKeys);
        Checks.required("requester", requester);
        subject = subject == null ? "" : Checks.singleLine("subject", unfold(subject), MAX_SUBJECT);
        subject = subject == null ? "" : subject;
        body = body == null ? "" : Checks.text("body", body, MAX_BODY_HARD);
        quotedHistory = quotedHistory == null ? "" : Checks.text("quoted_history", quotedHistory, MAX_BODY_HARD);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Checks.required("received_at", receivedAt);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (subject.isBlank() && body.isBlank() && attachments.isEmpty()) {
            throw new InvalidFieldException("body", "a request needs a subject, a body or an attachment");
        }
    }

    /** Folded header lines (CRLF + white space) and tabs become single spaces, as RFC 5322 unfolding does. */
    private static String unfold(String text) {
        return text.replaceAll("[\\r\\n]+[ \\t]*", " ").replace('\t', ' ');
    }

    /** Starts a builder with the two fields every request has. */
    public static Builder builder(Channel channel, String sourceRef) {
        return new Builder(channel, sourceRef);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** A fluent builder, because most channels know only some of the fields. */
    public static final class Builder {
        private final Channel channel;
        private final String sourceRef;
        private List<String> conversationKeys = List.of();
        private Requester requester = Requester.UNKNOWN;
        private Site site;
        private String subject = "";
        private String body = "";
        private String quotedHistory = "";
        private List<Attachment> attachments = List.of();
        private Severity suggestedSeverity;
        private Instant receivedAt;
        private Map<String, String> attributes = Map.of();

        private Builder(Channel channel, String sourceRef) {
            this.channel = channel;
            this.sourceRef = sourceRef;
        }

        public Builder conversationKeys(List<String> keys) {
            this.conversationKeys = keys;
            return this;
        }

        public Builder conversationKey(String key) {
            this.conversationKeys = key == null ? List.of() : List.of(key);
            return this;
        }

        public Builder requester(Requester requester) {
            this.requester = requester;
            return this;
        }

        public Builder site(Site site) {
            this.site = site;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder quotedHistory(String quotedHistory) {
            this.quotedHistory = quotedHistory;
            return this;
        }

        public Builder attachments(List<Attachment> attachments) {
            this.attachments = attachments;
            return this;
        }

        public Builder suggestedSeverity(Severity severity) {
            this.suggestedSeverity = severity;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder attributes(Map<String, String> attributes) {
            this.attributes = attributes;
            return this;
        }

        public IntakeRequest build() {
            return new IntakeRequest(channel, sourceRef, conversationKeys, requester, site, subject, body,
                    quotedHistory, attachments, suggestedSeverity, receivedAt, attributes);
        }
    }
}
