package io.intake.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the walker needs to know about one MIME part, read leniently: its type, parameters, disposition, decoded
 * file name and raw (still transfer-encoded) bytes.
 *
 * @param type        lower-case type/subtype; text/plain when missing or unreadable (message/rfc822 in a digest)
 * @param charset     the charset parameter, or null
 * @param contentType the parsed Content-Type, for other parameters (boundary, report-type, format)
 * @param attachment  true when Content-Disposition says attachment
 * @param inline      true when Content-Disposition says inline
 * @param filename    the decoded file name (RFC 2231 / RFC 2047 / raw 8-bit), or null
 * @param contentId   Content-ID without angle brackets, or null
 * @param encoding    Content-Transfer-Encoding, lower case, or null
 */
record PartFacts(String type, String charset, ContentType contentType, boolean attachment, boolean inline,
                 String filename, String contentId, String encoding) {

    private static final Pattern PARAM = Pattern.compile("(?i)(?:^|;)\\s*(file)?name\\*?(?:0\\*?)?\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    static PartFacts of(MimePart part, boolean inDigest) {
        String rawType = HeaderFields.raw(part, "Content-Type");
        ContentType type = parseType(rawType, inDigest);
        String rawDisposition = HeaderFields.raw(part, "Content-Disposition");
        ContentDisposition disposition = parseDisposition(rawDisposition);
        String dispositionName = disposition == null ? "" : String.valueOf(disposition.getDisposition()).toLowerCase(Locale.ROOT);
        String filename = disposition == null ? null : disposition.getParameter("filename");
        if (filename == null) {
            filename = type.getParameter("name");
        }
        if (filename == null) {
            filename = fallbackName(rawDisposition);
        }
        if (filename == null) {
            filename = fallbackName(rawType);
        }
        String encoding = HeaderFields.raw(part, "Content-Transfer-Encoding");
        String cid = HeaderFields.raw(part, "Content-ID");
        return new PartFacts(type.getBaseType().toLowerCase(Locale.ROOT), type.getParameter("charset"), type,
                dispositionName.equals("attachment"), dispositionName.equals("inline"), decodeName(filename),
                cid == null ? null : cid.strip().replaceAll("^<|>$", ""),
                encoding == null ? null : encoding.strip().toLowerCase(Locale.ROOT));
    }

    boolean isMultipart() {
        return type.startsWith("multipart/");
    }

    boolean isText() {
        return type.equals("text/plain") || type.equals("text/html");
    }

    boolean isEnclosedMessage() {
        return type.equals("message/rfc822") || type.equals("message/global");
    }

    String param(String name) {
        return contentType.getParameter(name);
    }

    /** The still transfer-encoded bytes of the part's content. */
    static byte[] rawContent(MimePart part) throws IOException, MessagingException {
        InputStream in = part instanceof MimeMessage message ? message.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream();
        try (in) {
            return in.readAllBytes();
        }
    }

    private static ContentType parseType(String raw, boolean inDigest) {
        ContentType fallback = new ContentType(inDigest ? "message" : "text", inDigest ? "rfc822" : "plain", null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            ContentType type = new ContentType(windowsPaths(raw));
            if (type.getSubType() == null || type.getSubType().isEmpty()) {
                type.setSubType(type.getPrimaryType().equalsIgnoreCase("text") ? "plain" : "octet-stream");
            }
            return type;
        } catch (ParseException | RuntimeException e) {
            String base = raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (base.equals("text")) {
                return fallback.match("text/plain") ? fallback : new ContentType("text", "plain", null);
            }
            int slash = base.indexOf('/');
            if (slash > 0 && base.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
                ContentType partial = new ContentType(base.substring(0, slash), base.substring(slash + 1), null);
                Matcher boundary = Pattern.compile("(?i)boundary\\s*=\\s*\"?([^\";]+)\"?").matcher(raw);
                if (boundary.find()) {
                    partial.setParameter("boundary", boundary.group(1));
                }
                Matcher charset = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)\"?").matcher(raw);
                if (charset.find()) {
                    partial.setParameter("charset", charset.group(1));
                }
                return partial;
            }
            return fallback;
        }
    }

    private static ContentDisposition parseDisposition(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new ContentDisposition(windowsPaths(raw));
        } catch (ParseException | RuntimeException e) {
            try {
                return new ContentDisposition(raw.split(";", 2)[0].strip());
            } catch (ParseException | RuntimeException again) {
                return null;
            }
        }
    }

    /**
     * Windows mailers put paths like "C:\TEMP\file.png" in quoted parameters without escaping the backslashes; read
     * them as path separators (so the base name survives) rather than as quoting escapes.
     */
    private static String windowsPaths(String raw) {
        return raw.indexOf('\\') < 0 ? raw : raw.replaceAll("\\\\(?![\"\\\\])", "/");
    }

    /** Parameters the strict parser refused (unquoted specials, broken RFC 2231 sections). */
    private static String fallbackName(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = PARAM.matcher(raw);
        if (!m.find()) {
            return null;
        }
        String value = m.group(3) != null ? m.group(3) : m.group(2);
        if (raw.substring(m.start(), m.end()).contains("*")) {
            return rfc2231(value);
        }
        return value;
    }

    /** charset'lang'percent-encoded, as left undecoded by a parameter list that could not decode it. */
    static String rfc2231(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return value;
        }
        String charset = value.substring(0, first);
        String encoded = value.substring(second + 1);
        try {
            byte[] bytes = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
            return TextDecoding.decode(bytes, charset, null);
        } catch (RuntimeException e) {
            return encoded;
        }
    }

    private static String decodeName(String name) {
        if (name == null) {
            return null;
        }
        String decoded = EncodedWords.decode(HeaderFields.unfold(name)).strip();
        if (decoded.matches("(?s)[^']*'[^']*'.*%[0-9A-Fa-f]{2}.*")) {
            decoded = rfc2231(decoded);
        }
        return decoded.isEmpty() ? null : decoded;
    }
}
