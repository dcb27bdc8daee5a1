package io.intake.web;

import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.ticket.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a customer typed into the support form or sent to {@code POST /api/v1/tickets}, exactly as given (so an
 * invalid form can be shown again unchanged). {@link #problems} checks it; the field names are the form's and the
 * API's wire names.
 */
public record TicketForm(String name, String email, String phone, String account, String site, String category,
                         String subject, String description, String suggestedSeverity) {

    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 40;
    public static final int MAX_ACCOUNT = 64;
    public static final int MAX_SITE = 64;
    public static final int MAX_SUBJECT = 200;

    /** An empty form, for the first rendering. */
    public static final TicketForm EMPTY = new TicketForm("", "", "", "", "", "", "", "", "");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"()\\[\\]]+@[^@\\s<>,;\"()\\[\\]]+\\.[^@\\s<>,;\"()\\[\\]]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-]{3,39}(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    public TicketForm {
        name = trim(name);
        email = trim(email);
        phone = trim(phone);
        account = trim(account);
        site = trim(site);
        category = trim(category);
        subject = trim(subject);
        description = description == null ? "" : description.replace("\r\n", "\n").strip();
        suggestedSeverity = trim(suggestedSeverity);
    }

    /** Every problem with the form, each naming the field and what is allowed; empty when it is fine. */
    public List<FieldProblem> problems(int maxDescriptionChars) {
        List<FieldProblem> problems = new ArrayList<>();
        line(problems, "name", name, MAX_NAME, true);
        if (line(problems, "email", email, MAX_EMAIL, true) && !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("email", "is not an email address; we send your ticket number there"));
        }
        if (line(problems, "phone", phone, MAX_PHONE, false) && !phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            problems.add(new FieldProblem("phone", "is not a phone number; digits, spaces, + ( ) . - and an extension only"));
        }
        line(problems, "account", account, MAX_ACCOUNT, false);
        line(problems, "site", site, MAX_SITE, false);
        if (category.isEmpty()) {
            problems.add(new FieldProblem("category", "is required; choose what the request is about"));
        } else if (requestCategory() == null) {
            problems.add(new FieldProblem("category", "is not a request type; one of " + RequestCategory.codes()));
        }
        line(problems, "subject", subject, MAX_SUBJECT, true);
        if (description.isEmpty()) {
            problems.add(new FieldProblem("description", "is required; describe what happens and since when"));
        } else if (description.length() > maxDescriptionChars) {
            problems.add(new FieldProblem("description", "is " + description.length() + " characters; at most "
                    + maxDescriptionChars + " are allowed"));
        } else if (CONTROL.matcher(description).find()) {
            problems.add(new FieldProblem("description", "contains control characters"));
        }
        if (!suggestedSeverity.isEmpty() && severity() == null) {
            problems.add(new FieldProblem("suggested_severity", "is not a severity; one of LOW, DEGRADED, CRITICAL, or empty"));
        }
        return problems;
    }

    /** The chosen category, or null when none or unknown. */
    public RequestCategory requestCategory() {
        return RequestCategory.ofCode(category);
    }

    /** The suggested severity, or null when none or unknown. */
    public Severity severity() {
        try {
            return suggestedSeverity.isEmpty() ? null : Severity.valueOf(suggestedSeverity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An optional text, or null when empty. */
    public static String orNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static boolean line(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return false;
        }
        if (value.length() > max) {
            problems.add(new FieldProblem(field, "is " + value.length() + " characters; at most " + max + " are allowed"));
            return false;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || CONTROL.matcher(value).find()) {
            problems.add(new FieldProblem(field, "must be one line without control characters"));
            return false;
        }
        return true;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
