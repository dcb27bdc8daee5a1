package io.intake.core.directory;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Site;

/**
 * What a lookup found.
 *
 * @param customer    the customer (required)
 * @param site        the site the contact belongs to, or null when the contact is customer-wide
 * @param contactName the person's name when the directory knows it, else null
 */
public record DirectoryMatch(Customer customer, Site site, String contactName) {

    public DirectoryMatch {
        if (customer == null) {
            throw new InvalidFieldException("match.customer", "is required");
        }
        if (site != null && customer.site(site.id()).isEmpty()) {
            throw new InvalidFieldException("match.site", "'" + site.id() + "' is not a site of account " + customer.account());
        }
    }
}
