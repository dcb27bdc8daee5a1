package io.intake.core.outbox;

import io.intake.core.IntakeException;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.Sql;
import io.intake.core.ticket.TicketNumber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable queue between acceptance and the tracker. Entries of one ticket leave in order: an entry is due only
 * when every earlier entry of its ticket was delivered. Several nodes may drain one outbox; each claims entries with a
 * lease, so a node that dies releases its entries when the lease ends.
 */
public final class Outbox {

    private static final String COLUMNS = "id, ticket_number, sequence, state, attempts, next_attempt_at, last_error, "
            + "created_at, delivered_at";

    private final IntakeDatabase db;

    public Outbox(IntakeDatabase db) {
        this.db = db;
    }

    /** Pending, due, and leased by nobody: the condition with its two parameters (now, now). */
    private static String free(String t) {
        return t + ".state = 'PENDING' AND " + t + ".next_attempt_at <= ? AND (" + t + ".lease_until IS NULL OR "
                + t + ".lease_until < ?)";
    }

    /**
     * Claims up to {@code limit} due entries, in outbox order, under one lease owner in a single statement, then reads
     * them back with their payloads. An entry is left out while an earlier entry of its ticket is undelivered and not
     * itself due, so delivering the answer in order keeps each ticket's entries in order and the outbox in commit order. Another node running the same claim at the same time gets other
     * entries: the lease condition is checked again on every row the statement updates.
     *
     * @param owner a name unique to this claim (node and round), so the read-back sees only these entries
     */
    public List<Claimed> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        update("UPDATE intake_outbox SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT o.id FROM intake_outbox o "
                + "WHERE " + free("o") + " AND NOT EXISTS (SELECT 1 FROM intake_outbox p WHERE p.ticket_number = o.ticket_number "
                + "AND p.id < o.id AND p.state <> 'DELIVERED' AND NOT (" + free("p") + ")) ORDER BY o.id FETCH FIRST ? ROWS ONLY) "
                + "AND state = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)", ps -> {
                    ps.setString(1, owner);
                    ps.setObject(2, Sql.toDb(leaseUntil));
                    for (int i = 3; i <= 6; i++) {
                        ps.setObject(i, Sql.toDb(now));
                    }
                    ps.setInt(7, limit);
                    ps.setObject(8, Sql.toDb(now));
                });
        String sql = "SELECT o.id, o.ticket_number, o.sequence, o.state, o.attempts, o.next_attempt_at, o.last_error, "
                + "o.created_at, o.delivered_at, t.payload, u.payload, t.tracker_key FROM intake_outbox o "
                + "JOIN intake_ticket t ON t.number = o.ticket_number "
                + "LEFT JOIN intake_update u ON u.ticket_number = o.ticket_number AND u.sequence = o.sequence "
                + "WHERE o.lease_owner = ? AND o.state = 'PENDING' ORDER BY o.id";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                List<Claimed> out = new ArrayList<>();
                while (rs.next()) {
                    OutboxEntry entry = entry(rs);
                    out.add(new Claimed(entry, entry.isCreation() ? rs.getString(10) : rs.getString(11), rs.getString(12)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IntakeException("outbox claim failed: " + e.getMessage(), e);
        }
    }

    /**
     * A claimed entry with what delivery needs.
     *
     * @param payload    the ticket's or update's wire JSON
     * @param trackerKey the tracker's key for the ticket when its creation was delivered before this claim, else null
     */
    public record Claimed(OutboxEntry entry, String payload, String trackerKey) {
    }

    /**
     * Marks entries delivered in one transaction; for creations also records the tracker's key. Delivery batches this:
     * an entry whose mark is lost in a crash is delivered again, which sinks absorb by its idempotency key.
     */
    public void delivered(List<Delivered> done, Instant now) {
        if (done.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (PreparedStatement entries = c.prepareStatement("UPDATE intake_outbox SET state = 'DELIVERED', delivered_at = ?, "
                    + "attempts = attempts + 1, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ?");
                 PreparedStatement keys = c.prepareStatement("UPDATE intake_ticket SET tracker_key = ? WHERE number = ?")) {
                boolean anyKey = false;
                for (Delivered d : done) {
                    entries.setObject(1, Sql.toDb(now));
                    entries.setLong(2, d.entry().id());
                    entries.addBatch();
                    if (d.entry().isCreation() && d.trackerKey() != null) {
                        keys.setString(1, d.trackerKey().length() > 512 ? d.trackerKey().substring(0, 512) : d.trackerKey());
                        keys.setLong(2, d.entry().ticketNumber().value());
                        keys.addBatch();
                        anyKey = true;
                    }
                }
                entries.executeBatch();
                if (anyKey) {
                    keys.executeBatch();
                }
            }
        });
    }

    /** An entry the tracker took, with the key it answered for a creation. */
    public record Delivered(OutboxEntry entry, String trackerKey) {
    }

