package io.intake.web.internal;

import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.store.IntakeStore;
import io.intake.core.store.TicketSummary;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;
import io.intake.web.AccessTokens;
import io.intake.web.TicketForm;
import io.intake.web.UploadedFile;
import io.intake.web.WebChannelProperties;
import io.intake.web.WebIntake;
import io.intake.web.WebSubmission;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ticket API's operations, independent of how requests are routed to them ({@link ApiRoutes} does that with
 * Camel's REST DSL). Answers are built here, including every error; storage failures are left to the caller (503).
 */
final class TicketApi {

    static final String STAFF_ROLE = "STAFF";
    private static final int MAX_LIST = 500;

    private final WebIntake intake;
    private final AccessTokens tokens;
    private final IntakeStore store;
    private final TicketQuery query;
    private final WebChannelProperties.Upload limits;

    TicketApi(WebIntake intake, AccessTokens tokens, IntakeStore store, TicketQuery query,
              WebChannelProperties.Upload limits) {
        this.intake = intake;
        this.tokens = tokens;
        this.store = store;
        this.query = query;
        this.limits = limits;
    }

    ApiAnswer createTicket(HttpServletRequest request) throws IOException {
        RequestFields in;
        try {
            in = RequestFields.read(request, limits.maxRequestBytes());
        } catch (RequestFields.Unreadable e) {
            return ApiAnswer.error(e.status, e.status == 413 ? "too_large" : "unreadable_body", e.getMessage());
        }
        String key = request.getHeader("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            return ApiAnswer.error(400, "invalid_request", "The Idempotency-Key header is invalid.",
                    List.of(new FieldProblem("Idempotency-Key", "1 to 255 visible ASCII characters")), Map.of());
        }
        if (!in.problems().isEmpty()) {
            return ApiAnswer.error(422, "invalid_request", "Some fields need attention.", in.problems(), Map.of());
        }
        TicketForm form = new TicketForm(in.get("name"), in.get("email"), in.get("phone"), in.get("account"),
                in.get("site"), in.get("category"), in.get("subject"), in.get("description"), in.get("suggested_severity"));
        String sourceRef = key == null ? "api:" + UUID.randomUUID() : "api:" + AccessTokens.sha256(key);
        WebSubmission result = intake.submitTicket(form, in.files(), sourceRef,
                key == null ? null : fingerprint(form, in.files()), "api");
        if (result instanceof WebSubmission.Received r) {
            IntakeResult.Accepted a = r.accepted();
            String statusUrl = baseUrl(request) + "/api/v1/tickets/" + a.ticketNumber();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", a.ticketNumber().toString());
            body.put("severity", a.severity().name());
            body.put("response_due", ApiAnswer.instant(a.responseDue()));
            body.put("access_token", r.accessToken());
            body.put("status_url", statusUrl);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Location", statusUrl);
            if (a.outcome() == IntakeResult.Outcome.DUPLICATE) {
                headers.put("Idempotent-Replayed", "true");
            }
            return ApiAnswer.json(201, body, headers);
        }
        return failure(result);
    }

    ApiAnswer getTicket(HttpServletRequest request, String numberText) {
        TicketNumber number = TicketNumber.tryParse(numberText);
        boolean staff = StaffMarker.isStaff(request);
        if (number == null || !(staff || tokens.grants(number, bearer(request)))) {
            return ApiAnswer.notFound();
        }
        Ticket ticket = store.findTicket(number).orElse(null);
        TicketSummary summary = query.one(number).orElse(null);
        if (ticket == null || summary == null) {
            return ApiAnswer.notFound();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", number.toString());
        body.put("status", "delivered".equals(summary.deliveryState()) ? "forwarded" : "received");
        body.put("severity", summary.severity().name());
        body.put("severity_reason", ticket.classification().reason());
        body.put("response_due", ApiAnswer.instant(summary.responseDue()));
        body.put("received_at", ApiAnswer.instant(ticket.receivedAt()));
        body.put("subject", ticket.subject());
        body.put("category", ticket.attributes().get("web.category"));
        body.put("site", ticket.site() == null ? null : ticket.site().id());
        if (staff) {
            body.put("channel", ticket.channel().wireName());
            body.put("requester", ticket.requester().label());
            body.put("rule", ticket.classification().rule());
            body.put("delivery_state", summary.deliveryState());
            body.put("tracker_key", summary.trackerKey());
        }
        List<Map<String, Object>> updates = new ArrayList<>();
        for (TicketUpdate u : store.findUpdates(number)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", u.sequence());
            m.put("kind", u.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("received_at", ApiAnswer.instant(u.receivedAt()));
            m.put("author", u.author().label());
            m.put("text", u.body());
            updates.add(m);
        }
        body.put("updates", updates);
        return ApiAnswer.json(200, body);
    }

    ApiAnswer addComment(HttpServletRequest request, String numberText) throws IOException {
        TicketNumber number = TicketNumber.tryParse(numberText);
        if (number == null || !tokens.grants(number, bearer(request))) {
            return ApiAnswer.notFound();
        }
        Ticket ticket = store.findTicket(number).orElse(null);
        if (ticket == null) {
            return ApiAnswer.notFound();
        }
        RequestFields in;
        try {
            in = RequestFields.read(request, limits.maxRequestBytes());
        } catch (RequestFields.Unreadable e) {
            return ApiAnswer.error(e.status, e.status == 413 ? "too_large" : "unreadable_body", e.getMessage());
        }
        if (!in.problems().isEmpty()) {
            return ApiAnswer.error(422, "invalid_request", "Some fields need attention.", in.problems(), Map.of());
        }
        String key = request.getHeader("Idempotency-Key");
        String ref = "api-comment:" + number + ":" + (key == null || key.isBlank() ? UUID.randomUUID() : AccessTokens.sha256(key));
        WebSubmission result = intake.comment(number, ticket.requester(), in.get("text"), ref);
        if (result instanceof WebSubmission.Received r) {
            IntakeResult.Accepted a = r.accepted();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", a.ticketNumber().toString());
            body.put("sequence", a.sequence());
            body.put("severity", a.severity().name());
            body.put("response_due", ApiAnswer.instant(a.responseDue()));
            return ApiAnswer.json(201, body);
        }
        return failure(result);
    }

    ApiAnswer listTickets(HttpServletRequest request) {
        if (!StaffMarker.isStaff(request)) {
            return ApiAnswer.error(401, "unauthorized", "Staff credentials are required.");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Instant since = null;
        String sinceText = request.getParameter("since");
        if (sinceText != null && !sinceText.isBlank()) {
            try {
                since = OffsetDateTime.parse(sinceText.strip()).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("since", "'" + shorten(sinceText) + "' is not an ISO-8601 date-time such as 2026-06-10T10:15:00Z"));
            }
        }
        Channel channel = parse(problems, "channel", request.getParameter("channel"), Channel::parse);
        Severity severity = parse(problems, "severity", request.getParameter("severity"), Severity::parse);
        int limit = 100;
        String limitText = request.getParameter("limit");
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.strip());
                if (limit < 1 || limit > MAX_LIST) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIST));
            }
        }
        if (!problems.isEmpty()) {
            return ApiAnswer.error(400, "invalid_query", "Some query parameters are invalid.", problems, Map.of());
        }
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (TicketSummary t : query.find(since, channel, severity, limit)) {
            tickets.add(PortalSnapshot.ticketJson(t));
        }
        return ApiAnswer.json(200, Map.of("tickets", tickets));
    }

    private ApiAnswer failure(WebSubmission result) {
        if (result instanceof WebSubmission.Invalid invalid) {
            return ApiAnswer.error(422, "invalid_request", invalid.reason(), invalid.problems(), Map.of());
        }
        WebSubmission.Conflict conflict = (WebSubmission.Conflict) result;
        return ApiAnswer.error(422, "idempotency_conflict", conflict.message(),
                List.of(new FieldProblem("Idempotency-Key", conflict.message())), Map.of());
    }

    private static String fingerprint(TicketForm form, List<UploadedFile> files) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {form.name(), form.email(), form.phone(), form.account(), form.site(),
                form.category(), form.subject(), form.description(), form.suggestedSeverity()}) {
            text.append(part).append('\u0000');
        }
        for (UploadedFile f : files) {
            text.append(f.name()).append('/').append(f.size()).append('\u0000');
        }
        return AccessTokens.sha256(text.toString());
    }

    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    static String baseUrl(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }

    private interface Parser<T> {
        T parse(String field, String value);
    }

    private static <T> T parse(List<FieldProblem> problems, String field, String value, Parser<T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.parse(field, value);
        } catch (io.intake.core.InvalidFieldException e) {
            problems.add(new FieldProblem(field, e.getMessage().substring(field.length() + 2)));
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
