package io.intake.core.site;

import io.intake.core.InvalidFieldException;

import java.time.Instant;
import java.util.List;

/**
 * The registration state of one site's phones.
 *
 * @param siteId    the site id from the inventory
 * @param siteName  a readable name, may be null
 * @param account   the customer's account number, may be null
 * @param state     the site's state, from the raw (not debounced) registrations
 * @param monitored whether the site is inside its monitoring window now (outside it, offline phones raise nothing)
 * @param phones    every phone of the site
 * @param incident  the open incident's ticket number, or null
 * @param asOf      when this state was computed
 */
public record SiteRegistrations(String siteId, String siteName, String account, SiteState state, boolean monitored,
                                List<PhoneRegistration> phones, String incident, Instant asOf) {

    public SiteRegistrations {
        if (siteId == null || siteId.isBlank()) {
            throw new InvalidFieldException("site.id", "is required");
        }
        if (state == null) {
            throw new InvalidFieldException("site.state", "is required; one of ONLINE, DEGRADED, DOWN, UNKNOWN");
        }
        phones = List.copyOf(phones);
        if (asOf == null) {
            throw new InvalidFieldException("site.as_of", "is required");
        }
    }

    /** How many phones are online. */
    public long online() {
        return phones.stream().filter(PhoneRegistration::online).count();
    }
}
