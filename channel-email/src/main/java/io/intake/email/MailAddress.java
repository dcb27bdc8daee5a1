package io.intake.email;

/**
 * One mailbox from an address header.
 *
 * @param address the addr-spec as written (not validated; may lack a domain in broken mail); never blank
 * @param name    the decoded display name, or null
 */
public record MailAddress(String address, String name) {

    public MailAddress {
        if (address == null || address.isBlank()) {
            throw new io.intake.core.InvalidFieldException("address", "is required and must not be blank");
        }
        name = name == null || name.isBlank() ? null : name.strip();
    }
}
