package io.intake.core.ticket;

/**
 * A customer location.
 *
 * @param id   the site identifier used in the inventory and by the customer (required)
 * @param name a readable name, optional
 */
public record Site(String id, String name) {

    public Site {
        id = Checks.singleLine("site.id", Checks.requiredText("site.id", id, 64), 64);
        name = Checks.singleLine("site.name", name, 200);
    }

    public static Site of(String id) {
        return new Site(id, null);
    }
}
