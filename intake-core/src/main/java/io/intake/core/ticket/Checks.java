package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

/** Field checks shared by the value types; every failure names the field. */
final class Checks {

    private Checks() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    static String requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required and must not be blank");
        }
        return text(field, value, max);
    }

    /** Null stays null; otherwise trimmed and length-checked. */
    static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : text(field, trimmed, max);
    }

    static String text(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidFieldException(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        return value;
    }

    /** One line: no CR, LF or other control characters, so the value can never inject a header. */
    static String singleLine(String field, String value, int max) {
        String checked = optionalText(field, value, max);
        if (checked != null) {
            for (int i = 0; i < checked.length(); i++) {
                char c = checked.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new InvalidFieldException(field, "must be a single line without control characters (found U+"
                            + String.format("%04X", (int) c) + " at position " + i + ")");
                }
            }
        }
        return checked;
    }

    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
