package io.intake.telephony.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Our record of one registration change, converted at the AMI boundary from what Asterisk 22 sends: PJSIP
 * {@code ContactStatus} (Reachable, NonQualified, Created, Updated are online; Unreachable, Removed are offline),
 * {@code PeerStatus} (Reachable, Registered, Lagged online; Unreachable, Unregistered, Rejected offline; the older
 * chan_sip values included), and {@code ContactList} items of {@code PJSIPShowContacts}.
 *
 * @param endpoint the endpoint name
 * @param online   registered and reachable
 * @param at       when the gateway saw it
 * @param source   which event said so, for the log
 */
public record RegistrationEvent(String endpoint, boolean online, Instant at, String source) {

    /** The registration change an AMI event carries; empty for every other event. */
    static Optional<RegistrationEvent> from(AmiMessage event, Instant at) {
        String type = event.event();
        if (type == null) {
            return Optional.empty();
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "contactstatus":
                return of(firstOf(event.get("EndpointName"), event.get("AOR")), contactOnline(event.get("ContactStatus")),
                        at, "ContactStatus " + event.get("ContactStatus"));
            case "peerstatus":
                return of(peerName(event.get("Peer")), peerOnline(event.get("PeerStatus")), at,
                        "PeerStatus " + event.get("PeerStatus"));
            case "contactlist":
                return of(event.get("Endpoint"), contactOnline(event.get("Status")), at, "ContactList " + event.get("Status"));
            default:
                return Optional.empty();
        }
    }

    private static Optional<RegistrationEvent> of(String endpoint, Boolean online, Instant at, String source) {
        if (endpoint == null || endpoint.isBlank() || online == null) {
            return Optional.empty();
        }
        return Optional.of(new RegistrationEvent(endpoint, online, at, source));
    }

    private static Boolean contactOnline(String status) {
        if (status == null) {
            return null;
        }
        switch (status.toLowerCase(Locale.ROOT)) {
            case "reachable":
            case "nonqualified":
            case "created":
            case "updated":
                return Boolean.TRUE;
            case "unreachable":
            case "removed":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static Boolean peerOnline(String status) {
        if (status == null) {
            return null;
        }
        switch (status.toLowerCase(Locale.ROOT)) {
            case "reachable":
            case "registered":
            case "lagged":
                return Boolean.TRUE;
            case "unreachable":
            case "unregistered":
            case "rejected":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** {@code PJSIP/site-a-101} or {@code SIP/101} to the endpoint name. */
    private static String peerName(String peer) {
        if (peer == null) {
            return null;
        }
        int slash = peer.indexOf('/');
        return slash < 0 ? peer : peer.substring(slash + 1);
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
