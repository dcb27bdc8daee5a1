package io.intake.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of the web channel, under {@code intake.web.}. Checked when bound; every problem is reported at once,
 * naming the property to set.
 *
 * @param enabled        whether the form, the ticket API and the portal are served
 * @param customerZone   IANA zone response targets are shown in when the browser does not tell its own
 * @param attachmentsDir where uploaded files are kept (content-addressed); empty for {@code <intake.data-dir>/attachments}
 * @param staff          staff accounts for the portal (login form) and the staff API (HTTP Basic)
 * @param rateLimit      per-client limit on submissions (form, API, comments, logins)
 * @param upload         request and attachment size limits
 * @param portal         the live monitor
 */
@ConfigurationProperties("intake.web")
public record WebChannelProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("America/New_York") String customerZone,
                                   Path attachmentsDir,
                                   List<StaffUser> staff,
                                   @DefaultValue RateLimit rateLimit,
                                   @DefaultValue Upload upload,
                                   @DefaultValue Portal portal) {

    private static final Pattern BCRYPT = Pattern.compile("(\\{bcrypt})?\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public WebChannelProperties {
        staff = staff == null ? List.of() : List.copyOf(staff);
        List<String> problems = new ArrayList<>();
        try {
            ZoneId.of(customerZone);
        } catch (DateTimeException | NullPointerException e) {
            problems.add("intake.web.customer-zone: '" + customerZone + "' is not an IANA time zone such as America/New_York");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < staff.size(); i++) {
            StaffUser user = staff.get(i);
            String at = "intake.web.staff[" + i + "]";
            if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
                problems.add(at + ".username: is required; letters, digits and . _ @ - only, at most 64");
            } else if (!names.add(user.username())) {
                problems.add(at + ".username: '" + user.username() + "' is configured twice");
            }
            if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
                problems.add(at + ".password-hash: must be a bcrypt hash ($2a$/$2b$/$2y$...), never a plain password; "
                        + "make one with: htpasswd -bnBC 12 '' 'the-password' | tr -d ':\\n'");
            }
        }
        if (rateLimit.requestsPerMinute() < 1) {
            problems.add("intake.web.rate-limit.requests-per-minute: must be at least 1 (was " + rateLimit.requestsPerMinute() + ")");
        }
        if (rateLimit.burst() < 1) {
            problems.add("intake.web.rate-limit.burst: must be at least 1 (was " + rateLimit.burst() + ")");
        }
        if (rateLimit.maxClients() < 100) {
            problems.add("intake.web.rate-limit.max-clients: must be at least 100 (was " + rateLimit.maxClients() + ")");
        }
        if (upload.maxFiles() < 0 || upload.maxFiles() > 50) {
            problems.add("intake.web.upload.max-files: must be 0 to 50 (was " + upload.maxFiles() + ")");
        }
        if (upload.maxFileBytes() < 1) {
            problems.add("intake.web.upload.max-file-bytes: must be positive (was " + upload.maxFileBytes() + ")");
        }
        if (upload.maxRequestBytes() < 16 * 1024) {
            problems.add("intake.web.upload.max-request-bytes: must be at least 16384 (was " + upload.maxRequestBytes() + ")");
        }
        if (upload.maxDescriptionChars() < 100) {
            problems.add("intake.web.upload.max-description-chars: must be at least 100 (was " + upload.maxDescriptionChars() + ")");
        }
        if (portal.recentTickets() < 1 || portal.recentTickets() > 1000) {
            problems.add("intake.web.portal.recent-tickets: must be 1 to 1000 (was " + portal.recentTickets() + ")");
        }
        if (portal.refreshInterval() == null || portal.refreshInterval().toMillis() < 200) {
            problems.add("intake.web.portal.refresh-interval: must be at least 200ms (was " + portal.refreshInterval() + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid web channel settings:\n  " + String.join("\n  ", problems));
        }
    }

    public ZoneId zone() {
        return ZoneId.of(customerZone);
    }

    /**
     * A staff account.
     *
     * @param username     the login name
     * @param passwordHash bcrypt hash of the password (secret; never a plain password)
     * @param displayName  the name shown in the portal; the username when empty
     */
    public record StaffUser(String username, String passwordHash, String displayName) {

        @Override
        public String toString() {
            return "StaffUser[username=" + username + ", passwordHash=***]";
        }
    }

    /**
     * A token bucket per client address (the servlet's remote address; set {@code server.forward-headers-strategy}
     * behind a proxy).
     *
     * @param enabled           whether submissions are limited at all
     * @param requestsPerMinute sustained submissions per client per minute
     * @param burst             submissions a client may make at once before the limit applies
     * @param maxClients        most client addresses remembered; the idlest are forgotten first
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("20") int requestsPerMinute,
                            @DefaultValue("10") int burst, @DefaultValue("10000") int maxClients) {
    }

    /**
     * @param maxFiles            most attachments per submission
     * @param maxFileBytes        largest attachment
     * @param maxRequestBytes     largest request body (all fields and files); larger requests get 413
     * @param maxDescriptionChars longest description or comment
     */
    public record Upload(@DefaultValue("5") int maxFiles, @DefaultValue("10485760") long maxFileBytes,
                         @DefaultValue("26214400") long maxRequestBytes,
                         @DefaultValue("20000") int maxDescriptionChars) {
    }

    /**
     * @param recentTickets   tickets shown in the live monitor
     * @param refreshInterval how often the monitor's subscribers are sent a fresh snapshot
     */
    public record Portal(@DefaultValue("100") int recentTickets, @DefaultValue("2s") Duration refreshInterval) {
    }
}
