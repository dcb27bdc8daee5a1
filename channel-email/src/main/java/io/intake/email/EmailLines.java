package io.intake.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.severity.SeverityRules;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code email FILE...} command: one JSON line per file with the normalised fields and the classification; a
 * file that cannot be read yields {@code {"file":…,"error":…}} and the run goes on. {@code body} is all readable text
 * of the mail (its own text, quoted history included, then forwarded messages), as mail clients show it.
 */
public final class EmailLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmailLines() {
    }

    /** Prints one line per file; answers 0 when every file was read, 1 when at least one produced an error line. */
    public static int run(List<String> files, Writer out, SeverityRules rules) {
        MailNormaliser normaliser = new MailNormaliser();
        EmailIntakeConverter converter = new EmailIntakeConverter(content -> "unstored:" + content.filename());
        int status = 0;
        for (String file : files) {
            Map<String, Object> line;
            try {
                line = describe(file, normaliser.normalise(Files.readAllBytes(Path.of(file))), converter, rules);
            } catch (IOException | RuntimeException e) {
                line = new LinkedHashMap<>();
                line.put("file", file);
                line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                status = 1;
            }
            write(out, line);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status;
    }

    static Map<String, Object> describe(String file, NormalisedMail mail, EmailIntakeConverter converter, SeverityRules rules) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file);
        line.put("from_address", mail.from() == null ? null : mail.from().address());
        line.put("from_name", mail.from() == null ? null : mail.from().name());
        line.put("subject", mail.subject());
        line.put("body", mail.text());
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (MailAttachment attachment : mail.attachments()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("filename", attachment.filename());
            a.put("content_type", attachment.contentType());
            a.put("size", attachment.size());
            attachments.add(a);
        }
        line.put("attachments", attachments);
        line.put("message_id", mail.messageId());
        line.put("in_reply_to", mail.inReplyTo());
        line.put("references", mail.references());
        line.put("auto_submitted", mail.autoSubmitted());
        line.put("bounce", mail.bounce());
        IntakeRequest request = converter.convert(mail, Instant.EPOCH);
        Classification classification = rules.classify(request);
        line.put("severity", classification.severity().name());
        line.put("rule", classification.rule());
        line.put("reason", classification.reason());
        return line;
    }

    private static void write(Writer out, Map<String, Object> line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, numbers and lists is always JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
