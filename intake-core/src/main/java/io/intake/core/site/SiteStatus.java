package io.intake.core.site;

import java.util.List;
import java.util.Optional;

/**
 * The read model of phone registrations by site: the telephony channel publishes each site's state as it changes,
 * the monitor portal and the staff API read it. Thread-safe.
 */
public interface SiteStatus {

    /** Replaces what is known about one site. */
    void publish(SiteRegistrations site);

    /** The latest state of one site. */
    Optional<SiteRegistrations> site(String siteId);

    /** The latest state of every site, ordered by site id. */
    List<SiteRegistrations> sites();

    /** A fresh in-memory read model. */
    static SiteStatus inMemory() {
        return new InMemorySiteStatus();
    }
}
