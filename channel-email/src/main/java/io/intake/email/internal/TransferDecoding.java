package io.intake.email.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Content-Transfer-Encoding decoding that never throws: base64 skips what is not base64 and stops at padding,
 * quoted-printable keeps malformed escapes as they are, uuencode reads the {@code begin} block, x-gzip64 is base64
 * then gunzip. Unknown encodings pass the bytes through.
 */
public final class TransferDecoding {

    /** Decoded bytes and whether the input was damaged (characters outside the encoding before its end). */
    public record Decoded(byte[] bytes, boolean damaged) {
    }

    /** A gzip body inflates at most this far, so a small "x-gzip64" part cannot become a decompression bomb. */
    static final int MAX_INFLATED = 32 * 1024 * 1024;

    private static final byte[] B64 = new byte[128];

    static {
        java.util.Arrays.fill(B64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            B64[alphabet.charAt(i)] = (byte) i;
        }
        B64['-'] = 62; // base64url, seen in the wild
        B64['_'] = 63;
    }

    private TransferDecoding() {
    }

    public static Decoded decode(byte[] raw, String encoding) {
        String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "base64":
                return base64(raw);
            case "quoted-printable":
                return new Decoded(quotedPrintable(raw), false);
            case "x-uuencode", "uuencode", "x-uue", "uue":
                return uudecode(raw);
            case "x-gzip64":
                return gunzip(base64(raw));
            default:
                return new Decoded(raw, false);
        }
    }

    public static Decoded base64(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4 + 3);
        int bits = 0;
        int count = 0;
        boolean damaged = false;
        for (byte b : in) {
            int c = b & 0xff;
            if (c == '=') {
                break; // padding: the data ends here, whatever follows is ignored
            }
            int v = c < 128 ? B64[c] : -1;
            if (v < 0) {
                if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
                    damaged = true;
                }
                continue;
            }
            bits = (bits << 6) | v;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out.write((bits >> count) & 0xff);
            }
        }
        return new Decoded(out.toByteArray(), damaged);
    }

    static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int n = in.length;
        for (int i = 0; i < n; i++) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            int j = i + 1;
            while (j < n && (in[j] == ' ' || in[j] == '\t')) {
                j++; // transport padding after a soft break
            }
            if (j < n && (in[j] == '\r' || in[j] == '\n')) {
                i = in[j] == '\r' && j + 1 < n && in[j + 1] == '\n' ? j + 1 : j; // soft line break
            } else if (j == n) {
                i = n;
            } else if (i + 2 < n && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b); // malformed escape: keep it literally
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xff), 16);
    }

    private static Decoded uudecode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4);
        String[] lines = new String(in, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r?\n");
        boolean inside = false;
        boolean damaged = false;
        for (String line : lines) {
            if (!inside) {
                inside = line.startsWith("begin ");
                continue;
            }
            if (line.equals("end") || line.isEmpty()) {
                break;
            }
            int len = (line.charAt(0) - 32) & 63;
            int written = 0;
            for (int i = 1; i + 3 < line.length() + 3 && written < len; i += 4) {
                int[] q = new int[4];
                for (int k = 0; k < 4; k++) {
                    q[k] = i + k < line.length() ? (line.charAt(i + k) - 32) & 63 : 0;
                }
                int[] bytes = {q[0] << 2 | q[1] >> 4, (q[1] & 15) << 4 | q[2] >> 2, (q[2] & 3) << 6 | q[3]};
                for (int k = 0; k < 3 && written < len; k++, written++) {
                    out.write(bytes[k] & 0xff);
                }
            }
            damaged |= written < len;
        }
        return inside ? new Decoded(out.toByteArray(), damaged) : new Decoded(in, true);
    }

    private static Decoded gunzip(Decoded base64) {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(base64.bytes()))) {
            byte[] inflated = gz.readNBytes(MAX_INFLATED);
            return new Decoded(inflated, base64.damaged() || gz.read() >= 0);
        } catch (IOException | RuntimeException e) {
            return new Decoded(base64.bytes(), true);
        }
    }
}
