package io.intake.email;

import io.intake.core.ticket.Severity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The email channel's configuration, bound from {@code intake.email.*}. Validated on construction: every problem is
 * reported at once, each naming its property ({@link EmailConfigException}).
 *
 * @param mailboxes          {@code intake.email.mailboxes[i]}: the mailboxes polled; may be empty (then the demo
 *                           server is used by default)
 * @param smtp               {@code intake.email.smtp}: where acknowledgements are sent; null sends none
 * @param from               {@code intake.email.from}: the acknowledgement's From address (also "our own mail" for
 *                           loop protection), for example {@code help@example.com}
 * @param fromName           {@code intake.email.from-name}: the display name on acknowledgements; null for none
 * @param templateFolder     {@code intake.email.template-folder}: files here ({@code ack.txt}, {@code ack-update.txt},
 *                           {@code rejected.txt}) replace the shipped templates; null uses the shipped ones
 * @param ackUpdates         {@code intake.email.ack-updates}: acknowledge replies that update a ticket (default false)
 * @param ackLimit           {@code intake.email.ack-limit}: at most this many acknowledgements per recipient in
 *                           {@code ackLimitWindow} (default 5)
 * @param ackLimitWindow     {@code intake.email.ack-limit-window}: the window of the per-recipient limit (default 1h)
 * @param zone               {@code intake.email.zone}: the zone deadlines are written in (default America/New_York)
 * @param responseTargets    {@code intake.email.response-targets.<severity>}: the promise in words; {@code {due}} is
 *                           replaced by the deadline. Missing severities take the agreement's wording
 * @param limits             {@code intake.email.limits}: how much of a mail is read
 * @param demoServer         {@code intake.email.demo-server}: the embedded GreenMail server for first runs
 */
