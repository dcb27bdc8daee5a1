package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the {@link WebhookTrackerSink}, under {@code intake.tracker.webhook}. Every problem is reported at once,
 * naming the property; the secret is never shown, not even by {@link #toString()}.
 *
 * @param url            where new tickets are POSTed (http or https, no credentials in the URL)
 * @param secret         shared secret for the HMAC-SHA256 signature, at least 16 characters (secret)
 * @param connectTimeout how long to wait for the connection; default 5 seconds
 * @param requestTimeout how long to wait for the whole answer; default 30 seconds
 * @param updateUrl      where updates are POSTed; default {@code url}
 * @param userAgent      the {@code User-Agent} header; default {@value #DEFAULT_USER_AGENT}
 */
public record WebhookConfig(URI url, String secret, Duration connectTimeout, Duration requestTimeout, URI updateUrl,
                            String userAgent) {

    public static final int MIN_SECRET_LENGTH = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    public static final String DEFAULT_USER_AGENT = "intake-gateway-webhook/1";

    private static final String PREFIX = "intake.tracker.webhook.";

    public WebhookConfig {
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        updateUrl = updateUrl == null ? url : updateUrl;
        userAgent = userAgent == null ? DEFAULT_USER_AGENT : userAgent;
        List<String> problems = new ArrayList<>();
        checkUrl(problems, "url", url);
        if (!Objects.equals(updateUrl, url)) {
            checkUrl(problems, "update-url", updateUrl);
        }
        if (secret == null || secret.isBlank() || secret.length() < MIN_SECRET_LENGTH) {
            problems.add(PREFIX + "secret: is required and must have at least " + MIN_SECRET_LENGTH
                    + " characters (value not shown)");
        }
        checkTimeout(problems, "connect-timeout", connectTimeout);
        checkTimeout(problems, "request-timeout", requestTimeout);
        if (userAgent.isBlank() || userAgent.length() > 200 || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            problems.add(PREFIX + "user-agent: '" + printable(userAgent)
                    + "' is not allowed; use 1 to 200 printable ASCII characters");
        }
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            int colon = first.indexOf(": ");
            throw new InvalidFieldException(first.substring(0, colon),
                    first.substring(colon + 2) + (problems.size() > 1 ? "; " + String.join("; ", problems.subList(1, problems.size())) : ""));
        }
    }

    /** One URL for tickets and updates, default timeouts and user agent. */
    public static WebhookConfig of(URI url, String secret) {
        return new WebhookConfig(url, secret, null, null, null, null);
    }

    /** A copy with other timeouts. */
    public WebhookConfig withTimeouts(Duration connect, Duration request) {
        return new WebhookConfig(url, secret, connect, request, updateUrl, userAgent);
    }

    /** A copy that POSTs updates to another URL. */
    public WebhookConfig withUpdateUrl(URI updates) {
        return new WebhookConfig(url, secret, connectTimeout, requestTimeout, updates, userAgent);
    }

    /** The URL without credentials, query or fragment, which may carry tokens: what messages and logs show. */
    public static String redacted(URI uri) {
        if (uri == null) {
            return "null";
        }
        String text = uri.toString();
        int cut = text.length();
        for (char c : new char[] {'?', '#'}) {
            int at = text.indexOf(c);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        text = text.substring(0, cut);
        return uri.getRawUserInfo() == null ? text : text.replace(uri.getRawUserInfo() + "@", "***@");
    }

    @Override
    public String toString() {
        return "WebhookConfig[url=" + redacted(url) + ", updateUrl=" + redacted(updateUrl) + ", secret=(hidden)"
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", userAgent=" + userAgent + "]";
    }

    private static void checkUrl(List<String> problems, String field, URI uri) {
        if (uri == null) {
            problems.add(PREFIX + field + ": is required; an absolute http or https URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            problems.add(PREFIX + field + ": '" + printable(redacted(uri)) + "' is not allowed; an absolute http or https URL with a host");
        } else if (uri.getRawUserInfo() != null) {
            problems.add(PREFIX + field + ": must not carry credentials (user info); the HMAC signature authenticates the gateway");
        }
    }

    private static void checkTimeout(List<String> problems, String field, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            problems.add(PREFIX + field + ": " + timeout + " is not allowed; more than zero and at most " + MAX_TIMEOUT);
        }
    }

    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }
}
