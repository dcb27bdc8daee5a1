package io.intake.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the portal's "phone registration by site" panel shows. The web channel never depends on the telephony channel:
 * by default this is read from the core's {@code io.intake.core.site.SiteStatus} read model (which the telephony
 * channel writes); an application may define its own bean instead. Without either the panel says the monitor is not
 * connected.
 */
@FunctionalInterface
public interface SiteRegistrations {

    /** The current registration state of every monitored site. */
    List<Site> sites();

    /**
     * One site's phones.
     *
     * @param site       the site identifier
     * @param name       a readable name, or null
     * @param registered phones currently registered
     * @param total      phones expected at the site
     * @param updatedAt  when the monitor last heard about the site
     */
    record Site(String site, String name, int registered, int total, Instant updatedAt) {
        public Site {
            Objects.requireNonNull(site, "site");
            if (registered < 0 || total < 0 || registered > total) {
                throw new IllegalArgumentException("registered/total: need 0 <= registered <= total (was "
                        + registered + "/" + total + ")");
            }
        }

        /** All phones down, some down, or all up. */
        public String state() {
            return total == 0 ? "unknown" : registered == 0 ? "down" : registered < total ? "degraded" : "up";
        }
    }
}
