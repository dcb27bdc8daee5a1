package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;

/**
 * A file that came with a request. The content itself lives in an attachment store and is referenced by
 * {@code contentRef}; only content below a small configurable limit is also carried inline (base64).
 *
 * @param name        file name as the sender gave it, reduced to a safe base name
 * @param contentType MIME type
 * @param size        size in bytes
 * @param contentRef  reference into the attachment store (for example {@code sha256:ab12…}); null when content was
 *                    dropped (over a limit) and only the description is kept
 * @param inlineData  base64 content for small files, else null
 */
public record Attachment(String name, String contentType, long size, String contentRef, String inlineData) {

    public static final int MAX_NAME = 255;

    public Attachment {
        name = safeName(Checks.requiredText("attachment.name", name, 1024));
        contentType = Checks.singleLine("attachment.content_type", contentType == null ? "application/octet-stream" : contentType, 255);
        if (size < 0) {
            throw new InvalidFieldException("attachment.size", "must not be negative (was " + size + ")");
        }
        contentRef = Checks.singleLine("attachment.content_ref", contentRef, 512);
    }

    /**
     * Reduces a sender-supplied file name to a base name that is safe anywhere: no directories ("../../etc/passwd"
     * becomes "passwd"), no control characters (C0, C1, and the invisible format and bidirectional characters that
     * make "invoice[U+202E]fdp.exe" look like a PDF), no leading dots, at most {@value #MAX_NAME} characters (the end
     * is kept, so the extension survives).
     */
    public static String safeName(String raw) {
        String base = raw.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder(base.length());
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            out.append(unsafe(c) ? '_' : c);
        }
        String cleaned = withoutLeadingDots(out.toString());
        if (cleaned.length() > MAX_NAME) {
            int from = cleaned.length() - MAX_NAME;
            if (Character.isLowSurrogate(cleaned.charAt(from))) {
                from++;
            }
            cleaned = withoutLeadingDots(cleaned.substring(from));
        }
        return cleaned.isBlank() ? "attachment" : cleaned;
    }

    private static boolean unsafe(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
                || c == '>' || c == '|';
    }

    private static String withoutLeadingDots(String name) {
        String cleaned = name.strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1).strip();
        }
        return cleaned;
    }
}
