package io.intake.core.severity.internal;

import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates the newest text of a request from quoted history, forwarded blocks, signatures and disclaimers, pulls out
 * the hints (web form priority and request type, IVR menu) and splits the text into sentences.
 */
public final class MessageReader {

    private static final Pattern REPLY_SUBJECT = Pattern.compile("(?i)^\\s*(re|fw|fwd|aw|wg|rv|tr|sv)\\s*(\\[\\d+\\])?\\s*:");
    private static final Pattern IVR_SUBJECT = Pattern.compile("(?i)^\\s*ivr\\s*:?\\s*(\\d)\\b");
    private static final Pattern PRIORITY_LINE = Pattern.compile("(?i)^\\s*priority(\\s*\\([^)]*\\))?\\s*:\\s*(.*)$");
    private static final Pattern REQUEST_TYPE_LINE = Pattern.compile("(?i)^\\s*request type\\s*:\\s*(.*)$");
    private static final Pattern QUOTE_START = Pattern.compile("(?i)^\\s*(-{2,}\\s*(original message|forwarded message|mensaje original|message d'origine)"
            + "|begin forwarded message|_{8,}\\s*$|on\\s.{3,200}\\swrote:\\s*$|el\\s.{3,200}\\sescribi[oó]:\\s*$"
            + "|from:\\s.+|de:\\s.+@.+"
            // a web form or chat update that repeats the first submission: "Earlier request (1:20 pm): ..."
            + "|(?:my\\s+)?(?:earlier|previous|original|prior|first)\\s+(?:request|message|email|note|submission)"
            + "(?:\\s*\\([^)]{0,40}\\)\\s*:|\\s*:\\s*[\"\\u201c]))");
    private static final Pattern WROTE_END = Pattern.compile("(?i)^.{0,200}\\swrote:\\s*$");
    private static final Pattern SIGNATURE_START = Pattern.compile("(?i)^\\s*(--\\s*$|sent from my\\b|enviado desde\\b|get outlook for\\b"
            + "|confidentiality notice|disclaimer|this (e-?mail|message|communication) (and any|is intended|may contain|contains|is confidential)"
            + "|the information (contained )?in this)");
    private static final Pattern SIGN_OFF = Pattern.compile("(?i)^\\s*(thanks|thank you|thanks so much|thanks again|many thanks|thx|regards|best|best regards"
            + "|kind regards|warm regards|cheers|sincerely|respectfully|gracias|saludos|atentamente|un saludo)"
            + "(\\s+(so much|again|in advance|a lot|for your help|for any help|for the help|for looking))?\\s*[,.!]*\\s*$");
    private static final Pattern QUOTE_MARKS = Pattern.compile("^[\\s>]+");
    private static final Pattern HEADER_LINE = Pattern.compile("(?i)(sent|date|to|subject|cc|enviado|fecha|para|asunto)\\s*:.*");
    private static final Pattern SEPARATOR_LINE = Pattern.compile("(-+.*-+|_{5,})");

    /*
     * The letters (lower case) the patterns above can begin with after leading white space; a line that begins with
     * anything else cannot match, so the pattern is not run. Keep in step with the patterns ((?i) folds ASCII only).
     */
    private static final String QUOTE_FIRST = "-bo_efdmp";
    private static final String SIGNATURE_FIRST = "-segcdt";
    private static final String SIGN_OFF_FIRST = "tmrbkwcsgau";

    private MessageReader() {
    }

