package io.intake.telephony.internal;

import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Requester;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Site;
import io.intake.core.ticket.TicketNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor's side of the gateway: opens an incident ticket, appends to it, escalates it, records its recovery.
 * Source references are stable per incident ({@code monitor:<site>:<first-offline-instant>}), so a retried submit
 * never makes a second ticket. While an incident is open its ticket is also linked under the key
 * {@code monitor-open:<sites>}; every new incident carries that key, so a gateway restarted in the middle of an outage
 * (which sees a new first-offline instant) continues the open ticket instead of opening a second one. Recovery unlinks
 * the key. A gateway failure ({@code IntakeException}) propagates: the monitor tries again on its next evaluation with
 * the same source reference.
 */
final class OutageTickets {

    private static final Logger log = LoggerFactory.getLogger(OutageTickets.class);
    private static final Requester MONITOR = new Requester("registration monitor", null, null, null);

    private final IntakeGateway gateway;
    /** The open-incident key of each incident reference opened since start, unlinked on recovery. */
    private final Map<String, String> openKeys = new java.util.concurrent.ConcurrentHashMap<>();

    OutageTickets(IntakeGateway gateway) {
        this.gateway = gateway;
    }

    static String openKey(Collection<String> siteIds) {
        return "monitor-open:" + String.join("+", new java.util.TreeSet<>(siteIds));
    }

    /** Opens an incident; empty when the gateway rejected it (recorded there). */
    Optional<TicketNumber> open(String sourceRef, Severity severity, Inventory.Site site, Collection<String> siteIds,
                                String subject, String body, Instant at) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("monitor.sites", String.join(",", siteIds));
        attributes.put("monitor.severity", severity.name());
        String openKey = openKey(siteIds);
        IntakeRequest request = IntakeRequest.builder(Channel.MONITOR, sourceRef).conversationKey(openKey)
                .requester(site != null && site.account() != null
                        ? new Requester("registration monitor", null, null, site.account()) : MONITOR)
                .site(site == null ? null : new Site(site.id(), site.name()))
                .subject(subject).body(body).suggestedSeverity(severity).receivedAt(at).attributes(attributes).build();
        IntakeResult result = gateway.submit(request);
        if (result instanceof IntakeResult.Accepted accepted) {
            openKeys.put(sourceRef, openKey);
            if (accepted.outcome() == IntakeResult.Outcome.UPDATED) {
                log.info("Monitor incident {} continues the open ticket {}", sourceRef, accepted.ticketNumber());
            } else {
                gateway.link(openKey, accepted.ticketNumber());
                log.info("Monitor incident {} is ticket {} ({})", sourceRef, accepted.ticketNumber(), accepted.severity());
            }
            if (accepted.severity().compareTo(severity) < 0) {
                gateway.override(accepted.ticketNumber(), severity, "monitor", subject, at);
            }
            return Optional.of(accepted.ticketNumber());
        }
        log.warn("Monitor incident {} rejected: {}", sourceRef, ((IntakeResult.Rejected) result).reason());
        return Optional.empty();
    }

    /** Appends a comment to the incident's ticket. */
    void append(String incidentRef, String updateRef, String body, Instant at) {
        update(incidentRef, updateRef, body, at, Map.of("monitor.note", "true"));
    }

    /** Records the recovery: an update the pipeline records as {@code RECOVERY}. */
    void recover(String incidentRef, String body, Instant at) {
        update(incidentRef, incidentRef + ":recovered", body, at, Map.of("recovery", "true"));
        String openKey = openKeys.remove(incidentRef);
        if (openKey != null) {
            gateway.unlink(openKey);
        }
    }

    /** Raises the ticket's severity, recorded as an override by {@code monitor}. */
    void escalate(TicketNumber ticket, Severity severity, String reason, Instant at) {
        gateway.override(ticket, severity, "monitor", reason, at);
        log.info("Monitor ticket {} raised to {}: {}", ticket, severity, reason);
    }

    private void update(String incidentRef, String updateRef, String body, Instant at, Map<String, String> attributes) {
        IntakeRequest request = IntakeRequest.builder(Channel.MONITOR, updateRef).conversationKey(incidentRef)
                .requester(MONITOR).subject("Registration monitor").body(body).receivedAt(at).attributes(attributes)
                .build();
        IntakeResult result = gateway.submit(request);
        if (result instanceof IntakeResult.Rejected rejected) {
            log.warn("Monitor update {} rejected: {}", updateRef, rejected.reason());
        }
    }
}
