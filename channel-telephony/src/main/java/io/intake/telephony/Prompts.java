package io.intake.telephony;

import io.intake.core.ticket.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * What the IVR plays, under {@code intake.telephony.agi.prompts.}. Each value is a sound file name as Asterisk's
 * STREAM FILE takes it, without extension: an Asterisk core sound ({@code vm-intro}) or a custom recording
 * ({@code custom/intake-menu}). The defaults are core sounds so that a fresh PBX plays something; record your own for
 * the menu, since no core sound says it. A response target is a list joined by {@code &}: a sound name, or
 * {@code n:<number>} to say a number.
 *
 * @param welcome        played once after answering
 * @param menu           the menu during office hours: 1 service down, 2 some phones, 3 administrative help, 9 repeat
 * @param menuAfterHours the menu outside office hours (1, 2, and 3 to leave a message)
 * @param officeClosed   "the office is closed; leave a message" (3 outside office hours)
 * @param invalid        after a choice or number that is not valid
 * @param account        "enter your account number, then #"
 * @param site           "enter your site number, then #"
 * @param record         "describe the problem after the tone, then press #"
 * @param ticketNumber   "your ticket number is" (the digits follow)
 * @param targetCritical the response target of a CRITICAL ticket
 * @param targetDegraded the response target of a DEGRADED ticket
 * @param targetLow      the response target of a LOW ticket
 * @param transfer       before transferring a CRITICAL caller to on-call
 * @param failure        the ticket could not be recorded ("please try again later")
 * @param goodbye        the last prompt
 * @param callOut        played to the on-call person by a call-out, before the ticket number
 */
public record Prompts(String welcome, String menu, String menuAfterHours, String officeClosed, String invalid,
                      String account, String site, String record, String ticketNumber, String targetCritical,
                      String targetDegraded, String targetLow, String transfer, String failure, String goodbye,
                      String callOut) {

    public static final Prompts DEFAULTS = new Prompts("welcome", "vm-enter-num-to-call", "vm-enter-num-to-call",
            "vm-nobodyavail", "option-is-invalid", "telephone-number", "telephone-number", "vm-intro",
            "the-num-i-have-is", "n:15&minutes", "n:4&hours", "n:1&day", "pls-hold-while-try", "tt-weasels",
            "vm-goodbye", "the-num-i-have-is");

    public Prompts {
        List<String> problems = new ArrayList<>();
        check(problems, "welcome", welcome);
        check(problems, "menu", menu);
        check(problems, "menu-after-hours", menuAfterHours);
        check(problems, "office-closed", officeClosed);
        check(problems, "invalid", invalid);
        check(problems, "account", account);
        check(problems, "site", site);
        check(problems, "record", record);
        check(problems, "ticket-number", ticketNumber);
        check(problems, "target-critical", targetCritical);
        check(problems, "target-degraded", targetDegraded);
        check(problems, "target-low", targetLow);
        check(problems, "transfer", transfer);
        check(problems, "failure", failure);
        check(problems, "goodbye", goodbye);
        check(problems, "call-out", callOut);
        if (!problems.isEmpty()) {
            throw new TelephonyConfigException(problems);
        }
    }

    /** The response target read back for a severity. */
    public String target(Severity severity) {
        switch (severity) {
            case CRITICAL:
                return targetCritical;
            case DEGRADED:
                return targetDegraded;
            default:
                return targetLow;
        }
    }

    private static void check(List<String> problems, String key, String value) {
        String property = "intake.telephony.agi.prompts." + key;
        if (value == null || value.isBlank()) {
            problems.add(property + ": required, a sound file name such as vm-intro or custom/intake-menu");
            return;
        }
        for (String part : value.split("&", -1)) {
            if (!part.matches("n:[0-9]{1,6}|[A-Za-z0-9_][A-Za-z0-9_/.-]{0,199}") || part.contains("..")) {
                problems.add(property + ": '" + value + "' is not allowed; use sound names (letters, digits, _ - . /, no"
                        + " spaces or '..') or n:<number>, joined by &");
                return;
            }
        }
    }
}