    /** Whether the first character after {@code \\s*} (ASCII-lower-cased) is one of {@code firsts}. */
    private static boolean mayStart(String line, String firsts) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            return firsts.indexOf(c) >= 0;
        }
        return false;
    }

    public static MessageParts read(IntakeRequest request) {
        List<String> current = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        String ivr = request.attribute("ivr.menu");
        Severity suggested = request.suggestedSeverity();
        String requestType = null;

        String subject = request.subject();
        Matcher ivrMatch = IVR_SUBJECT.matcher(subject);
        if (ivrMatch.find()) {
            if (ivr == null) {
                ivr = ivrMatch.group(1);
            }
        } else if (!subject.isBlank() && !REPLY_SUBJECT.matcher(subject).find() && request.channel() != Channel.PHONE) {
            split(subject, current);
        }

        String[] lines = lines(request.body());
        boolean inQuote = false;
        boolean inSignature = false;
        List<String> currentLines = new ArrayList<>();
        List<String> quotedLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!inQuote && line.indexOf(':') >= 0) {
                Matcher p = PRIORITY_LINE.matcher(line);
                if (p.matches()) {
                    Severity s = severityWord(p.group(2));
                    if (suggested == null) {
                        suggested = s;
                    }
                    continue;
                }
                Matcher t = REQUEST_TYPE_LINE.matcher(line);
                if (t.matches()) {
                    requestType = t.group(1).strip();
                    continue;
                }
            }
            if (!inQuote && startsQuote(lines, i)) {
                inQuote = true;
            }
            if (inQuote || line.stripLeading().startsWith(">")) {
                quotedLines.add(unquote(line));
                continue;
            }
            if (inSignature) {
                continue;
            }
            if (mayStart(line, SIGNATURE_FIRST) && SIGNATURE_START.matcher(line).lookingAt()
                    || (mayStart(line, SIGN_OFF_FIRST) && SIGN_OFF.matcher(line).matches() && onlySignatureFollows(lines, i + 1))) {
                inSignature = true;
                continue;
            }
            currentLines.add(line);
        }
        List<Integer> paragraphs = new ArrayList<>(java.util.Collections.nCopies(current.size(), 0));
        int paragraph = 1;
        boolean inParagraph = false;
        for (String line : currentLines) {
            if (line.isBlank()) {
                if (inParagraph) {
                    paragraph++;
                    inParagraph = false;
                }
                continue;
            }
            int before = current.size();
            split(line, current);
            for (int k = before; k < current.size(); k++) {
                paragraphs.add(paragraph);
                inParagraph = true;
            }
        }
        correct(current, paragraphs, quoted);
        for (String line : quotedLines) {
            split(line, quoted);
        }
        if (!request.quotedHistory().isBlank()) {
            for (String line : lines(request.quotedHistory())) {
                split(unquote(line), quoted);
            }
        }
        return new MessageParts(current, paragraphs, quoted, suggested, ivr, requestType);
    }

    /**
     * A customer who corrects themselves ("Correction, I just walked upstairs: ...", "sorry, that came out wrong") means
     * what follows: what came before the last correction, subject included, becomes history like a quoted earlier
     * message (context only), and the marker itself is dropped.
     */
    static void correct(List<String> current, List<Integer> paragraphs, List<String> quoted) {
        int last = -1;
        for (int i = 0; i < current.size(); i++) {
            if (paragraphs.get(i) > 0 && mayCorrect(current.get(i)) && CORRECTION.matcher(current.get(i)).find()) {
                last = i;
            }
        }
        if (last <= 0) {
            return;
        }
        List<String> before = new ArrayList<>(current.subList(0, last));
        String rest = CORRECTION.matcher(current.get(last)).replaceFirst(" ").strip();
        List<String> after = new ArrayList<>(current.subList(last + 1, current.size()));
        List<Integer> afterParagraphs = new ArrayList<>(paragraphs.subList(last + 1, paragraphs.size()));
        int restParagraph = paragraphs.get(last);
        current.clear();
        paragraphs.clear();
        if (!rest.isEmpty() && rest.chars().anyMatch(Character::isLetterOrDigit)) {
            current.add(rest);
            paragraphs.add(restParagraph);
        }
        current.addAll(after);
        paragraphs.addAll(afterParagraphs);
        quoted.addAll(0, before);
    }

    /** Cheap test before {@link #CORRECTION}: every marker holds one of these words. */
    private static boolean mayCorrect(String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        return lower.contains("correct") || lower.contains("scratch") || lower.contains("came out wrong")
                || lower.contains("mistake") || lower.contains("was wrong");
    }

    /** Correction markers, at the start of a sentence ("Correction, ...", "Sorry, that came out wrong."). */
    private static final Pattern CORRECTION = Pattern.compile("(?i)^\\s*(?:(?:well|ok|okay|oh|sorry|actually|um|uh)\\b[,.!]?\\s*)*"
            + "(?:correction\\s*[:,.\\-]|scratch that\\b[,.!]?|(?:that|this) came out wrong[,.!]?|my mistake\\b[,.!]?"
            + "|i was wrong\\b[,.!]?|let me correct (?:that|myself)[,.:]?)");

    private static boolean startsQuote(String[] lines, int i) {
        String line = lines[i];
        if (mayStart(line, QUOTE_FIRST) && QUOTE_START.matcher(line).lookingAt()) {
            // "From:" only starts a quote when a header block follows (Sent:/Date:/To:/Subject:) or it is near the end
            if (line.strip().toLowerCase(Locale.ROOT).startsWith("from:") || line.strip().toLowerCase(Locale.ROOT).startsWith("de:")) {
                for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
                    if (HEADER_LINE.matcher(lines[j].strip()).matches()) {
                        return true;
                    }
                }
                return i > 0 && SEPARATOR_LINE.matcher(lines[i - 1].strip()).matches();
            }
            return true;
        }
        // "On Mon, 3 Jun 2024, Support <x@y>\nwrote:" split over two lines
        return line.strip().toLowerCase(Locale.ROOT).startsWith("on ") && i + 1 < lines.length && lines[i + 1].strip().equals("wrote:")
                || line.strip().toLowerCase(Locale.ROOT).startsWith("on ") && i + 1 < lines.length && WROTE_END.matcher(lines[i + 1]).matches()
                && !line.strip().endsWith(".");
    }

    /** A sign-off ends the text only when what follows is a short block (name, title, phone), not more message. */
    private static boolean onlySignatureFollows(String[] lines, int from) {
        int nonBlank = 0;
        for (int j = from; j < lines.length; j++) {
            String l = lines[j].strip();
            if (l.isEmpty()) {
                continue;
            }
            if (QUOTE_START.matcher(l).lookingAt() || SIGNATURE_START.matcher(l).lookingAt() || l.startsWith(">")) {
                return true;
            }
            nonBlank++;
            if (l.length() > 90 || nonBlank > 8) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String line) {
        return line.isEmpty() || (line.charAt(0) != '>' && !Character.isWhitespace(line.charAt(0))) ? line : QUOTE_MARKS.matcher(line).replaceFirst("");
    }

    private static Severity severityWord(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("crit") || v.startsWith("urgent") || v.startsWith("high") || v.startsWith("emergency") || v.startsWith("p1")) {
            return Severity.CRITICAL;
        }
        if (v.startsWith("med") || v.startsWith("degr") || v.startsWith("normal") || v.startsWith("p2")) {
            return Severity.DEGRADED;
        }
        if (v.startsWith("low") || v.startsWith("p3") || v.startsWith("p4")) {
            return Severity.LOW;
        }
        return null;
    }

    /** Closing quotes and brackets that may stand between a sentence's end mark and the space after it. */
    static final String CLOSERS = "\"')]\u201d\u2019\u00bb";

    private static void split(String text, List<String> out) {
        if (text.isBlank()) {
            return;
        }
        int from = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int cut = -1;
            int next = -1;
            if (c == '.' || c == '!' || c == '?' || c == ';') {
                // a run of end marks, then any closing quotes or brackets: "...could not be saved." Can you ...
                int j = i + 1;
                while (c != '.' && j < n && (text.charAt(j) == '.' || text.charAt(j) == '!' || text.charAt(j) == '?')) {
                    j++;
                }
                int k = j;
                while (k < n && CLOSERS.indexOf(text.charAt(k)) >= 0) {
                    k++;
                }
                if (k == n || Character.isWhitespace(text.charAt(k))) {
                    cut = k;
                    next = k;
                } else if (c != '.' && j - i >= 3) {
                    cut = j;
                    next = j;
                }
            } else if ((c == '-' || c == '\u2013' || c == '\u2014') && i > 0 && Character.isWhitespace(text.charAt(i - 1))
                    && i + 1 < n && (Character.isWhitespace(text.charAt(i + 1)) || text.charAt(i + 1) == c)) {
                int j = i;
                while (j < n && (text.charAt(j) == c)) {
                    j++;
                }
                if (j == n || Character.isWhitespace(text.charAt(j))) {
                    cut = i;
                    next = j;
                }
            }
            if (cut >= 0) {
                add(text.substring(from, cut), out);
                from = next;
                i = next - 1;
            }
        }
        add(text.substring(Math.min(from, n)), out);
    }

    private static void add(String part, List<String> out) {
        if (!part.isBlank()) {
            out.add(part.strip());
        }
    }

    private static String[] lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > from && text.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(text.substring(from, end));
                from = i + 1;
            }
        }
        out.add(text.substring(from));
        return out.toArray(new String[0]);
    }
}
