package io.intake.email.internal;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** File names for parts that came without one, and content types for names that came without a type. */
final class PartNames {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/png", "png"), Map.entry("image/jpeg", "jpg"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("image/bmp", "bmp"), Map.entry("image/tiff", "tif"),
            Map.entry("audio/basic", "au"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/wav", "wav"),
            Map.entry("video/mp4", "mp4"), Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"),
            Map.entry("text/html", "html"), Map.entry("text/enriched", "txt"), Map.entry("text/richtext", "rtx"), Map.entry("text/calendar", "ics"),
            Map.entry("message/rfc822", "eml"), Map.entry("message/global", "eml"),
            Map.entry("message/delivery-status", "txt"), Map.entry("message/disposition-notification", "txt"),
            Map.entry("text/rfc822-headers", "txt"), Map.entry("application/pgp-signature", "asc"),
            Map.entry("application/ms-tnef", "dat"), Map.entry("application/zip", "zip"));

    private PartNames() {
    }

    static String fallback(String type, int number) {
        if (type.equals("message/delivery-status") || type.equals("message/disposition-notification")) {
            return type.substring("message/".length()) + (number > 1 ? "-" + number : "") + ".txt";
        }
        String ext = EXTENSIONS.getOrDefault(type, "bin");
        String stem = type.startsWith("image/") ? "image" : type.startsWith("message/") ? "message" : "attachment";
        return stem + "-" + number + "." + ext;
    }

    static String forMessage(String subject) {
        String stem = subject == null ? "" : subject.replaceAll("[^\\p{L}\\p{N} ._-]", "").replaceAll("\\s+", " ").strip();
        if (stem.length() > 80) {
            stem = stem.substring(0, 80).strip();
        }
        return (stem.isEmpty() ? "forwarded-message" : stem) + ".eml";
    }

    static String typeFor(String filename) {
        String guess = URLConnection.guessContentTypeFromName(filename.toLowerCase(Locale.ROOT));
        return guess == null ? "application/octet-stream" : guess.toLowerCase(Locale.ROOT);
    }
}
