package io.intake.email.internal;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Makes the header block of raw mail readable before it reaches the MIME parser: an mbox "From " line is skipped,
 * input that does not start with a header is read as all body, a whitespace-only line ends the headers, and a line
 * that is neither a field nor a continuation ends the headers (it becomes the first body line).
 */
public final class HeaderBlockRepair {

    private static final int MAX_SCAN = 1 << 20;

    private HeaderBlockRepair() {
    }

    public static byte[] repair(byte[] raw, Consumer<String> notes) {
        int pos = 0;
        if (startsWith(raw, 0, "From ")) {
            pos = lineEnd(raw, 0);
        }
        int start = pos;
        boolean first = true;
        while (pos < raw.length && pos < MAX_SCAN) {
            int end = lineEnd(raw, pos);
            int contentEnd = end;
            while (contentEnd > pos && (raw[contentEnd - 1] == '\n' || raw[contentEnd - 1] == '\r')) {
                contentEnd--;
            }
            if (contentEnd == pos) {
                return start == 0 ? raw : Arrays.copyOfRange(raw, start, raw.length); // a proper empty line
            }
            if (isBlank(raw, pos, contentEnd)) {
                notes.accept("the header block ended with a line of spaces instead of an empty line");
                return join(raw, start, pos, new byte[] {'\r', '\n'}, end);
            }
            boolean continuation = raw[pos] == ' ' || raw[pos] == '\t';
            if (!(continuation && !first) && !isField(raw, pos, contentEnd)) {
                notes.accept(first ? "the message has no header block; all of it was read as body"
                        : "the header block was not ended by an empty line; it was ended at the first line that is not a header");
                return join(raw, start, pos, new byte[] {'\r', '\n'}, pos);
            }
            first = false;
            pos = end;
        }
        return start == 0 ? raw : Arrays.copyOfRange(raw, start, raw.length);
    }

    private static byte[] join(byte[] raw, int start, int cut, byte[] insert, int resume) {
        byte[] out = new byte[(cut - start) + insert.length + (raw.length - resume)];
        System.arraycopy(raw, start, out, 0, cut - start);
        System.arraycopy(insert, 0, out, cut - start, insert.length);
        System.arraycopy(raw, resume, out, cut - start + insert.length, raw.length - resume);
        return out;
    }

    private static boolean isField(byte[] raw, int from, int to) {
        int i = from;
        while (i < to && raw[i] > 32 && raw[i] < 127 && raw[i] != ':') {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < to && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i < to && raw[i] == ':';
    }

    private static boolean isBlank(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] != ' ' && raw[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static boolean startsWith(byte[] raw, int at, String prefix) {
        if (raw.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
