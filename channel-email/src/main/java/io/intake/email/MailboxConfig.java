package io.intake.email;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One polled mailbox, {@code intake.email.mailboxes[i]}. Validated by {@link EmailConfig}, which reports every problem
 * at once; {@link #toString()} never shows the password.
 *
 * @param url              {@code url}: {@code imap://host[:port]}, {@code imaps://host[:port]}, {@code pop3://host[:port]}
 *                         or {@code pop3s://host[:port]}
 * @param username         {@code username}: the login
 * @param password         {@code password}: secret; never logged
 * @param folder           {@code folder}: the folder polled (default {@code INBOX}; POP3 has only INBOX)
 * @param pollInterval     {@code poll-interval}: time between polls (default 10 s)
 * @param quarantineFolder {@code quarantine-folder}: where a message that keeps failing is moved, created if missing
 *                         (default {@code Quarantine}; IMAP only)
 * @param maxAttempts      {@code max-attempts}: failed attempts before a message is quarantined (default 5)
 * @param processedFolder  {@code processed-folder}: when set, accepted mail is moved there instead of only being
 *                         marked seen (IMAP only); null keeps it in the folder
 */
public record MailboxConfig(String url, String username, String password, String folder, Duration pollInterval,
                            String quarantineFolder, int maxAttempts, String processedFolder) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public MailboxConfig {
        folder = folder == null || folder.isBlank() ? "INBOX" : folder.strip();
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        quarantineFolder = quarantineFolder == null || quarantineFolder.isBlank() ? "Quarantine" : quarantineFolder.strip();
        maxAttempts = maxAttempts == 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        processedFolder = processedFolder == null || processedFolder.isBlank() ? null : processedFolder.strip();
    }

    /** A mailbox with the defaults for folder, poll interval, quarantine and attempts. */
    public static MailboxConfig of(String url, String username, String password) {
        return new MailboxConfig(url, username, password, null, null, null, 0, null);
    }

    public MailboxConfig withPollInterval(Duration interval) {
        return new MailboxConfig(url, username, password, folder, interval, quarantineFolder, maxAttempts, processedFolder);
    }

    public MailboxConfig withMaxAttempts(int attempts) {
        return new MailboxConfig(url, username, password, folder, pollInterval, quarantineFolder, attempts, processedFolder);
    }

    public MailboxConfig withProcessedFolder(String folderName) {
        return new MailboxConfig(url, username, password, folder, pollInterval, quarantineFolder, maxAttempts, folderName);
    }

    /** {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}. */
    public String protocol() {
        return URI.create(url.strip()).getScheme().toLowerCase(Locale.ROOT);
    }

    public String host() {
        return URI.create(url.strip()).getHost();
    }

    /** The port, or -1 for the protocol's default. */
    public int port() {
        return URI.create(url.strip()).getPort();
    }

    public boolean isPop3() {
        return protocol().startsWith("pop3");
    }

    /** A label safe for logs and health: protocol, host, port, folder; the user only by its first letter. */
    public String label() {
        String user = username == null || username.isEmpty() ? "?" : username.charAt(0) + "***";
        return protocol() + "://" + user + "@" + host() + (port() > 0 ? ":" + port() : "") + "/" + folder;
    }

    boolean sameMailbox(MailboxConfig other) {
        return other != null && Objects.equals(url, other.url) && Objects.equals(username, other.username)
                && Objects.equals(folder, other.folder);
    }

    List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add(prefix + ".url: is required, e.g. imaps://mail.example.com");
        } else {
            try {
                URI uri = URI.create(url.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!List.of("imap", "imaps", "pop3", "pop3s").contains(scheme)) {
                    problems.add(prefix + ".url: '" + EmailConfig.shorten(url) + "' must start with imap://, imaps://, pop3:// or pop3s://");
                } else if (uri.getHost() == null) {
                    problems.add(prefix + ".url: '" + EmailConfig.shorten(url) + "' names no host");
                } else if (uri.getUserInfo() != null || uri.getQuery() != null) {
                    problems.add(prefix + ".url: give the user and password as username and password, not in the url");
                }
            } catch (IllegalArgumentException e) {
                problems.add(prefix + ".url: '" + EmailConfig.shorten(url) + "' is not a URL");
            }
        }
        if (username == null || username.isBlank()) {
            problems.add(prefix + ".username: is required");
        }
        if (password == null) {
            problems.add(prefix + ".password: is required (may be empty)");
        }
        if (pollInterval.isNegative() || pollInterval.toMillis() < 10) {
            problems.add(prefix + ".poll-interval: " + pollInterval + " is too short; at least 10 ms");
        }
        if (maxAttempts < 1) {
            problems.add(prefix + ".max-attempts: must be at least 1 (was " + maxAttempts + ")");
        }
        if (quarantineFolder.equals(folder)) {
            problems.add(prefix + ".quarantine-folder: must differ from folder '" + folder + "'");
        }
        if (folder.equals(processedFolder)) {
            problems.add(prefix + ".processed-folder: must differ from folder '" + folder + "'");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "MailboxConfig[url=" + url + ", username=" + username + ", password=***, folder=" + folder
                + ", pollInterval=" + pollInterval + ", quarantineFolder=" + quarantineFolder + ", maxAttempts="
                + maxAttempts + ", processedFolder=" + processedFolder + "]";
    }
}
