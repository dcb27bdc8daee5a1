package io.intake.web.internal;

import io.intake.core.IntakeException;
import io.intake.core.store.Sql;
import io.intake.core.store.TicketSummary;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.TicketNumber;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Read queries the staff API and the portal need and {@code IntakeStore} does not offer yet (filtered summaries,
 * intake counts per channel), over the gateway's own tables. Portable H2 / PostgreSQL.
 */
public final class TicketQuery {

    private final DataSource dataSource;

    public TicketQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One ticket's summary (current severity and deadline, delivery state), if it exists. */
    public java.util.Optional<TicketSummary> one(TicketNumber number) {
        return find(null, null, null, number, 1).stream().findFirst();
    }

    /** Tickets newest first, received at or after {@code since} (null: any time), optionally of one channel and severity. */
    public List<TicketSummary> find(Instant since, Channel channel, Severity severity, int limit) {
        return find(since, channel, severity, null, limit);
    }

    private List<TicketSummary> find(Instant since, Channel channel, Severity severity, TicketNumber number, int limit) {
        StringBuilder sql = new StringBuilder("SELECT t.number, t.channel, t.severity, t.subject, t.requester, "
                + "t.received_at, t.response_due, t.update_count, t.tracker_key, "
                + "(SELECT COUNT(*) FROM intake_outbox o WHERE o.ticket_number = t.number AND o.state = 'PARKED'), "
                + "(SELECT COUNT(*) FROM intake_outbox o WHERE o.ticket_number = t.number AND o.state = 'PENDING') "
                + "FROM intake_ticket t WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (since != null) {
            sql.append(" AND t.received_at >= ?");
            args.add(Sql.toDb(since));
        }
        if (channel != null) {
            sql.append(" AND t.channel = ?");
            args.add(channel.name());
        }
        if (severity != null) {
            sql.append(" AND t.severity = ?");
            args.add(severity.name());
        }
        if (number != null) {
            sql.append(" AND t.number = ?");
            args.add(number.value());
        }
        sql.append(" ORDER BY t.number DESC LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<TicketSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketSummary(new TicketNumber(rs.getLong(1)), Channel.valueOf(rs.getString(2)),
                            Severity.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            Sql.fromDb(rs.getObject(6)), Sql.fromDb(rs.getObject(7)), rs.getInt(8), rs.getString(9),
                            rs.getInt(10) > 0 ? "parked" : rs.getInt(11) > 0 ? "pending" : "delivered"));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IntakeException("cannot query tickets: " + e.getMessage(), e);
        }
    }

    /** Tickets received at or after {@code since}, per channel (every channel present, zero when none). */
    public Map<Channel, Long> countsSince(Instant since) {
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            counts.put(ch, 0L);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT channel, COUNT(*) FROM intake_ticket WHERE received_at >= ? GROUP BY channel")) {
            ps.setObject(1, Sql.toDb(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(Channel.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IntakeException("cannot count tickets: " + e.getMessage(), e);
        }
    }
}
