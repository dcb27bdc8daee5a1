package io.intake.core.pipeline;

import io.intake.core.IntakeResult.Accepted;
import io.intake.core.json.WireFormat;
import io.intake.core.sla.SlaWarning;
import io.intake.core.ticket.IntakeRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON events sent to the escalation endpoint ({@code intake.escalation.uri}): a new CRITICAL ticket
 * ({@code ticket.critical}), and SLA warnings and breaches ({@code sla.warning}, {@code sla.breached}). They name the
 * ticket; the ticket itself travels to the tracker.
 */
final class EscalationEvents {

    private EscalationEvents() {
    }

    static String critical(Accepted accepted, IntakeRequest request) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "ticket.critical");
        event.put("ticket_number", accepted.ticketNumber().toString());
        event.put("channel", request.channel().wireName());
        event.put("subject", request.subject());
        event.put("requester", request.requester().label());
        if (request.site() != null) {
            event.put("site", request.site().id());
        }
        event.put("rule", accepted.rule());
        event.put("response_due", accepted.responseDue().toString());
        return WireFormat.write(event);
    }

    static String warning(SlaWarning warning) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", warning.breached() ? "sla.breached" : "sla.warning");
        event.put("ticket_number", warning.ticket().toString());
        event.put("severity", warning.severity().name());
        event.put("deadline_kind", warning.kind().name());
        event.put("fraction", warning.fraction());
        event.put("deadline", warning.deadline().toString());
        event.put("at", warning.at().toString());
        return WireFormat.write(event);
    }
}