public record EmailConfig(List<MailboxConfig> mailboxes, SmtpConfig smtp, String from, String fromName,
                          Path templateFolder, boolean ackUpdates, int ackLimit, Duration ackLimitWindow, ZoneId zone,
                          Map<Severity, String> responseTargets, MailLimits limits, DemoServer demoServer) {

    public static final String PREFIX = "intake.email";
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"()\\[\\]\\\\]+@[^@\\s<>,;\"()\\[\\]\\\\]+");

    /** The agreement's promises (SLA.md), {@code {due}} standing for the deadline in {@link #zone}. */
    public static final Map<Severity, String> DEFAULT_RESPONSE_TARGETS = Map.of(
            Severity.CRITICAL, "within 15 minutes; we will acknowledge at the latest by {due}",
            Severity.DEGRADED, "within 4 hours, at the latest by {due}",
            Severity.LOW, "within one business day, at the latest by {due}");

    public EmailConfig {
        List<String> problems = new ArrayList<>();
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        for (int i = 0; i < mailboxes.size(); i++) {
            MailboxConfig m = mailboxes.get(i);
            if (m == null) {
                problems.add(PREFIX + ".mailboxes[" + i + "]: is empty; give url, username and password");
            } else {
                problems.addAll(m.problems(PREFIX + ".mailboxes[" + i + "]"));
                for (int j = 0; j < i; j++) {
                    if (m.sameMailbox(mailboxes.get(j))) {
                        problems.add(PREFIX + ".mailboxes[" + i + "]: is the same mailbox and folder as mailboxes[" + j + "]");
                    }
                }
            }
        }
        if (smtp != null) {
            problems.addAll(smtp.problems(PREFIX + ".smtp"));
        }
        from = from == null ? null : from.strip();
        if (from == null || from.isEmpty()) {
            problems.add(PREFIX + ".from: is required (the acknowledgement's From address, e.g. help@example.com)");
        } else if (!ADDRESS.matcher(from).matches()) {
            problems.add(PREFIX + ".from: '" + shorten(from) + "' is not a plain email address (like help@example.com)");
        }
        if (fromName != null && fromName.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(PREFIX + ".from-name: must be one line without control characters");
        }
        if (ackLimit < 0) {
            problems.add(PREFIX + ".ack-limit: must not be negative (was " + ackLimit + "); 0 sends no acknowledgements");
        }
        ackLimitWindow = ackLimitWindow == null ? Duration.ofHours(1) : ackLimitWindow;
        if (ackLimitWindow.isNegative() || ackLimitWindow.isZero()) {
            problems.add(PREFIX + ".ack-limit-window: must be positive (was " + ackLimitWindow + ")");
        }
        zone = zone == null ? ZoneId.of("America/New_York") : zone;
        Map<Severity, String> targets = new EnumMap<>(DEFAULT_RESPONSE_TARGETS);
        if (responseTargets != null) {
            responseTargets.forEach((severity, words) -> {
                if (severity == null || words == null || words.isBlank() || words.chars().anyMatch(c -> c < 0x20)) {
                    problems.add(PREFIX + ".response-targets." + severity + ": must be one non-blank line");
                } else {
                    targets.put(severity, words.strip());
                }
            });
        }
        responseTargets = Map.copyOf(targets);
        limits = limits == null ? MailLimits.DEFAULTS : limits;
        demoServer = demoServer == null ? DemoServer.DEFAULTS : demoServer;
        problems.addAll(demoServer.problems(PREFIX + ".demo-server"));
        if (!problems.isEmpty()) {
            throw new EmailConfigException(problems);
        }
    }

    /** A configuration with the defaults and the given mailboxes, SMTP server and From address. */
    public static EmailConfig of(List<MailboxConfig> mailboxes, SmtpConfig smtp, String from) {
        return new EmailConfig(mailboxes, smtp, from, null, null, false, 5, null, null, null, null, null);
    }

    /** Whether the gateway should start {@link DemoMailServer}: as configured, else only when no mailbox is given. */
    public boolean demoServerEnabled() {
        return demoServer.enabled() != null ? demoServer.enabled() : mailboxes.isEmpty();
    }

    /** This configuration polling the running demo server's help@ mailbox and sending through its SMTP port. */
    public EmailConfig withDemoServer(DemoMailServer server) {
        List<MailboxConfig> boxes = new ArrayList<>(mailboxes);
        boxes.add(server.mailbox());
        return new EmailConfig(boxes, server.smtp(), from, fromName, templateFolder, ackUpdates, ackLimit,
                ackLimitWindow, zone, responseTargets, limits, demoServer);
    }

    public EmailConfig withMailboxes(List<MailboxConfig> boxes) {
        return new EmailConfig(boxes, smtp, from, fromName, templateFolder, ackUpdates, ackLimit, ackLimitWindow, zone,
                responseTargets, limits, demoServer);
    }

    public EmailConfig withAcks(boolean acknowledgeUpdates, int limit, Duration window) {
        return new EmailConfig(mailboxes, smtp, from, fromName, templateFolder, acknowledgeUpdates, limit, window, zone,
                responseTargets, limits, demoServer);
    }

    public EmailConfig withTemplateFolder(Path folder) {
        return new EmailConfig(mailboxes, smtp, from, fromName, folder, ackUpdates, ackLimit, ackLimitWindow, zone,
                responseTargets, limits, demoServer);
    }

    public EmailConfig withLimits(MailLimits mailLimits) {
        return new EmailConfig(mailboxes, smtp, from, fromName, templateFolder, ackUpdates, ackLimit, ackLimitWindow,
                zone, responseTargets, mailLimits, demoServer);
    }

    /** The domain of {@link #from}, used in the Message-IDs of acknowledgements. */
    public String fromDomain() {
        return from.substring(from.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    static String shorten(String value) {
        String v = value.replaceAll("\\p{Cntrl}", "?");
        return v.length() <= 60 ? v : v.substring(0, 57) + "...";
    }

    /**
     * {@code intake.email.demo-server}: an embedded GreenMail (SMTP and IMAP on 127.0.0.1, user help@localhost).
     *
     * @param enabled  {@code enabled}: null means "only when no mailbox is configured"
     * @param smtpPort {@code smtp-port}: 0 picks a free port (default 3025)
     * @param imapPort {@code imap-port}: 0 picks a free port (default 3143)
     */
    public record DemoServer(Boolean enabled, int smtpPort, int imapPort) {

        public static final DemoServer DEFAULTS = new DemoServer(null, 3025, 3143);

        List<String> problems(String prefix) {
            List<String> problems = new ArrayList<>();
            if (smtpPort < 0 || smtpPort > 65535) {
                problems.add(prefix + ".smtp-port: " + smtpPort + " is not a port (0 to 65535, 0 picks a free one)");
            }
            if (imapPort < 0 || imapPort > 65535) {
                problems.add(prefix + ".imap-port: " + imapPort + " is not a port (0 to 65535, 0 picks a free one)");
            }
            return problems;
        }
    }
}
