package io.intake.telephony.internal;

/** Phone numbers in logs: all but the last 4 digits masked. */
final class PhoneMask {

    private PhoneMask() {
    }

    static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "<none>";
        }
        int keep = Math.min(4, number.length());
        return "*".repeat(number.length() - keep) + number.substring(number.length() - keep);
    }
}
