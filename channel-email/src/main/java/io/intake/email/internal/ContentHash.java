package io.intake.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The identity of a mail without a usable Message-ID: a SHA-256 over its bytes with the header fields that each
 * receiving server adds left out (Received, Return-Path, Delivered-To, ...), so the same mail delivered to two
 * mailboxes, or fetched again, hashes the same while any change by the sender does not.
 */
public final class ContentHash {

    /** Header fields added or rewritten in transit, per copy (RFC 5321 trace fields and common relatives). */
    private static final Set<String> TRANSIT = Set.of("received", "return-path", "delivered-to", "x-original-to",
            "envelope-to", "x-envelope-to", "x-delivered-to", "x-received", "authentication-results",
            "arc-seal", "arc-message-signature", "arc-authentication-results", "received-spf", "x-spam-status",
            "x-spam-score", "x-spam-level", "x-spam-flag", "x-virus-scanned", "status", "x-status", "x-uid",
            "x-keywords", "x-mozilla-status", "x-mozilla-status2", "content-length", "lines");

    private ContentHash() {
    }

    public static String of(byte[] raw) {
        MessageDigest sha = sha256();
        int bodyStart = bodyStart(raw);
        boolean skip = false;
        for (int i = 0; i < bodyStart; ) {
            int end = lineEnd(raw, i, bodyStart);
            boolean continuation = raw[i] == ' ' || raw[i] == '\t';
            if (!continuation) {
                skip = TRANSIT.contains(fieldName(raw, i, end));
            }
            if (!skip) {
                sha.update(raw, i, end - i);
            }
            i = end;
        }
        sha.update(raw, bodyStart, raw.length - bodyStart);
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The index after the blank line that ends the header section, or the end when there is none. */
    private static int bodyStart(byte[] raw) {
        for (int i = 0; i < raw.length; ) {
            int end = lineEnd(raw, i, raw.length);
            int content = end;
            while (content > i && (raw[content - 1] == '\n' || raw[content - 1] == '\r')) {
                content--;
            }
            if (content == i) {
                return end;
            }
            i = end;
        }
        return raw.length;
    }

    private static int lineEnd(byte[] raw, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    private static String fieldName(byte[] raw, int from, int end) {
        for (int i = from; i < end; i++) {
            if (raw[i] == ':') {
                return new String(raw, from, i - from, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
