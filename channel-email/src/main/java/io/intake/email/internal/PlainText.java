package io.intake.email.internal;

/** Line-ending and control-character clean-up, and RFC 3676 format=flowed unwrapping. */
final class PlainText {

    private PlainText() {
    }

    /** CRLF and CR become LF; NUL is removed; other control characters (but tab) become spaces. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c == 0) {
                continue;
            } else if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Joins soft-broken lines (ending in a space) of format=flowed text; "-- " and quoted depth are respected. */
    static String unflow(String text, boolean delsp) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean soft = line.endsWith(" ") && !line.equals("-- ") && i + 1 < lines.length
                    && depth(line) == depth(lines[i + 1]);
            if (soft) {
                out.append(delsp ? line.substring(0, line.length() - 1) : line);
                int d = depth(lines[i + 1]);
                lines[i + 1] = lines[i + 1].substring(d).replaceFirst("^ ", "");
            } else {
                out.append(line);
                if (i + 1 < lines.length) {
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static int depth(String line) {
        int d = 0;
        while (d < line.length() && line.charAt(d) == '>') {
            d++;
        }
        return d;
    }
}
