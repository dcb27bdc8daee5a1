package io.intake.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The loop every JSON Lines tool shares: one output object per non-blank input line, {@code id} echoed first, an
 * {@code error} field for a line that is not a JSON object, and the run goes on after a bad line.
 */
final class JsonLines {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Fills the answer for one parsed input object; puts {@code error} into {@code output} when the line is bad. */
    @FunctionalInterface
    interface Answer {
        void fill(int lineNumber, JsonNode input, ObjectNode output);
    }

    private JsonLines() {
    }

    /** Answers every line of {@code in}; returns the number of error lines written. */
    static int run(BufferedReader in, Writer out, String tool, Answer answer) {
        int errors = 0;
        int lineNumber = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode result = answer(line, lineNumber, answer);
                if (result.has("error")) {
                    errors++;
                }
                out.write(JSON.writeValueAsString(result));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(tool + ": reading input or writing output failed after line " + lineNumber, e);
        }
        return errors;
    }

    private static ObjectNode answer(String line, int lineNumber, Answer answer) {
        ObjectNode result = JSON.createObjectNode();
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            result.putNull("id");
            result.put("error", "line " + lineNumber + ": not a JSON object (" + e.getOriginalMessage() + ")");
            return result;
        }
        if (node == null || !node.isObject()) {
            result.putNull("id");
            result.put("error", "line " + lineNumber + ": not a JSON object");
            return result;
        }
        JsonNode id = node.get("id");
        if (id != null && id.isValueNode() && !id.isNull()) {
            result.set("id", id);
        } else {
            result.putNull("id");
        }
        answer.fill(lineNumber, node, result);
        return result;
    }
}
