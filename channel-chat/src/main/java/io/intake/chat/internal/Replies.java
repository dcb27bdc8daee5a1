package io.intake.chat.internal;

import io.intake.chat.internal.ChatStore.Message;
import io.intake.chat.internal.ChatStore.Session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON messages of {@code docs/chat-protocol.md}, as ordered maps the transport writes. */
public final class Replies {

    private Replies() {
    }

    public static Map<String, Object> message(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    public static Map<String, Object> ack(int seq) {
        Map<String, Object> m = message("ack");
        m.put("seq", seq);
        return m;
    }

    public static Map<String, Object> delivered(int seq) {
        Map<String, Object> m = message("delivered");
        m.put("seq", seq);
        return m;
    }

    public static Map<String, Object> notice(String code, String text) {
        Map<String, Object> m = message("notice");
        m.put("code", code);
        m.put("message", text);
        return m;
    }

    public static Map<String, Object> ended(String reason, String ticket) {
        Map<String, Object> m = message("ended");
        m.put("reason", reason);
        m.put("ticket", ticket);
        m.put("message", ticket == null ? "The chat has ended." : "The chat has ended. Ticket " + ticket
                + " stays open and we answer by email.");
        return m;
    }

    public static Map<String, Object> error(String code, String text) {
        Map<String, Object> m = message("error");
        m.put("code", code);
        m.put("message", text);
        return m;
    }

    /** An error about one visitor message, which the client may send again later. */
    public static Map<String, Object> error(String code, String text, int seq) {
        Map<String, Object> m = error(code, text);
        m.put("seq", seq);
        return m;
    }

    public static Map<String, Object> agentError(String chatId, String code, String text) {
        Map<String, Object> m = error(code, text);
        m.put("chat_id", chatId);
        return m;
    }

    public static Map<String, Object> unavailable() {
        return error("unavailable", "The message could not be stored just now; it will be sent again.");
    }

    public static Map<String, Object> rateLimited(long waitMillis, String what) {
        Map<String, Object> m = error("rate_limited", "Too many " + what + "; try again in "
                + Math.max(1, (waitMillis + 999) / 1000) + " s.");
        m.put("retry_after_ms", waitMillis);
        return m;
    }

    /** A text over the limit, naming the field, the length and the setting. */
    public static Map<String, Object> tooLong(int length, int limit) {
        Map<String, Object> m = error("too_long", "text: " + length + " characters; at most " + limit
                + " (intake.chat.max-message-chars)");
        m.put("field", "text");
        m.put("limit", limit);
        return m;
    }

    public static Map<String, Object> invalid(List<Map<String, String>> problems) {
        Map<String, Object> m = error("invalid", problems.stream().map(p -> p.get("field") + ": " + p.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid"));
        m.put("problems", problems);
        return m;
    }

    public static Map<String, String> problem(String field, String message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("field", field);
        p.put("message", message);
        return p;
    }

    /** A message as the visitor sees it. */
    public static Map<String, Object> forVisitor(Message m, ZoneId zone) {
        Map<String, Object> msg = message("message");
        msg.put("id", m.id());
        msg.put("from", m.author().name().toLowerCase());
        msg.put("name", m.authorName());
        msg.put("text", m.text());
        msg.put("at", time(m.at(), zone));
        return msg;
    }

    /** A message as an agent sees it: with its chat and, for the visitor's, its sequence number. */
    public static Map<String, Object> forAgent(Message m, ZoneId zone) {
        Map<String, Object> msg = message("message");
        msg.put("chat_id", m.chatId());
        msg.put("id", m.id());
        msg.put("from", m.author().name().toLowerCase());
        msg.put("seq", m.visitorSeq());
        msg.put("name", m.authorName());
        msg.put("text", m.text());
        msg.put("at", time(m.at(), zone));
        return msg;
    }

    /** The chat's ticket, or null before it is opened. */
    public static Map<String, Object> ticket(Session s, ZoneId zone) {
        if (s.ticketNumber() == null) {
            return null;
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("number", s.ticketNumber());
        t.put("severity", s.severity());
        t.put("response_due", time(s.responseDue(), zone));
        return t;
    }

    /** ISO-8601 with the chat calendar's offset, as the agreement's hours are written. */
    public static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone).toString();
    }
}
