package io.intake.core.site;

/** How a site's phones are doing, as the registration monitor sees them. */
public enum SiteState {
    /** Every phone is registered and reachable. */
    ONLINE,
    /** Some phones are offline, others still work. */
    DEGRADED,
    /** Every phone at the site is offline. */
    DOWN,
    /** Nothing has been learned yet (the manager connection has not answered). */
    UNKNOWN
}
