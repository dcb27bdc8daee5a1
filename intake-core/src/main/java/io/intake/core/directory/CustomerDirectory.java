package io.intake.core.directory;

import java.util.Optional;

/**
 * Resolves what a channel knows about a sender (a caller id, an email address, an account number) to a customer and,
 * where it can tell, one of the customer's sites. Implementations are thread-safe; lookups never throw for unknown
 * input, they answer empty.
 */
public interface CustomerDirectory {

    /** A directory that knows nobody. */
    CustomerDirectory EMPTY = new CustomerDirectory() {
        @Override
        public Optional<DirectoryMatch> byCallerId(String callerId) {
            return Optional.empty();
        }

        @Override
        public Optional<DirectoryMatch> byEmail(String email) {
            return Optional.empty();
        }

        @Override
        public Optional<Customer> byAccount(String account) {
            return Optional.empty();
        }
    };

    /** The customer (and site, when the number belongs to one) a caller id belongs to. */
    Optional<DirectoryMatch> byCallerId(String callerId);

    /** The customer (and site, when the address belongs to one) an email address belongs to. */
    Optional<DirectoryMatch> byEmail(String email);

    /** The customer with this account number. */
    Optional<Customer> byAccount(String account);
}
