package io.intake.telephony;

import java.time.Instant;
import java.util.Map;

/**
 * The telephony channel's health, for the gateway's health endpoint.
 *
 * @param agiListening  the FastAGI server is accepting calls (false when switched off)
 * @param amiEnabled    a manager connection is configured
 * @param amiConnected  logged in to the manager interface now
 * @param amiState      connecting, connected, reconnecting, login-failed or stopped
 * @param amiError      the last connection problem, or null
 * @param amiSince      when the AMI state last changed
 * @param openIncidents open monitor incidents: site id (sites joined by + for a multi-site one) to ticket number
 */
public record TelephonyHealth(boolean agiListening, boolean amiEnabled, boolean amiConnected, String amiState,
                              String amiError, Instant amiSince, Map<String, String> openIncidents) {

    public TelephonyHealth {
        openIncidents = Map.copyOf(openIncidents);
    }

    /** Healthy: every configured part is up. */
    public boolean up() {
        return (!amiEnabled || amiConnected);
    }
}