    /** Gives back the entries of a claim that were not handled, so they are due again at once. */
    public void release(String owner) {
        update("UPDATE intake_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND state = 'PENDING'",
                ps -> ps.setString(1, owner));
    }

    /** Records a failed attempt and when to try again. */
    public void retryLater(OutboxEntry entry, String error, Instant next) {
        update("UPDATE intake_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL, "
                + "lease_until = NULL WHERE id = ?", ps -> {
                    ps.setObject(1, Sql.toDb(next));
                    ps.setString(2, clip(error));
                    ps.setLong(3, entry.id());
                });
    }

    /** Parks an entry with its error, and holds every later entry of the same ticket behind it. */
    public void park(OutboxEntry entry, String error) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE intake_outbox SET state = 'PARKED', attempts = attempts + 1, "
                    + "last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?")) {
                ps.setString(1, clip(error));
                ps.setLong(2, entry.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE intake_outbox SET state = 'PARKED', last_error = ?, "
                    + "lease_owner = NULL, lease_until = NULL WHERE ticket_number = ? AND id > ? AND state = 'PENDING'")) {
                ps.setString(1, "held behind parked entry " + entry.id() + " of this ticket; replay the ticket");
                ps.setLong(2, entry.ticketNumber().value());
                ps.setLong(3, entry.id());
                ps.executeUpdate();
            }
        });
    }

    /**
     * Parks the pending entries of tickets that have a parked entry before them. {@link #park} holds the entries that
     * exist when it runs, and a new update sees a parked entry when it commits; an update whose commit raced with the
     * park sees neither and would wait forever, since it may not overtake the parked entry. Answers how many it parked.
     */
    public int parkFollowersOfParked() {
        return update("UPDATE intake_outbox SET state = 'PARKED', last_error = 'held behind an earlier parked entry of this "
                + "ticket; replay the ticket', lease_owner = NULL, lease_until = NULL WHERE state = 'PENDING' AND EXISTS ("
                + "SELECT 1 FROM intake_outbox p WHERE p.ticket_number = intake_outbox.ticket_number "
                + "AND p.id < intake_outbox.id AND p.state = 'PARKED')", ps -> { });
    }

    /** Parked entries, oldest first. */
    public List<OutboxEntry> parked(int limit) {
        return list("SELECT " + COLUMNS + " FROM intake_outbox WHERE state = 'PARKED' ORDER BY id LIMIT ?",
                ps -> ps.setInt(1, limit));
    }

    /** Entries not yet delivered (pending and parked), oldest first. */
    public List<OutboxEntry> undelivered(int limit) {
        return list("SELECT " + COLUMNS + " FROM intake_outbox WHERE state <> 'DELIVERED' ORDER BY id LIMIT ?",
                ps -> ps.setInt(1, limit));
    }

    public List<OutboxEntry> entriesOf(TicketNumber number) {
        return list("SELECT " + COLUMNS + " FROM intake_outbox WHERE ticket_number = ? ORDER BY id",
                ps -> ps.setLong(1, number.value()));
    }

    /** Puts every parked entry of the ticket back in the queue with fresh attempts; answers how many. */
    public int replay(TicketNumber number, Instant now) {
        return update("UPDATE intake_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?, last_error = NULL, "
                + "lease_owner = NULL, lease_until = NULL "
                + "WHERE ticket_number = ? AND state = 'PARKED'", ps -> {
                    ps.setObject(1, Sql.toDb(now));
                    ps.setLong(2, number.value());
                });
    }

    /** Puts every parked entry back in the queue; answers how many. */
    public int replayAll(Instant now) {
        return update("UPDATE intake_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?, last_error = NULL, "
                + "lease_owner = NULL, lease_until = NULL "
                + "WHERE state = 'PARKED'", ps -> ps.setObject(1, Sql.toDb(now)));
    }

    /** Counts by state, for metrics and health. */
    public long count(OutboxEntry.State state) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM intake_outbox WHERE state = ?")) {
            ps.setString(1, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IntakeException("cannot count outbox entries: " + e.getMessage(), e);
        }
    }

    private static String clip(String error) {
        String e = error == null ? "unknown error" : error;
        return e.length() <= 2000 ? e : e.substring(0, 1997) + "...";
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private List<OutboxEntry> list(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<OutboxEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(entry(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IntakeException("outbox query failed: " + e.getMessage(), e);
        }
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        return new OutboxEntry(rs.getLong(1), new TicketNumber(rs.getLong(2)), rs.getInt(3),
                OutboxEntry.State.valueOf(rs.getString(4)), rs.getInt(5), Sql.fromDb(rs.getObject(6)),
                rs.getString(7), Sql.fromDb(rs.getObject(8)), Sql.fromDb(rs.getObject(9)));
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IntakeException("outbox update failed: " + e.getMessage(), e);
        }
    }

    private void inTransaction(Work work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IntakeException("outbox update failed: " + e.getMessage(), e);
        }
    }
}
