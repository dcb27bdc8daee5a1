package io.intake.email;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where acknowledgements are sent, {@code intake.email.smtp}; {@link #toString()} never shows the password.
 *
 * @param url      {@code url}: {@code smtp://host[:port]} (STARTTLS when the server offers it) or
 *                 {@code smtps://host[:port]}
 * @param username {@code username}: the login; null or empty for none
 * @param password {@code password}: secret; never logged
 */
public record SmtpConfig(String url, String username, String password) {

    public String protocol() {
        return URI.create(url.strip()).getScheme().toLowerCase(Locale.ROOT);
    }

    public String host() {
        return URI.create(url.strip()).getHost();
    }

    public int port() {
        return URI.create(url.strip()).getPort();
    }

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }

    List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add(prefix + ".url: is required, e.g. smtp://mail.example.com:587");
            return problems;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
                problems.add(prefix + ".url: '" + EmailConfig.shorten(url) + "' must start with smtp:// or smtps://");
            } else if (uri.getHost() == null) {
                problems.add(prefix + ".url: '" + EmailConfig.shorten(url) + "' names no host");
            } else if (uri.getUserInfo() != null) {
                problems.add(prefix + ".url: give the user and password as username and password, not in the url");
            }
        } catch (IllegalArgumentException e) {
            problems.add(prefix + ".url: '" + EmailConfig.shorten(url) + "' is not a URL");
        }
        if (authenticates() && password == null) {
            problems.add(prefix + ".password: is required when username is set");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "SmtpConfig[url=" + url + ", username=" + username + ", password=" + (password == null ? "null" : "***") + "]";
    }
}
