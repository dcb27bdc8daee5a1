package io.intake.email.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns bytes in a declared charset into text, with a sane fallback for mislabelled and unknown charsets: the
 * declared charset if the bytes are valid in it, else UTF-8 if they are valid UTF-8, else windows-1252 (which maps
 * every byte). Labels are read the way browsers read them: gb2312 is decoded as GB18030, iso-8859-1 and us-ascii as
 * windows-1252, ks_c_5601-1987 as windows-949. UTF-7, which Java lacks, is decoded by {@link Utf7}.
 */
public final class TextDecoding {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("gb2312", "GB18030"), Map.entry("gb_2312-80", "GB18030"), Map.entry("x-gbk", "GB18030"),
            Map.entry("gbk", "GB18030"), Map.entry("euc-cn", "GB18030"), Map.entry("cp936", "GB18030"),
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("latin1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"), Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"), Map.entry("ansi_x3.4-1968", "windows-1252"),
            Map.entry("ks_c_5601-1987", "x-windows-949"), Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"), Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("shift-jis", "windows-31j"), Map.entry("shift_jis", "windows-31j"), Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"), Map.entry("utf8", "UTF-8"), Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("big5", "Big5-HKSCS"), Map.entry("tis-620", "x-windows-874"), Map.entry("iso-8859-11", "x-windows-874"));

    private TextDecoding() {
    }

    /** The Java charset for a MIME label, or null when the label is unknown (or is UTF-7, see {@link #isUtf7}). */
    public static Charset charsetFor(String label) {
        String name = clean(label);
        if (name.isEmpty() || isUtf7(name)) {
            return null;
        }
        String alias = ALIASES.get(name);
        try {
            return Charset.forName(alias != null ? alias : name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static boolean isUtf7(String label) {
        String name = clean(label);
        return name.equals("utf-7") || name.equals("unicode-1-1-utf-7") || name.equals("x-utf-7");
    }

    /**
     * Decodes {@code bytes} declared as {@code label} (may be null), reporting each fallback to {@code notes} (may be
     * null). Never throws.
     */
    public static String decode(byte[] bytes, String label, Consumer<String> notes) {
        if (bytes.length == 0) {
            return "";
        }
        if (isUtf7(label)) {
            return Utf7.decode(bytes);
        }
        Charset declared = charsetFor(label);
        if (declared == null && label != null && !clean(label).isEmpty() && notes != null) {
            notes.accept("unknown charset '" + clean(label) + "'; decoded as UTF-8 or windows-1252");
        }
        if (declared == null || declared.equals(WINDOWS_1252) || declared.equals(StandardCharsets.UTF_8)) {
            // Unlabelled, ASCII/Latin-1 labelled and UTF-8 labelled text: UTF-8 when valid, else windows-1252.
            if (isAscii(bytes)) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
            String utf8 = strict(bytes, StandardCharsets.UTF_8);
            if (utf8 != null) {
                return utf8;
            }
            if (declared != null && declared.equals(StandardCharsets.UTF_8) && notes != null) {
                notes.accept("text labelled UTF-8 is not valid UTF-8; decoded as windows-1252");
            }
            return new String(bytes, WINDOWS_1252);
        }
        String text = strict(bytes, declared);
        if (text != null) {
            return text;
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            if (notes != null) {
                notes.accept("text labelled " + declared.name() + " is not valid in it but is UTF-8; decoded as UTF-8");
            }
            return utf8;
        }
        if (notes != null) {
            notes.accept("text labelled " + declared.name() + " contains invalid bytes; they were replaced");
        }
        return new String(bytes, declared);
    }

    /** Recovers a header value that Angus read byte-per-char (raw 8-bit header text): UTF-8 if valid, else windows-1252. */
    public static String recoverRawHeader(String value) {
        if (value == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        return decode(value.getBytes(StandardCharsets.ISO_8859_1), null, null);
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String strict(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String clean(String label) {
        if (label == null) {
            return "";
        }
        String name = label.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        int star = name.indexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (star > 0) {
            name = name.substring(0, star);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
