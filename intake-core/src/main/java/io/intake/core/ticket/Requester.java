package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

/**
 * The person (or monitor) asking. Every part is optional but at least one must identify them; all parts are single
 * lines, so none can inject a mail header.
 *
 * @param name    display name
 * @param email   email address
 * @param phone   phone number as given (E.164 preferred)
 * @param account the customer's account number
 */
public record Requester(String name, String email, String phone, String account) {

    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 40;
    public static final int MAX_ACCOUNT = 64;

    /** A requester nobody could identify (a hung-up caller without caller id, an anonymous monitor). */
    public static final Requester UNKNOWN = new Requester("unknown", null, null, null);

    public Requester {
        name = Checks.singleLine("requester.name", name, MAX_NAME);
        email = Checks.singleLine("requester.email", email, MAX_EMAIL);
        phone = Checks.singleLine("requester.phone", phone, MAX_PHONE);
        account = Checks.singleLine("requester.account", account, MAX_ACCOUNT);
        if (email != null && !email.matches("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+")) {
            throw new InvalidFieldException("requester.email", "'" + Checks.shorten(email) + "' is not an email address");
        }
        if (name == null && email == null && phone == null && account == null) {
            throw new InvalidFieldException("requester", "needs at least one of name, email, phone or account");
        }
    }

    public static Requester ofEmail(String name, String email) {
        return new Requester(name, email, null, null);
    }

    /** The best human label: name, else email, else phone, else account. */
    public String label() {
        if (name != null) {
            return name;
        }
        if (email != null) {
            return email;
        }
        return phone != null ? phone : "account " + account;
    }
}
