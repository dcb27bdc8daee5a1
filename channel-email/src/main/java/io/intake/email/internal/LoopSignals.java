package io.intake.email.internal;

import io.intake.email.MailAddress;
import jakarta.mail.internet.MimePart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises machine-generated mail, so the gateway never answers it (mail loops) and bounces attach to their ticket.
 */
public final class LoopSignals {

    /** Why a mail counts as automatic (empty when it does not), and whether it is a delivery failure report. */
    public record Verdict(List<String> autoReasons, boolean bounce) {
        public boolean autoSubmitted() {
            return !autoReasons.isEmpty();
        }
    }

    private static final Pattern DAEMON = Pattern.compile("(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)(@.*)?$");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i).*(undeliver|returned mail|delivery (status notification|failure|has failed)|failure notice|mail delivery failed|nicht zustellbar|unzustellbar).*");

    private LoopSignals() {
    }

    public static Verdict judge(MimePart message, MailAddress from, String subject, MailContent content) {
        List<String> reasons = new ArrayList<>();
        String autoSubmitted = HeaderFields.raw(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.split(";", 2)[0].strip().equalsIgnoreCase("no")) {
            reasons.add("Auto-Submitted: " + autoSubmitted.strip());
        }
        String precedence = HeaderFields.raw(message, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            reasons.add("Precedence: " + precedence.strip());
        }
        for (String header : List.of("List-Id", "List-Unsubscribe", "X-Auto-Response-Suppress", "X-Autoreply", "X-Autorespond")) {
            if (HeaderFields.present(message, header)) {
                reasons.add(header + " present");
            }
        }
        String returnPath = HeaderFields.raw(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("[<>\\s]", "").isEmpty()) {
            reasons.add("empty Return-Path");
        }
        boolean daemon = from != null && DAEMON.matcher(from.address()).matches();
        if (daemon) {
            reasons.add("sent by " + from.address());
        }
        if (content.reportType() != null) {
            reasons.add("multipart/report" + (content.reportType().isEmpty() ? "" : "; report-type=" + content.reportType()));
        }
        boolean bounce = "delivery-status".equals(content.reportType())
                || (daemon && (content.deliveryStatus() || (subject != null && BOUNCE_SUBJECT.matcher(subject).matches())));
        return new Verdict(List.copyOf(reasons), bounce);
    }
}
