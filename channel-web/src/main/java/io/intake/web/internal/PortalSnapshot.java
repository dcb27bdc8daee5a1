package io.intake.web.internal;

import io.intake.core.outbox.OutboxEntry;
import io.intake.core.store.TicketSummary;
import io.intake.core.ticket.Channel;
import io.intake.web.SiteRegistrations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the live monitor shows at one moment: recent tickets with their deadlines, intake per channel, the outbox and,
 * when a monitor is connected, phone registration by site. Rendered by the page for the first view and sent as JSON
 * over server-sent events after that.
 *
 * @param at          when the snapshot was taken
 * @param tickets     recent tickets, newest first
 * @param lastHour    tickets received in the last hour, per channel
 * @param last15      tickets received in the last 15 minutes, per channel
 * @param pending     outbox entries waiting for delivery
 * @param parkedCount outbox entries that gave up
 * @param parked      the parked entries (the first few)
 * @param sites       phone registration by site, or null when no monitor is connected
 */
record PortalSnapshot(Instant at, List<TicketSummary> tickets, Map<Channel, Long> lastHour, Map<Channel, Long> last15,
                      long pending, long parkedCount, List<OutboxEntry> parked, List<SiteRegistrations.Site> sites) {

    /** One ticket row, with its countdown worked out. */
    record Row(TicketSummary ticket, String channel, String severity, boolean overdue, boolean atRisk, String dueText) {
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(tickets.size());
        for (TicketSummary t : tickets) {
            Duration left = Duration.between(at, t.responseDue());
            Duration whole = Duration.between(t.receivedAt(), t.responseDue());
            boolean overdue = left.isNegative();
            boolean atRisk = !overdue && left.toMillis() < whole.toMillis() / 4;
            rows.add(new Row(t, t.channel().wireName(), t.severity().name().toLowerCase(Locale.ROOT), overdue, atRisk,
                    overdue ? span(left.negated()) + " past target" : "in " + span(left)));
        }
        return rows;
    }

    public long overdueCount() {
        return rows().stream().filter(Row::overdue).count();
    }

    public long totalLastHour() {
        return lastHour.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The largest hourly count, for scaling the bars (at least 1). */
    public long maxLastHour() {
        return Math.max(1, lastHour.values().stream().mapToLong(Long::longValue).max().orElse(1));
    }

    /** "2d 3h", "3h 12m", "12m 5s", "40s". */
    static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + s % 60 + "s" : s % 60 + "s";
    }

    static Map<String, Object> ticketJson(TicketSummary t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number().toString());
        m.put("channel", t.channel().wireName());
        m.put("severity", t.severity().name());
        m.put("subject", t.subject());
        m.put("requester", t.requester());
        m.put("received_at", ApiAnswer.instant(t.receivedAt()));
        m.put("response_due", ApiAnswer.instant(t.responseDue()));
        m.put("updates", t.updateCount());
        m.put("delivery_state", t.deliveryState());
        m.put("tracker_key", t.trackerKey());
        return m;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at.toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (TicketSummary t : tickets) {
            list.add(ticketJson(t));
        }
        m.put("tickets", list);
        Map<String, Object> rates = new LinkedHashMap<>();
        for (Channel ch : Channel.values()) {
            rates.put(ch.wireName(), Map.of("last_hour", lastHour.getOrDefault(ch, 0L), "last_15m", last15.getOrDefault(ch, 0L)));
        }
        m.put("rates", rates);
        List<Map<String, Object>> parkedList = new ArrayList<>();
        for (OutboxEntry e : parked) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("ticket", e.ticketNumber().toString());
            p.put("sequence", e.sequence());
            p.put("attempts", e.attempts());
            p.put("last_error", e.lastError());
            p.put("created_at", e.createdAt() == null ? null : e.createdAt().toString());
            parkedList.add(p);
        }
        m.put("outbox", Map.of("pending", pending, "parked", parkedCount, "parked_entries", parkedList));
        if (sites == null) {
            m.put("sites", null);
        } else {
            List<Map<String, Object>> s = new ArrayList<>();
            for (SiteRegistrations.Site site : sites) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("site", site.site());
                x.put("name", site.name());
                x.put("registered", site.registered());
                x.put("total", site.total());
                x.put("state", site.state());
                x.put("updated_at", site.updatedAt() == null ? null : site.updatedAt().toString());
                s.add(x);
            }
            m.put("sites", s);
        }
        return m;
    }
}
