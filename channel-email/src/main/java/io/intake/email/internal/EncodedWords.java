package io.intake.email.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words leniently: words inside other text and quoted strings are decoded too, whitespace
 * between adjacent encoded words is dropped, and adjacent words in the same charset are joined as bytes before
 * decoding (senders split multi-byte characters across words). Charsets go through {@link TextDecoding}, so
 * gb2312, UTF-7 and mislabelled text decode like bodies do. Raw 8-bit header bytes are recovered as UTF-8 or
 * windows-1252.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    /** Decodes a header value; null stays null. Never throws. */
    public static String decode(String value) {
        if (value == null) {
            return null;
        }
        String text = TextDecoding.recoverRawHeader(value);
        if (!text.contains("=?")) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String between = text.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(between);
                }
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : qword(m.group(3));
            pending.writeBytes(bytes);
            pendingCharset = charset;
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (charset != null && pending.size() > 0) {
            out.append(TextDecoding.decode(pending.toByteArray(), charset, null));
        }
        pending.reset();
    }

    private static byte[] base64(String data) {
        return TransferDecoding.base64(data.getBytes(StandardCharsets.ISO_8859_1)).bytes();
    }

    private static byte[] qword(String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < data.length() && isHex(data.charAt(i + 1)) && isHex(data.charAt(i + 2))) {
                out.write(Integer.parseInt(data.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
