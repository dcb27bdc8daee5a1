package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

/**
 * The gateway's ticket number: digits only, short enough to read over the phone, with a final Luhn check digit so a
 * mistyped or misheard number is caught instead of naming someone else's ticket.
 * <p>
 * The number is {@code serial * 10 + luhn(serial)}; serials come from a database sequence shared by every gateway
 * node, so numbers are unique across restarts and nodes.
 */
public record TicketNumber(long value) implements Comparable<TicketNumber> {

    public TicketNumber {
        if (value < 10 || !hasValidCheckDigit(value)) {
            throw new InvalidFieldException("ticket_number", value + " is not a ticket number (bad check digit)");
        }
    }

    /** Builds the number for the given serial (from the sequence). */
    public static TicketNumber ofSerial(long serial) {
        if (serial <= 0) {
            throw new InvalidFieldException("ticket_serial", "must be positive (was " + serial + ")");
        }
        return new TicketNumber(serial * 10 + checkDigit(serial));
    }

    /** Parses digits (spaces, dashes and a leading '#' are tolerated, as people write them). */
    public static TicketNumber parse(String text) {
        if (text == null) {
            throw new InvalidFieldException("ticket_number", "is required");
        }
        String digits = text.strip().replaceFirst("^#", "").replace(" ", "").replace("-", "");
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            throw new InvalidFieldException("ticket_number", "'" + Checks.shorten(text) + "' is not a ticket number (digits only)");
        }
        return new TicketNumber(Long.parseLong(digits));
    }

    /** Like {@link #parse} but answers null instead of throwing. */
    public static TicketNumber tryParse(String text) {
        try {
            return parse(text);
        } catch (InvalidFieldException e) {
            return null;
        }
    }

    public long serial() {
        return value / 10;
    }

    static boolean hasValidCheckDigit(long value) {
        return checkDigit(value / 10) == value % 10;
    }

    static int checkDigit(long serial) {
        int sum = 0;
        boolean dbl = true;
        for (long n = serial; n > 0; n /= 10) {
            int d = (int) (n % 10);
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public int compareTo(TicketNumber o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
