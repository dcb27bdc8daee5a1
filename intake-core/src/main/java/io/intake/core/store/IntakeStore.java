package io.intake.core.store;

import io.intake.core.IntakeException;
import io.intake.core.IntakeResult.Accepted;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.IntakeResult.Outcome;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;
import io.intake.core.ticket.SlaStamp;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The gateway's durable record of what it accepted. Every commit writes, in one transaction, the ticket or update, its
 * source reference (so it can never be accepted twice), its conversation keys and its outbox entry; only after the
 * commit does the channel hear that the request was received.
 */
public final class IntakeStore {

    private final IntakeDatabase db;
    private final Clock clock;

    public IntakeStore(IntakeDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public IntakeDatabase database() {
        return db;
    }

    /** What an earlier request with this source reference produced, if any. */
    public Optional<Accepted> findBySource(Channel channel, String sourceRef) {
        String sql = "SELECT s.ticket_number, s.sequence, t.severity, t.response_due FROM intake_source s "
                + "JOIN intake_ticket t ON t.number = s.ticket_number WHERE s.channel = ? AND s.source_ref = ?";
        return query(sql, ps -> {
            ps.setString(1, channel.name());
            ps.setString(2, sourceRef);
        }, rs -> new Accepted(new TicketNumber(rs.getLong(1)), rs.getInt(2), Outcome.DUPLICATE,
                Severity.valueOf(rs.getString(3)), Sql.fromDb(rs.getObject(4)), null));
    }

    /** The ticket the first matching key names: a ticket number, or a key registered with {@link #link}. */
    public Optional<TicketNumber> resolveConversation(List<String> keys) {
        for (String key : keys) {
            TicketNumber number = TicketNumber.tryParse(key);
            if (number != null && exists(number)) {
                return Optional.of(number);
            }
            Optional<TicketNumber> linked = query("SELECT ticket_number FROM intake_conversation WHERE conversation_key = ?",
                    ps -> ps.setString(1, key), rs -> new TicketNumber(rs.getLong(1)));
            if (linked.isPresent()) {
                return linked;
            }
        }
        return Optional.empty();
    }

    public boolean exists(TicketNumber number) {
        return query("SELECT 1 FROM intake_ticket WHERE number = ?", ps -> ps.setLong(1, number.value()), rs -> true).isPresent();
    }

    /** Registers a conversation key (an acknowledgement's Message-ID, a chat session) so later requests thread. */
    public void link(String key, TicketNumber number) {
        try (Connection c = db.connection()) {
            insertKey(c, key, number);
        } catch (SQLException e) {
            throw new IntakeException("cannot link conversation key to ticket " + number, e);
        }
    }

    /** Forgets a conversation key; later requests carrying it no longer thread onto the ticket. */
    public void unlink(String key) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM intake_conversation WHERE conversation_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IntakeException("cannot unlink a conversation key: " + e.getMessage(), e);
        }
    }

    /**
     * Commits a new ticket built from the request. If another node or an earlier attempt already committed the same
     * source reference, nothing is written and that earlier result is answered as a duplicate.
     */
    public Accepted commitTicket(IntakeRequest request, Classification classification, SlaStamp sla) {
        try (Connection c = db.connection()) {
            long serial;
            try (PreparedStatement ps = c.prepareStatement(db.dialect().nextSerialSql()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                serial = rs.getLong(1);
            }
            Ticket ticket = Ticket.from(TicketNumber.ofSerial(serial), request, classification, sla);
            c.setAutoCommit(false);
            try {
                insertSource(c, request.channel(), request.sourceRef(), ticket.number(), 0);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO intake_ticket (number, channel, source_ref, "
                        + "severity, subject, requester, received_at, response_due, payload) VALUES (?,?,?,?,?,?,?,?,?)")) {
                    ps.setLong(1, ticket.number().value());
                    ps.setString(2, ticket.channel().name());
                    ps.setString(3, ticket.sourceRef());
                    ps.setString(4, ticket.severity().name());
                    ps.setString(5, truncate(ticket.subject(), 1000));
                    ps.setString(6, truncate(ticket.requester().label(), 300));
                    ps.setObject(7, Sql.toDb(ticket.receivedAt()));
                    ps.setObject(8, Sql.toDb(sla.responseDue()));
                    ps.setString(9, WireFormat.write(ticket));
                    ps.executeUpdate();
                }
                insertKey(c, ticket.sourceRef(), ticket.number());
                insertOutbox(c, ticket.number(), 0, false);
                c.commit();
                return new Accepted(ticket.number(), 0, Outcome.CREATED, ticket.severity(), sla.responseDue(), classification.rule());
            } catch (SQLException e) {
                c.rollback();
                if (Sql.isDuplicateKey(e)) {
                    return findBySource(request.channel(), request.sourceRef())
                            .orElseThrow(() -> new IntakeException("duplicate source reference vanished", e));
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IntakeException("cannot commit ticket for " + request.channel().wireName() + " request: " + e.getMessage(), e);
        }
    }

    /**
     * Commits an update to an existing ticket; the factory receives the sequence number assigned under the ticket's
     * row lock. A duplicate source reference answers the earlier result. When {@code reclassified} is given, the
     * ticket's current severity and deadline change with it.
     */
    public Accepted commitUpdate(TicketNumber number, Channel channel, String sourceRef, IntFunction<TicketUpdate> factory,
                                 SlaStamp reclassified) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int count;
                Severity severity;
                java.time.Instant due;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT update_count, severity, response_due FROM intake_ticket WHERE number = ? FOR UPDATE")) {
                    ps.setLong(1, number.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IntakeException("ticket " + number + " does not exist");
                        }
                        count = rs.getInt(1);
                        severity = Severity.valueOf(rs.getString(2));
                        due = Sql.fromDb(rs.getObject(3));
                    }
                }
                int sequence = count + 1;
                TicketUpdate update = factory.apply(sequence);
                insertSource(c, channel, sourceRef, number, sequence);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO intake_update (ticket_number, sequence, kind, "
                        + "channel, source_ref, received_at, payload) VALUES (?,?,?,?,?,?,?)")) {
                    ps.setLong(1, number.value());
                    ps.setInt(2, sequence);
                    ps.setString(3, update.kind().name());
                    ps.setString(4, channel.name());
                    ps.setString(5, sourceRef);
                    ps.setObject(6, Sql.toDb(update.receivedAt()));
                    ps.setString(7, WireFormat.write(update));
                    ps.executeUpdate();
                }
                if (reclassified != null && update.classification() != null) {
                    severity = update.classification().severity();
                    due = reclassified.responseDue();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE intake_ticket SET update_count = ?, severity = ?, response_due = ? WHERE number = ?")) {
                    ps.setInt(1, sequence);
                    ps.setString(2, severity.name());
                    ps.setObject(3, Sql.toDb(due));
                    ps.setLong(4, number.value());
                    ps.executeUpdate();
                }
                insertKey(c, sourceRef, number);
                insertOutbox(c, number, sequence, hasParked(c, number));
                c.commit();
                String rule = update.classification() == null ? null : update.classification().rule();
                return new Accepted(number, sequence, Outcome.UPDATED, severity, due, rule);
            } catch (SQLException e) {
                c.rollback();
                if (Sql.isDuplicateKey(e)) {
                    return findBySource(channel, sourceRef)
                            .orElseThrow(() -> new IntakeException("duplicate source reference vanished", e));
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IntakeException("cannot commit update to ticket " + number + ": " + e.getMessage(), e);
        }
    }

    /** Records a refused request so nothing is dropped silently. */
    public void recordRejection(Channel channel, String sourceRef, String reason, List<FieldProblem> problems) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO intake_rejection (channel, source_ref, reason, problems, received_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, channel == null ? null : channel.name());
            ps.setString(2, sourceRef == null ? null : truncate(sourceRef, 512));
            ps.setString(3, truncate(reason, 2000));
            ps.setString(4, truncate(WireFormat.write(problems), 100_000));
            ps.setObject(5, Sql.toDb(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IntakeException("cannot record rejection: " + e.getMessage(), e);
        }
    }

    /** The number of rejections recorded so far. */
    public long rejectionCount() {
        return query("SELECT COUNT(*) FROM intake_rejection", ps -> { }, rs -> rs.getLong(1)).orElse(0L);
    }

    public Optional<Ticket> findTicket(TicketNumber number) {
        return query("SELECT payload FROM intake_ticket WHERE number = ?", ps -> ps.setLong(1, number.value()),
                rs -> WireFormat.read(rs.getString(1), Ticket.class));
    }

    public List<TicketUpdate> findUpdates(TicketNumber number) {
        return list("SELECT payload FROM intake_update WHERE ticket_number = ? ORDER BY sequence",
                ps -> ps.setLong(1, number.value()), rs -> WireFormat.read(rs.getString(1), TicketUpdate.class));
    }

    /** Tickets whose current deadline is after {@code instant}: number, current severity, channel and receipt. */
    public List<OpenTicket> dueAfter(java.time.Instant instant, int limit) {
        return list("SELECT number, severity, channel, received_at FROM intake_ticket WHERE response_due > ? "
                + "ORDER BY number LIMIT ?", ps -> {
                    ps.setObject(1, Sql.toDb(instant));
                    ps.setInt(2, limit);
                }, rs -> new OpenTicket(new TicketNumber(rs.getLong(1)), Severity.valueOf(rs.getString(2)),
                Channel.valueOf(rs.getString(3)), Sql.fromDb(rs.getObject(4))));
    }

    /** A ticket still inside its deadline, as {@link #dueAfter} finds it. */
    public record OpenTicket(TicketNumber number, Severity severity, Channel channel, java.time.Instant receivedAt) {
    }

    /** One row per ticket, newest first, with its delivery state, for the command line and the portal. */
    public List<TicketSummary> summaries(int limit) {
        String sql = "SELECT t.number, t.channel, t.severity, t.subject, t.requester, t.received_at, t.response_due, "
                + "t.update_count, t.tracker_key, "
                + "(SELECT COUNT(*) FROM intake_outbox o WHERE o.ticket_number = t.number AND o.state = 'PARKED'), "
                + "(SELECT COUNT(*) FROM intake_outbox o WHERE o.ticket_number = t.number AND o.state = 'PENDING') "
                + "FROM intake_ticket t ORDER BY t.number DESC LIMIT ?";
        return list(sql, ps -> ps.setInt(1, limit), rs -> new TicketSummary(new TicketNumber(rs.getLong(1)),
                Channel.valueOf(rs.getString(2)), Severity.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                Sql.fromDb(rs.getObject(6)), Sql.fromDb(rs.getObject(7)), rs.getInt(8), rs.getString(9),
                rs.getInt(10) > 0 ? "parked" : rs.getInt(11) > 0 ? "pending" : "delivered"));
    }

    private void insertSource(Connection c, Channel channel, String sourceRef, TicketNumber number, int sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO intake_source (channel, source_ref, ticket_number, sequence) VALUES (?,?,?,?)")) {
            ps.setString(1, channel.name());
            ps.setString(2, sourceRef);
            ps.setLong(3, number.value());
            ps.setInt(4, sequence);
            ps.executeUpdate();
        }
    }

    /** Registers a key unless it already names a ticket (the first ticket to use a key keeps it). */
    private static void insertKey(Connection c, String key, TicketNumber number) throws SQLException {
        if (key.length() > 512) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO intake_conversation t USING (VALUES (CAST(? AS VARCHAR(512)), "
                + "CAST(? AS BIGINT))) AS s (k, n) ON t.conversation_key = s.k "
                + "WHEN NOT MATCHED THEN INSERT (conversation_key, ticket_number) VALUES (s.k, s.n)")) {
            ps.setString(1, key);
            ps.setLong(2, number.value());
            ps.executeUpdate();
        }
    }

    private void insertOutbox(Connection c, TicketNumber number, int sequence, boolean parked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO intake_outbox (ticket_number, sequence, state, "
                + "next_attempt_at, created_at, last_error) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, number.value());
            ps.setInt(2, sequence);
            ps.setString(3, parked ? "PARKED" : "PENDING");
            ps.setObject(4, Sql.toDb(clock.instant()));
            ps.setObject(5, Sql.toDb(clock.instant()));
            ps.setString(6, parked ? "held behind an earlier parked entry of this ticket; replay the ticket" : null);
            ps.executeUpdate();
        }
    }

    private static boolean hasParked(Connection c, TicketNumber number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM intake_outbox WHERE ticket_number = ? AND state = 'PARKED'")) {
            ps.setLong(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = list(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IntakeException("intake store query failed: " + e.getMessage(), e);
        }
    }
}
