package io.intake.email.internal;

import java.util.regex.Pattern;

/**
 * Splits what the sender just wrote from quoted history and signatures, keeping both. History starts at an
 * "-----Original Message-----" line, an Outlook "From: … Sent: …" block, a forwarded-message header, a "-- "
 * signature separator, "Sent from my iPhone"-style lines or a legal disclaimer; an "On … wrote:" attribution and
 * "> " lines are history too, but unquoted text after a quote block (bottom posting, inline answers) stays new.
 */
public final class QuoteSeparation {

    /** The new text and the history, both trimmed; the history keeps its lines in their original order. */
    public record Split(String newText, String history) {
    }

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?i)^\\s*(on\\b.{0,300}\\bwrote|am\\b.{0,300}\\bschrieb.{0,120}|le\\b.{0,300}\\ba écrit|el\\b.{0,300}\\bescribió"
                    + "|.{0,300}\\b(wrote|schrieb|a écrit|escribió|написал\\(а\\)|написал|kirjoitti|skrev|ha scritto|schreef))\\s*:\\s*$");
    private static final Pattern HARD_MARKER = Pattern.compile(
            "(?i)^\\s*(-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|forwarded message)\\s*-{2,}.*"
                    + "|begin forwarded message:.*|_{20,}\\s*"
                    + "|sent from my (iphone|ipad|android|mobile|samsung|blackberry|phone|galaxy).*|sent from (mail|outlook) for .*"
                    + "|get outlook for (ios|android).*|von meinem (iphone|ipad|smartphone|android).* gesendet.*"
                    + "|(confidentiality notice|disclaimer|legal notice|important notice)\\b.*"
                    + "|this (e-?mail|message|communication)( and any (files|attachments)( transmitted with it)?)? (is|are|may be|contains?) (strictly )?(confidential|intended (only|solely) for|privileged).*"
                    + "|the information (contained )?in this (e-?mail|message|communication) is (strictly )?(confidential|privileged|intended).*)$");
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de|van)\\s*:\\*?\\s+\\S.*$");
    private static final Pattern OUTLOOK_SENT = Pattern.compile("(?i)^\\s*\\*?(sent|date|gesendet|datum|envoyé|enviado|verzonden)\\s*:\\*?\\s+\\S.*$");

    private QuoteSeparation() {
    }

    public static Split split(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder fresh = new StringBuilder(text.length());
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (isHardMarker(lines, i)) {
                for (int k = i; k < lines.length; k++) {
                    history.append(lines[k]).append('\n');
                }
                break;
            }
            int attribution = attributionLength(lines, i);
            if (attribution > 0) {
                if (!nextNonBlankIsQuoted(lines, i + attribution)) {
                    if (!isReplyHeader(lines[i])) {
                        fresh.append(line).append('\n'); // "the log wrote:" followed by plain text is just text
                        continue;
                    }
                    for (int k = i; k < lines.length; k++) {
                        history.append(lines[k]).append('\n');
                    }
                    break;
                }
                for (int k = i; k < i + attribution; k++) {
                    history.append(lines[k]).append('\n');
                }
                i += attribution - 1;
                continue;
            }
            (isQuoted(line) ? history : fresh).append(line).append('\n');
        }
        return new Split(fresh.toString().strip(), history.toString().strip());
    }

    private static boolean isQuoted(String line) {
        return line.startsWith(">") || line.startsWith(" >");
    }

    private static boolean isHardMarker(String[] lines, int i) {
        String line = lines[i];
        if (line.equals("-- ") || line.equals("--") || line.equals("-- \r")) {
            return true;
        }
        if (line.length() > 400) {
            return false;
        }
        if (HARD_MARKER.matcher(line).matches()) {
            return true;
        }
        if (OUTLOOK_FROM.matcher(line).matches()) {
            for (int k = i + 1; k < Math.min(lines.length, i + 5); k++) {
                if (OUTLOOK_SENT.matcher(lines[k]).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 1 or 2 when the attribution ends on line i (or on i + 1, when a long one was wrapped); else 0. */
    private static int attributionLength(String[] lines, int i) {
        if (isQuoted(lines[i]) || lines[i].isBlank()) {
            return 0;
        }
        boolean endsWithColon = lines[i].stripTrailing().endsWith(":");
        boolean nextEndsWithColon = i + 1 < lines.length && lines[i + 1].stripTrailing().endsWith(":");
        if (!endsWithColon && !nextEndsWithColon) {
            return 0; // every attribution ends with a colon; skip the costly pattern for ordinary lines
        }
        if (endsWithColon && lines[i].length() <= 400 && ATTRIBUTION.matcher(lines[i]).matches()) {
            return 1;
        }
        if (nextEndsWithColon && lines[i].length() + lines[i + 1].length() <= 400
                && lines[i].strip().matches("(?i)^(on|am|le|el)\\b.*")
                && ATTRIBUTION.matcher(lines[i] + " " + lines[i + 1]).matches()) {
            return 2;
        }
        return 0;
    }

    private static boolean isReplyHeader(String line) {
        return line.strip().matches("(?i)^(on|am|le|el)\\b.*");
    }

    private static boolean nextNonBlankIsQuoted(String[] lines, int from) {
        for (int k = from; k < lines.length; k++) {
            if (!lines[k].isBlank()) {
                return isQuoted(lines[k]);
            }
        }
        return false;
    }
}
