package io.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.gateway.Acks.Ack;
import io.intake.gateway.Acks.Channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, for one fault and channel, what the clients were told against what the tracker holds: each acknowledged
 * item must be in the tracker exactly once (web, phone, email: one ticket, the number the client was given where it
 * was given one; chat: the message text once across its chat's ticket body and transcript updates).
 */
final class FaultCount {

    /** The tokens the load writes: {@code [fault-web-3]}, {@code [fault-chat-1-2-3]}, {@code [fault-mail-7]}. */
    private static final Pattern TOKEN = Pattern.compile("\\[[a-z-]+-(?:web|chat|mail)-[0-9-]+]");

    /** One line of the table. */
    record Row(String fault, Channel channel, int acknowledged, int exactlyOnce, int missing, int doubled, long stuck,
               long retried, List<String> details) {

        boolean clean() {
            return missing == 0 && doubled == 0 && stuck == 0;
        }
    }

    /** The tracker's contents, indexed by token. */
    static final class Index {
        /** Web and email tickets by the token in their subject: the ticket numbers carrying it. */
        private final Map<String, Set<String>> ticketsByToken = new HashMap<>();
        /** Email updates by the token in their body (a mail threaded onto a ticket). */
        private final Map<String, Set<String>> updatesByToken = new HashMap<>();
        /** Chat: how often each message token appears across chat ticket bodies and transcript updates. */
        private final Map<String, Integer> chatOccurrences = new HashMap<>();
        /** Phone tickets by source reference (the call id). */
        private final Map<String, Set<String>> callTickets = new HashMap<>();

        Index(List<JsonNode> envelopes) {
            for (JsonNode e : envelopes) {
                if (e.hasNonNull("ticket")) {
                    JsonNode t = e.get("ticket");
                    String channel = t.path("channel").asText();
                    String number = t.path("number").asText();
                    switch (channel) {
                        case "web", "email" -> tokens(t.path("subject").asText())
                                .forEach(k -> ticketsByToken.computeIfAbsent(k, x -> new HashSet<>()).add(number));
                        case "chat" -> tokens(t.path("body").asText()).forEach(k -> chatOccurrences.merge(k, 1, Integer::sum));
                        case "phone" -> callTickets.computeIfAbsent(t.path("source_ref").asText(), x -> new HashSet<>()).add(number);
                        default -> { }
                    }
                } else if (e.hasNonNull("update")) {
                    JsonNode u = e.get("update");
                    String channel = u.path("channel").asText();
                    if (channel.equals("chat")) {
                        tokens(u.path("body").asText()).forEach(k -> chatOccurrences.merge(k, 1, Integer::sum));
                    } else if (channel.equals("email")) {
                        tokens(u.path("body").asText()).forEach(k -> updatesByToken.computeIfAbsent(k, x -> new HashSet<>())
                                .add(u.path("ticket_number").asText() + "/" + u.path("sequence").asText()));
                    }
                }
            }
        }

        private static List<String> tokens(String text) {
            List<String> out = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }

        /** Where one acknowledged item is in the tracker: the ticket numbers (or update keys) holding it. */
        List<String> holders(Ack ack) {
            return switch (ack.channel()) {
                case WEB -> List.copyOf(ticketsByToken.getOrDefault(ack.token(), Set.of()));
                case EMAIL -> {
                    List<String> all = new ArrayList<>(ticketsByToken.getOrDefault(ack.token(), Set.of()));
                    all.addAll(updatesByToken.getOrDefault(ack.token(), Set.of()));
                    yield all;
                }
                case PHONE -> List.copyOf(callTickets.getOrDefault(ack.token(), Set.of()));
                case CHAT -> java.util.Collections.nCopies(chatOccurrences.getOrDefault(ack.token(), 0), "chat");
            };
        }
    }

    private FaultCount() {
    }

    static Row count(String fault, Channel channel, List<Ack> acks, Index tracker, long stuck, long retried) {
        int once = 0;
        int missing = 0;
        int doubled = 0;
        List<String> details = new ArrayList<>();
        for (Ack ack : acks) {
            List<String> holders = tracker.holders(ack);
            if (holders.isEmpty()) {
                missing++;
                details.add("missing " + ack.token() + (ack.number() == null ? "" : " (told " + ack.number() + ")"));
            } else if (holders.size() > 1) {
                doubled++;
                details.add("doubled " + ack.token() + " in " + holders);
            } else if (ack.number() != null && !holders.get(0).equals(ack.number())) {
                missing++;
                details.add("missing " + ack.token() + ": told " + ack.number() + ", the tracker has it as " + holders.get(0));
            } else {
                once++;
            }
        }
        return new Row(fault, channel, acks.size(), once, missing, doubled, stuck, retried, details);
    }

    /** The table as Markdown, one line per fault and channel. */
    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| fault | channel | acknowledged | in tracker once | missing | doubled | stuck | retried by clients |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append("| ").append(r.fault()).append(" | ").append(r.channel().wire).append(" | ").append(r.acknowledged())
                    .append(" | ").append(r.exactlyOnce()).append(" | ").append(r.missing()).append(" | ").append(r.doubled())
                    .append(" | ").append(r.stuck()).append(" | ").append(r.retried()).append(" |\n");
        }
        return out.toString();
    }
}
