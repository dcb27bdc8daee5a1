package io.intake.core.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical ticket handed to trackers: the request, its gateway number, its classification and its deadline.
 *
 * @param number         the gateway's ticket number
 * @param channel        where it came in
 * @param sourceRef      the channel's unique reference
 * @param requester      who asked
 * @param site           which location, if known
 * @param subject        one-line subject (may be empty)
 * @param body           the requester's new text
 * @param quotedHistory  quoted history and signatures, separated from the body
 * @param attachments    files by reference
 * @param classification severity, rule and reason
 * @param sla            response deadline and how it was computed
 * @param receivedAt     when the gateway received the request
 * @param attributes     channel facts (suggested severity, IVR menu, incomplete call, ...)
 */
public record Ticket(TicketNumber number, Channel channel, String sourceRef, Requester requester, Site site,
                     String subject, String body, String quotedHistory, List<Attachment> attachments,
                     Classification classification, SlaStamp sla, Instant receivedAt, Map<String, String> attributes) {

    public Ticket {
        Checks.required("number", number);
        Checks.required("channel", channel);
        Checks.requiredText("source_ref", sourceRef, IntakeRequest.MAX_SOURCE_REF);
        Checks.required("requester", requester);
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        quotedHistory = quotedHistory == null ? "" : quotedHistory;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Checks.required("classification", classification);
        Checks.required("sla", sla);
        Checks.required("received_at", receivedAt);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Builds the ticket for an accepted request. */
    public static Ticket from(TicketNumber number, IntakeRequest request, Classification classification, SlaStamp sla) {
        return new Ticket(number, request.channel(), request.sourceRef(), request.requester(), request.site(),
                request.subject(), request.body(), request.quotedHistory(), request.attachments(), classification,
                sla, request.receivedAt(), withSuggestion(request));
    }

    private static Map<String, String> withSuggestion(IntakeRequest request) {
        if (request.suggestedSeverity() == null) {
            return request.attributes();
        }
        var copy = new java.util.HashMap<>(request.attributes());
        copy.put("suggested_severity", request.suggestedSeverity().name());
        return copy;
    }

    public Severity severity() {
        return classification.severity();
    }
}
