package io.intake.telephony.internal;

import io.intake.core.directory.Customer;
import io.intake.core.directory.DirectoryMatch;
import io.intake.core.ticket.Attachment;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Site;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What one call has gathered so far; turned into one {@link IntakeRequest} whenever the call ends. */
final class CallIntake {

    /** The menu choices. */
    enum Menu {
        SERVICE_DOWN("1", Severity.CRITICAL, "service down or callers cannot reach you"),
        SOME_PHONES("2", Severity.DEGRADED, "some phones or features not working"),
        ADMINISTRATIVE("3", Severity.LOW, "changes, orders, training or other administrative help"),
        NONE("none", null, "no menu choice");

        final String digit;
        final Severity suggested;
        final String meaning;

        Menu(String digit, Severity suggested, String meaning) {
            this.digit = digit;
            this.suggested = suggested;
            this.meaning = meaning;
        }
    }

    final String uniqueId;
    final String callerId;
    final String callerName;
    final Instant receivedAt;
    Customer customer;
    Site site;
    String contactName;
    String identifiedBy = "none";
    Menu menu;
    boolean afterHours;
    String recordingRef;
    boolean recordingFinished;
    boolean complete;

    CallIntake(String uniqueId, String callerId, String callerName, Instant receivedAt) {
        this.uniqueId = uniqueId;
        this.callerId = usable(callerId, Requester.MAX_PHONE);
        this.callerName = usable(callerName, Requester.MAX_NAME);
        this.receivedAt = receivedAt;
    }

    void identified(DirectoryMatch match, String how) {
        this.customer = match.customer();
        this.site = match.site();
        this.contactName = match.contactName();
        this.identifiedBy = how;
    }

    IntakeRequest toRequest(String step, String recordingFormat) {
        Menu chosen = menu == null ? Menu.NONE : menu;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ivr.menu", chosen.digit);
        attributes.put("ivr.step", step);
        attributes.put("ivr.identified_by", identifiedBy);
        if (afterHours) {
            attributes.put("ivr.after_hours", "true");
        }
        if (!complete) {
            attributes.put("incomplete", "true");
        }
        if (recordingRef != null) {
            attributes.put("ivr.recording_finished", Boolean.toString(recordingFinished));
        }
        String who = contactName != null ? contactName : callerName;
        Requester requester = new Requester(who != null ? who : (callerId == null && customer == null ? "unknown caller" : null),
                null, callerId, customer == null ? null : customer.account());
        StringBuilder body = new StringBuilder();
        body.append("Caller chose ").append(chosen.digit).append(" (").append(chosen.meaning).append(").");
        if (afterHours && chosen == Menu.ADMINISTRATIVE) {
            body.append(" Outside office hours: the caller left a message.");
        }
        body.append("\nCustomer: ").append(customer == null ? "not identified" : customer.name() + " (account "
                + customer.account() + ", identified by " + identifiedBy + ")");
        body.append("\nSite: ").append(site == null ? "not identified" : site.id() + (site.name() == null ? "" : " (" + site.name() + ")"));
        body.append("\nRecorded description: ").append(recordingRef == null ? "none" : recordingRef
                + (recordingFinished ? "" : " (not finished with #)"));
        if (!complete) {
            body.append("\nThe caller hung up during ").append(step).append("; this ticket holds what was gathered until then.");
        }
        List<Attachment> attachments = recordingRef == null ? List.of() : List.of(new Attachment(
                "call-" + uniqueId + "." + recordingFormat, "audio/" + recordingFormat, 0, recordingRef, null));
        return IntakeRequest.builder(Channel.PHONE, uniqueId)
                .requester(requester)
                .site(site)
                .subject("Phone: " + chosen.meaning + (complete ? "" : " (caller hung up)"))
                .body(body.toString())
                .attachments(attachments)
                .suggestedSeverity(chosen.suggested)
                .receivedAt(receivedAt)
                .attributes(attributes)
                .build();
    }

    /**
     * A caller id value as the ticket can hold it, or null when there is none. The caller controls it (a SIP peer can
     * send any bytes as its number or name), so control characters become spaces and it is cut to {@code max}
     * characters: a ticket is still recorded, where a strict check would lose the call (issue 8, found by fuzzing).
     */
    private static String usable(String value, int max) {
        if (value == null) {
            return null;
        }
        String cleaned = CONTROL.matcher(value).replaceAll(" ").strip();
        if (cleaned.isEmpty() || "unknown".equalsIgnoreCase(cleaned) || "anonymous".equalsIgnoreCase(cleaned)
                || "null".equals(cleaned)) {
            return null;
        }
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max).strip();
    }

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
}
