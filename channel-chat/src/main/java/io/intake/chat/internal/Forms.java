package io.intake.chat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Requester;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading what visitors send: fields with their limits, the requester, identifiers and tokens. */
public final class Forms {

    public static final int MAX_NAME = 200;
    public static final int MAX_ACCOUNT = 64;
    public static final int MAX_SITE = 200;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CLIENT_REF = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern CHAT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private Forms() {
    }

    /** Who a visitor is, from the pre-chat or leave-a-message form. */
    public record Contact(String name, String email, String account, String site, Requester requester) {
    }

    /**
     * Reads name, email, account (required or not) and the optional site, adding a problem per bad field; the
     * requester is null when there is a problem.
     */
    public static Contact contact(JsonNode body, boolean accountRequired, List<Map<String, String>> problems) {
        String name = field(body, "name", MAX_NAME, true, problems);
        String email = field(body, "email", Requester.MAX_EMAIL, true, problems);
        String account = field(body, "account", MAX_ACCOUNT, accountRequired, problems);
        String site = field(body, "site", MAX_SITE, false, problems);
        Requester requester = requester(name, email, account, problems);
        return new Contact(name, email, account, site, problems.isEmpty() ? requester : null);
    }

    /** A single-line text field, stripped; null when absent; a problem when required and absent or too long. */
    public static String field(JsonNode body, String name, int max, boolean required, List<Map<String, String>> problems) {
        JsonNode node = body.path(name);
        String value = node.isTextual() ? node.asText().strip() : null;
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(Replies.problem(name, "is required"));
            }
            return null;
        }
        if (value.length() > max) {
            problems.add(Replies.problem(name, "is " + value.length() + " characters; at most " + max));
            return null;
        }
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch >= 0x7f && ch < 0xa0)) {
            problems.add(Replies.problem(name, "must be one line without control characters"));
            return null;
        }
        return value;
    }

    /** The requester the fields describe, or null with the problem added (an email that is not one). */
    static Requester requester(String name, String email, String account, List<Map<String, String>> problems) {
        try {
            return new Requester(name, email, null, account);
        } catch (InvalidFieldException e) {
            String field = e.field().startsWith("requester.") ? e.field().substring("requester.".length()) : e.field();
            if (problems.stream().noneMatch(p -> p.get("field").equals(field))) {
                problems.add(Replies.problem(field, e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip()));
            }
            return null;
        }
    }

    /** A message's text, stripped, line ends as {@code \n}; empty when absent. */
    public static String text(JsonNode body) {
        JsonNode node = body.path("text");
        return node.isTextual() ? node.asText().replace("\r\n", "\n").replace('\r', '\n').strip() : "";
    }

    /**
     * True when the text holds a control character other than a line end or a tab (a NUL, an escape sequence): such a
     * text is refused, as no store, tracker or screen should have to take it.
     */
    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(ch -> ch != '\n' && ch != '\t' && (ch < 0x20 || ch >= 0x7f && ch < 0xa0));
    }

    /** A site as the visitor typed it, as a site id: at most 64 characters. */
    public static String siteId(String site) {
        String id = site.strip();
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /** One line of at most 80 characters, for subjects and the agents' queue. */
    public static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 79) + "…";
    }

    public static boolean isChatId(String value) {
        return CHAT_ID.matcher(value).matches();
    }

    public static boolean isClientRef(String value) {
        return CLIENT_REF.matcher(value).matches();
    }

    /** Random bytes, URL-safe base64: chat ids (16 bytes) and resume tokens (32 bytes). */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of a token, hex: the store keeps this, never the token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares a token with a stored hash in constant time. */
    public static boolean tokenMatches(String token, String storedHash) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
