package io.intake.core.directory;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Site;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer of the provider.
 *
 * @param account the account number, digits only (callers key it in on the phone)
 * @param name    the customer's name
 * @param sites   the customer's locations; ids unique within the customer
 */
public record Customer(String account, String name, List<Site> sites) {

    public static final int MAX_ACCOUNT_DIGITS = 16;

    public Customer {
        if (account == null || !account.matches("[0-9]{1," + MAX_ACCOUNT_DIGITS + "}")) {
            throw new InvalidFieldException("customer.account", "'" + account + "' is not an account number; allowed: 1-"
                    + MAX_ACCOUNT_DIGITS + " digits");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("customer.name", "is required for account " + account);
        }
        sites = sites == null ? List.of() : List.copyOf(sites);
        Set<String> ids = new HashSet<>();
        for (Site site : sites) {
            if (!ids.add(site.id())) {
                throw new InvalidFieldException("customer.sites", "site id '" + site.id() + "' is given twice for account " + account);
            }
        }
    }

    /** The site with this id, if the customer has it. */
    public Optional<Site> site(String siteId) {
        return sites.stream().filter(s -> s.id().equals(siteId)).findFirst();
    }

    /** The only site, when the customer has exactly one. */
    public Optional<Site> onlySite() {
        return sites.size() == 1 ? Optional.of(sites.get(0)) : Optional.empty();
    }
}
