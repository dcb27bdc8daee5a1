package io.intake.web.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.web.UploadedFile;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text fields and files of an API request, whatever its body: a JSON object, {@code multipart/form-data} (files
 * in parts named {@code attachments}) or {@code application/x-www-form-urlencoded}.
 *
 * @param fields   text fields by name
 * @param files    uploaded files
 * @param problems fields of the wrong type (a JSON number where text belongs)
 */
record RequestFields(Map<String, String> fields, List<UploadedFile> files, List<FieldProblem> problems) {

    /** Thrown for a body that cannot be read at all: answered 400 (or 415 for an unsupported media type). */
    static final class Unreadable extends Exception {
        final int status;

        Unreadable(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    String get(String name) {
        return fields.get(name);
    }

    static RequestFields read(HttpServletRequest request, long maxBytes) throws Unreadable, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") || type.endsWith("+json")) {
            return json(request, maxBytes);
        }
        if (type.startsWith("multipart/form-data")) {
            return multipart(request);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String> fields = new HashMap<>();
            request.getParameterMap().forEach((k, v) -> fields.put(k, v.length == 0 ? "" : v[0]));
            return new RequestFields(fields, List.of(), List.of());
        }
        throw new Unreadable(415, "send application/json or multipart/form-data (was '"
                + (type.isEmpty() ? "no content type" : type.length() > 80 ? type.substring(0, 80) : type) + "')");
    }

    private static RequestFields json(HttpServletRequest request, long maxBytes) throws Unreadable, IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        return json(body, maxBytes);
    }

    /** The fields of a JSON object body; the HTTP-free part of {@link #read}, fuzzed by {@code TicketBodyFuzzTest}. */
    static RequestFields json(byte[] body, long maxBytes) throws Unreadable {
        if (body.length > maxBytes) {
            throw new Unreadable(413, "the request body is larger than " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = ApiAnswer.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Unreadable(400, e.getLocation() == null ? "the body is not valid JSON"
                    : "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new Unreadable(400, "the body cannot be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Unreadable(400, "the body must be a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                fields.put(e.getKey(), v.asText());
            } else if (!v.isNull()) {
                problems.add(new FieldProblem(e.getKey(), "must be a string (was " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
            }
        }
        return new RequestFields(fields, List.of(), problems);
    }

    private static RequestFields multipart(HttpServletRequest request) throws Unreadable, IOException {
        Map<String, String> fields = new HashMap<>();
        List<UploadedFile> files = new ArrayList<>();
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    if (!part.getSubmittedFileName().isBlank() || part.getSize() > 0) {
                        files.add(new UploadedFile(part.getSubmittedFileName(), part.getContentType(), part.getSize(),
                                part::getInputStream));
                    }
                } else {
                    try (InputStream in = part.getInputStream()) {
                        fields.putIfAbsent(part.getName(), new String(in.readNBytes(1_000_000), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (ServletException | IllegalStateException e) {
            throw new Unreadable(400, "the multipart body cannot be read");
        }
        return new RequestFields(fields, files, List.of());
    }

    /** Files from the parts of a form named {@code attachments}, skipping the empty part a browser sends for no file. */
    static List<UploadedFile> files(HttpServletRequest request, String name) throws IOException, ServletException {
        List<UploadedFile> files = new ArrayList<>();
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return files;
        }
        for (Part part : request.getParts()) {
            if (name.equals(part.getName()) && part.getSubmittedFileName() != null
                    && (!part.getSubmittedFileName().isBlank() || part.getSize() > 0)) {
                files.add(new UploadedFile(part.getSubmittedFileName(), part.getContentType(), part.getSize(), part::getInputStream));
            }
        }
        return files;
    }
}
