package io.intake.email.internal;

import java.nio.charset.StandardCharsets;

/** A lenient RFC 2152 UTF-7 decoder (Java has none); malformed shifts are kept as the characters they were. */
final class Utf7 {

    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Utf7() {
    }

    static String decode(byte[] bytes) {
        String in = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(in.length());
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < in.length() && B64.indexOf(in.charAt(end)) >= 0) {
                end++;
            }
            if (end == i + 1) {
                out.append('+'); // "+-" is a literal plus; a lone '+' is kept
                i = end < in.length() && in.charAt(end) == '-' ? end + 1 : end;
                continue;
            }
            int bits = 0;
            int bitCount = 0;
            StringBuilder shifted = new StringBuilder();
            for (int k = i + 1; k < end; k++) {
                bits = (bits << 6) | B64.indexOf(in.charAt(k));
                bitCount += 6;
                if (bitCount >= 16) {
                    bitCount -= 16;
                    shifted.append((char) ((bits >> bitCount) & 0xffff));
                }
            }
            out.append(shifted);
            i = end < in.length() && in.charAt(end) == '-' ? end + 1 : end;
        }
        return out.toString();
    }
}
