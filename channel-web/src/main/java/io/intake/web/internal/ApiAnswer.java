package io.intake.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.intake.core.IntakeResult.FieldProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API response: status, extra headers and a JSON body. Errors share one shape:
 * {@code {"error": code, "message": sentence, "problems": [{"field": ..., "message": ...}]}}.
 */
record ApiAnswer(int status, Map<String, String> headers, String body) {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    ApiAnswer {
        headers = Map.copyOf(headers);
    }

    static ApiAnswer json(int status, Object value) {
        return json(status, value, Map.of());
    }

    static ApiAnswer json(int status, Object value, Map<String, String> headers) {
        try {
            return new ApiAnswer(status, headers, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write API answer", e);
        }
    }

    static ApiAnswer error(int status, String code, String message) {
        return error(status, code, message, List.of(), Map.of());
    }

    static ApiAnswer error(int status, String code, String message, List<FieldProblem> problems, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        List<Map<String, String>> list = new ArrayList<>();
        for (FieldProblem p : problems) {
            list.add(Map.of("field", p.field(), "message", p.message()));
        }
        body.put("problems", list);
        return json(status, body, headers);
    }

    /** Instants on the wire: UTC, whole seconds (a deadline is never shown later than it is). */
    static String instant(java.time.Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** The same 404 for a ticket that does not exist and one the caller may not see. */
    static ApiAnswer notFound() {
        return error(404, "not_found", "No ticket with this number is visible with these credentials.");
    }
}
