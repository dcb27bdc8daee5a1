package io.intake.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every case of the shared email corpus (see its README) through the normaliser and checks each field the
 * peer states. Known deviations, where our answer is deliberately different, are listed below and in
 * channel-email/DEVIATIONS.md; a listed deviation that starts to match fails the test, so the list stays true.
 */
class ConformanceTest {

    /** case → field → why our answer is better. */
    private static final Map<String, Map<String, String>> DEVIATIONS = Map.of(
            "mime4j-mimetools-frag", Map.of("attachments",
                    "a forwarded message/rfc822 is kept whole as one .eml attachment (its own attachments inside it), "
                            + "as the stalwart peers expect for the same structure; mime4j lists the nested image instead"),
            "mime4j-mimetools-multi-nested", Map.of("attachments",
                    "the text/richtext part and the enclosed message/rfc822 are attachments, as stalwart-rfc-000 expects "
                            + "for the same RFC 2049 structure; mime4j lists only the images"),
            "stalwart-thirdparty-015", Map.of("attachments",
                    "all three forwarded messages are found; the peer's parser ran the first one's unterminated inner "
                            + "multipart over the next two and lost them"),
            "stalwart-legacy-035", Map.of("attachments",
                    "Windows path names C:\\TEMP\\x.png are reduced to their base name x.png; the peer strips the "
                            + "backslashes as quoting escapes and keeps a drive-letter name"),
            "stalwart-legacy-039", Map.of("attachments", "same Windows path names as stalwart-legacy-035"),
            "mime4j-mimetools-x-gzip64", Map.of("attachments",
                    "the safe name drops the leading dot of '.signature' so no mail can plant a hidden dotfile"),
            "stalwart-malformed-008", Map.of("attachments",
                    "an inline text/html part without a file name in multipart/mixed is body text (RFC 8621 4.1.4), "
                            + "so its words reach the ticket; the peer files it as an attachment"),
            "stalwart-malformed-016", Map.of("attachments",
                    "with over-long boundaries that prefix each other, the unparseable rest is kept as body text "
                            + "rather than as a text/plain attachment"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MailNormaliser NORMALISER = new MailNormaliser();

    static Stream<String> cases() {
        return Corpus.emlFiles().stream().map(p -> p.getFileName().toString().replaceFirst("\\.eml$", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void normalisesLikeThePeerSays(String name) throws Exception {
        Path dir = Corpus.emailDir();
        JsonNode expected = JSON.readTree(dir.resolve(name + ".expected.json").toFile());
        NormalisedMail mail = NORMALISER.normalise(Files.readAllBytes(dir.resolve(name + ".eml")));
        Map<String, String> deviations = DEVIATIONS.getOrDefault(name, Map.of());
        List<String> failures = new ArrayList<>();
        List<String> fixedDeviations = new ArrayList<>();

        for (String field : List.of("from_address", "from_name", "subject", "message_id", "in_reply_to", "references",
                "body_contains", "attachments", "report_type")) {
            if (!expected.has(field)) {
                continue;
            }
            String problem = check(field, expected.get(field), mail);
            if (deviations.containsKey(field)) {
                if (problem == null) {
                    fixedDeviations.add(field);
                }
            } else if (problem != null) {
                failures.add(field + ": " + problem);
            }
        }
        if (!fixedDeviations.isEmpty()) {
            fail(name + ": listed as deviating in " + fixedDeviations + " but now matches the peer; remove it from DEVIATIONS");
        }
        assertThat(failures).as(name + " (" + expected.path("notes").asText() + ")").isEmpty();
    }

    /** Null when the field matches, else what differs. */
    private static String check(String field, JsonNode want, NormalisedMail mail) {
        switch (field) {
            case "from_address" -> {
                String got = mail.from() == null ? "" : mail.from().address();
                return got.equalsIgnoreCase(want.asText()) ? null : "want " + want.asText() + ", got " + got;
            }
            case "from_name" -> {
                String got = mail.from() == null || mail.from().name() == null ? "" : mail.from().name().strip();
                return got.equals(want.asText().strip()) ? null : "want '" + want.asText() + "', got '" + got + "'";
            }
            case "subject" -> {
                return mail.subject().strip().equals(want.asText().strip()) ? null
                        : "want '" + want.asText() + "', got '" + mail.subject() + "'";
            }
            case "message_id" -> {
                return want.asText().equals(mail.messageId()) ? null : "want " + want.asText() + ", got " + mail.messageId();
            }
            case "in_reply_to", "references" -> {
                List<String> wanted = new ArrayList<>();
                want.forEach(n -> wanted.add(n.asText()));
                List<String> got = field.equals("in_reply_to") ? mail.inReplyTo() : mail.references();
                return got.equals(wanted) ? null : "want " + wanted + ", got " + got;
            }
            case "body_contains" -> {
                String body = collapse(mail.text());
                List<String> missing = new ArrayList<>();
                want.forEach(n -> {
                    if (!body.contains(collapse(n.asText()))) {
                        missing.add(n.asText());
                    }
                });
                return missing.isEmpty() ? null : "body lacks " + missing;
            }
            case "attachments" -> {
                List<String> wantTypes = new ArrayList<>();
                List<String> wantNames = new ArrayList<>();
                want.forEach(n -> {
                    wantTypes.add(n.get("content_type").asText().toLowerCase(Locale.ROOT));
                    if (n.hasNonNull("filename")) {
                        wantNames.add(n.get("filename").asText());
                    }
                });
                List<String> gotTypes = mail.attachments().stream().map(MailAttachment::contentType).sorted().toList();
                Set<String> gotNames = Set.copyOf(mail.attachments().stream().map(MailAttachment::filename).toList());
                boolean ok = wantTypes.stream().sorted().toList().equals(gotTypes) && gotNames.containsAll(wantNames);
                return ok ? null : "want types " + wantTypes + " names " + wantNames + ", got "
                        + mail.attachments().stream().map(a -> a.filename() + " " + a.contentType()).toList();
            }
            case "report_type" -> {
                return mail.bounce() || mail.autoSubmitted() ? null : "a " + want.asText() + " report must be flagged automatic";
            }
            default -> throw new IllegalArgumentException(field);
        }
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
