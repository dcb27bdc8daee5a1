package io.intake.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.severity.SeverityRules;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmailLinesTest {

    private static final SeverityRules RULES = request -> request.body().toLowerCase().contains("down")
            ? new Classification(Severity.CRITICAL, "test.down", "the body says something is down")
            : new Classification(Severity.LOW, "test.default", "nothing alarming");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void printsOneLineWithTheContractFieldsPerFile(@TempDir Path dir) throws Exception {
        Path mail = dir.resolve("down.eml");
        Files.writeString(mail, "From: Ann Example <ann@example.com>\r\nSubject: Phones down\r\nMessage-ID: <a1@example.com>\r\n"
                + "In-Reply-To: <p0@example.com>\r\nReferences: <r0@example.com> <p0@example.com>\r\n\r\nAll our phones are down.\r\n",
                StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();

        int status = EmailLines.run(List.of(mail.toString()), out, RULES);

        assertThat(status).isZero();
        JsonNode line = json.readTree(out.toString().strip());
        assertThat(line.fieldNames()).toIterable().containsExactly("file", "from_address", "from_name", "subject", "body",
                "attachments", "message_id", "in_reply_to", "references", "auto_submitted", "bounce", "severity", "rule", "reason");
        assertThat(line.get("file").asText()).isEqualTo(mail.toString());
        assertThat(line.get("from_address").asText()).isEqualTo("ann@example.com");
        assertThat(line.get("from_name").asText()).isEqualTo("Ann Example");
        assertThat(line.get("subject").asText()).isEqualTo("Phones down");
        assertThat(line.get("body").asText()).isEqualTo("All our phones are down.");
        assertThat(line.get("message_id").asText()).isEqualTo("a1@example.com");
        assertThat(line.get("in_reply_to").get(0).asText()).isEqualTo("p0@example.com");
        assertThat(line.get("references")).hasSize(2);
        assertThat(line.get("auto_submitted").asBoolean()).isFalse();
        assertThat(line.get("bounce").asBoolean()).isFalse();
        assertThat(line.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(line.get("rule").asText()).isEqualTo("test.down");
    }

    @Test
    void reportsAnUnreadableFileAndGoesOn(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.eml");
        Files.writeString(good, "Subject: hello\r\n\r\nhi\r\n");
        String missing = dir.resolve("missing.eml").toString();
        StringWriter out = new StringWriter();

        int status = EmailLines.run(List.of(missing, good.toString()), out, RULES);

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode error = json.readTree(lines[0]);
        assertThat(error.get("file").asText()).isEqualTo(missing);
        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(json.readTree(lines[1]).get("subject").asText()).isEqualTo("hello");
        assertThat(status).isEqualTo(1);
    }

    /** Writes the command's output for the whole corpus to target/email-lines.jsonl, for score_email.py. */
    @Test
    void writesTheCorpusOutputForTheScorer() throws Exception {
        List<String> files = Corpus.emlFiles().stream().map(Path::toString).toList();
        StringWriter out = new StringWriter();

        int status = EmailLines.run(files, out, RULES);

        Files.writeString(Path.of("target", "email-lines.jsonl"), out.toString(), StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(out.toString().split("\n")).hasSize(files.size());
    }
}
