package io.intake.chat.internal;

import io.intake.core.IntakeException;
import io.intake.core.store.IntakeDatabase;
import io.intake.core.store.Sql;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat tables in the gateway's database: sessions and every message, each committed before it is acknowledged.
 * Its own Flyway history ({@code intake_chat_schema_history}), so the chat channel can be added to a running gateway.
 */
public final class ChatStore {

    /** Where a chat is: waiting for an agent, talking to one, or over. */
    public enum State { WAITING, ACTIVE, ENDED }

    /** Who wrote a message. */
    public enum Author { VISITOR, AGENT, SYSTEM }

    public record Session(String chatId, String tokenHash, String name, String email, String account, String site,
                          String address, State state, String agent, Instant startedAt, Instant lastActivityAt,
                          Instant continueUntil, Instant endedAt, String endedReason, String ticketNumber,
                          String severity, Instant responseDue, String preview, int lastVisitorSeq, int lastId,
                          int transcriptUpto, Integer transcriptPending) {
    }

    public record Message(String chatId, int id, Author author, String authorName, Integer visitorSeq, String text,
                          Instant at) {
    }

    /** What became of a visitor's message. */
    public sealed interface Appended {
        record Stored(Message message, boolean first) implements Appended {
        }

        record Duplicate(int lastSeq) implements Appended {
        }

        record Gap(int expected) implements Appended {
        }

        record Ended(Session session) implements Appended {
        }

        record Unknown() implements Appended {
        }
    }

    /** Messages {@code (from, to]} of a chat, to be added to its ticket as one transcript update. */
    public record Batch(String chatId, int from, int to) {
    }

    private static final String COLUMNS = "chat_id, token_hash, name, email, account, site, address, state, agent, "
            + "started_at, last_activity_at, continue_until, ended_at, ended_reason, ticket_number, severity, "
            + "response_due, preview, last_visitor_seq, last_id, transcript_upto, transcript_pending";

    private final IntakeDatabase db;

    public ChatStore(IntakeDatabase db) {
        this.db = db;
        Flyway.configure()
                .dataSource(db.dataSource())
                .locations("classpath:db/chat")
                .table("intake_chat_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    public void create(Session s) {
        String sql = "INSERT INTO chat_session (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, s.chatId());
            ps.setString(++i, s.tokenHash());
            ps.setString(++i, s.name());
            ps.setString(++i, s.email());
            ps.setString(++i, s.account());
            ps.setString(++i, s.site());
            ps.setString(++i, s.address());
            ps.setString(++i, s.state().name());
            ps.setString(++i, s.agent());
            ps.setObject(++i, Sql.toDb(s.startedAt()));
            ps.setObject(++i, Sql.toDb(s.lastActivityAt()));
            ps.setObject(++i, Sql.toDb(s.continueUntil()));
            ps.setObject(++i, Sql.toDb(s.endedAt()));
            ps.setString(++i, s.endedReason());
            ps.setString(++i, s.ticketNumber());
            ps.setString(++i, s.severity());
            ps.setObject(++i, Sql.toDb(s.responseDue()));
            ps.setString(++i, s.preview());
            ps.setInt(++i, s.lastVisitorSeq());
            ps.setInt(++i, s.lastId());
            ps.setInt(++i, s.transcriptUpto());
            ps.setNull(++i, Types.INTEGER);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("store the new chat " + s.chatId(), e);
        }
    }

    public Optional<Session> find(String chatId) {
        List<Session> found = sessions("SELECT " + COLUMNS + " FROM chat_session WHERE chat_id = ?", chatId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Stores the visitor's message number {@code seq} unless it is stored already; one transaction that locks the
     * chat's row, so two connections of one visitor (a reconnect racing the old socket) cannot interleave.
     */
    public Appended appendVisitor(String chatId, int seq, String text, String preview, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Session s = lock(c, chatId);
                if (s == null) {
                    c.rollback();
                    return new Appended.Unknown();
                }
                if (seq <= s.lastVisitorSeq()) {
                    String stored = visitorText(c, chatId, seq);
                    c.rollback();
                    return text.equals(stored) ? new Appended.Duplicate(s.lastVisitorSeq())
                            : new Appended.Gap(s.lastVisitorSeq() + 1);   // another text under a number already used
                }
                if (s.state() == State.ENDED) {
                    c.rollback();
                    return new Appended.Ended(s);
                }
                if (seq != s.lastVisitorSeq() + 1) {
                    c.rollback();
                    return new Appended.Gap(s.lastVisitorSeq() + 1);
                }
                Message m = new Message(chatId, s.lastId() + 1, Author.VISITOR, s.name(), seq, text, at);
                insert(c, m);
                try (PreparedStatement ps = c.prepareStatement("UPDATE chat_session SET last_visitor_seq = ?, last_id = ?, "
                        + "last_activity_at = ?, preview = COALESCE(preview, ?) WHERE chat_id = ?")) {
                    ps.setInt(1, seq);
                    ps.setInt(2, m.id());
                    ps.setObject(3, Sql.toDb(at));
                    ps.setString(4, preview);
                    ps.setString(5, chatId);
                    ps.executeUpdate();
                }
                c.commit();
                return new Appended.Stored(m, s.lastVisitorSeq() == 0);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("store message " + seq + " of chat " + chatId, e);
        }
    }

    /** Stores an agent's or a system message; empty when the chat is unknown or over. */
    public Optional<Message> appendOther(String chatId, Author author, String name, String text, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Session s = lock(c, chatId);
                if (s == null || s.state() == State.ENDED && author == Author.AGENT) {
                    c.rollback();
                    return Optional.empty();
                }
                Message m = new Message(chatId, s.lastId() + 1, author, name, null, text, at);
                insert(c, m);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE chat_session SET last_id = ?, last_activity_at = ? WHERE chat_id = ?")) {
                    ps.setInt(1, m.id());
                    ps.setObject(2, Sql.toDb(at));
                    ps.setString(3, chatId);
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(m);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("store a message of chat " + chatId, e);
        }
    }

    /** The chat's messages with an id above {@code afterId}, oldest first. */
    public List<Message> messages(String chatId, int afterId, int toId) {
        String sql = "SELECT chat_id, id, author, author_name, visitor_seq, body, at FROM chat_message "
                + "WHERE chat_id = ? AND id > ? AND id <= ? ORDER BY id";
        List<Message> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chatId);
            ps.setInt(2, afterId);
            ps.setInt(3, toId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int seq = rs.getInt(5);
                    out.add(new Message(rs.getString(1), rs.getInt(2), Author.valueOf(rs.getString(3)), rs.getString(4),
                            rs.wasNull() ? null : seq, rs.getString(6), Sql.fromDb(rs.getObject(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the messages of chat " + chatId, e);
        }
    }

    /** Records the chat's ticket (its first visitor message is the ticket's text; the transcript leaves it out). */
    public void ticketOpened(String chatId, String number, String severity, Instant responseDue) {
        update("UPDATE chat_session SET ticket_number = ?, severity = ?, response_due = ? "
                + "WHERE chat_id = ? AND ticket_number IS NULL", number, severity, Sql.toDb(responseDue), chatId);
    }

    /** Gives a waiting chat to the agent; true when it is now theirs (or was already). */
    public boolean claim(String chatId, String agent, Instant at) {
        int n = update("UPDATE chat_session SET agent = ?, state = 'ACTIVE', last_activity_at = ? "
                + "WHERE chat_id = ? AND state <> 'ENDED' AND (agent IS NULL OR agent = ?)", agent, Sql.toDb(at), chatId, agent);
        return n == 1;
    }

    /** Ends the chat; false when it had already ended. */
    public boolean end(String chatId, String reason, Instant at) {
        return update("UPDATE chat_session SET state = 'ENDED', ended_at = ?, ended_reason = ? "
                + "WHERE chat_id = ? AND state <> 'ENDED'", Sql.toDb(at), reason, chatId) == 1;
    }

    /** Chats not yet ended, oldest first. */
    public List<Session> open(int limit) {
        return sessions("SELECT " + COLUMNS + " FROM chat_session WHERE state IN ('WAITING', 'ACTIVE') "
                + "ORDER BY started_at, chat_id FETCH FIRST " + limit + " ROWS ONLY");
    }

    /** Chats active since {@code since} whose visitor wrote but whose ticket is not recorded yet. */
    public List<Session> withoutTicket(Instant since, int limit) {
        return sessions("SELECT " + COLUMNS + " FROM chat_session WHERE last_activity_at > ? AND last_visitor_seq > 0 "
                + "AND ticket_number IS NULL ORDER BY started_at FETCH FIRST " + limit + " ROWS ONLY", Sql.toDb(since));
    }

    /** Chats active since {@code since} with messages not yet in their ticket. */
    public List<Session> withTranscriptDue(Instant since, int limit) {
        return sessions("SELECT " + COLUMNS + " FROM chat_session WHERE last_activity_at > ? "
                + "AND ticket_number IS NOT NULL AND (transcript_pending IS NOT NULL OR last_id > transcript_upto) "
                + "ORDER BY last_activity_at FETCH FIRST " + limit + " ROWS ONLY", Sql.toDb(since));
    }

    /**
     * Open chats past their closing grace or idle since before {@code idleSince}. Run every second: the state list
     * (not {@code <> 'ENDED'}) lets the state index skip the ended chats, which are nearly all of the table in time.
     */
    public List<Session> expired(Instant now, Instant idleSince, int limit) {
        return sessions("SELECT " + COLUMNS + " FROM chat_session WHERE state IN ('WAITING', 'ACTIVE') "
                        + "AND (continue_until < ? OR last_activity_at < ?) FETCH FIRST " + limit + " ROWS ONLY",
                Sql.toDb(now), Sql.toDb(idleSince));
    }

    /**
     * Fixes the next transcript batch of a chat before it is sent: a batch begun and not finished (the gateway
     * stopped in between) is sent again with the same range, so its source reference, and so the update, is the same.
     */
    public Optional<Batch> beginTranscript(String chatId, int maxMessages) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Session s = lock(c, chatId);
                if (s == null || s.ticketNumber() == null) {
                    c.rollback();
                    return Optional.empty();
                }
                if (s.transcriptPending() != null) {
                    c.commit();
                    return Optional.of(new Batch(chatId, s.transcriptUpto(), s.transcriptPending()));
                }
                if (s.lastId() <= s.transcriptUpto()) {
                    c.rollback();
                    return Optional.empty();
                }
                int to = Math.min(s.lastId(), s.transcriptUpto() + maxMessages);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE chat_session SET transcript_pending = ? WHERE chat_id = ?")) {
                    ps.setInt(1, to);
                    ps.setString(2, chatId);
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(new Batch(chatId, s.transcriptUpto(), to));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("begin a transcript of chat " + chatId, e);
        }
    }

    public void finishTranscript(Batch batch) {
        update("UPDATE chat_session SET transcript_upto = ?, transcript_pending = NULL WHERE chat_id = ? "
                + "AND transcript_pending = ?", batch.to(), batch.chatId(), batch.to());
    }

    private static String visitorText(Connection c, String chatId, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM chat_message WHERE chat_id = ? AND visitor_seq = ?")) {
            ps.setString(1, chatId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Session lock(Connection c, String chatId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM chat_session WHERE chat_id = ? FOR UPDATE")) {
            ps.setString(1, chatId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? session(rs) : null;
            }
        }
    }

    private static void insert(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_message (chat_id, id, author, author_name, "
                + "visitor_seq, body, at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, m.chatId());
            ps.setInt(2, m.id());
            ps.setString(3, m.author().name());
            ps.setString(4, m.authorName());
            if (m.visitorSeq() == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, m.visitorSeq());
            }
            ps.setString(6, m.text());
            ps.setObject(7, Sql.toDb(m.at()));
            ps.executeUpdate();
        }
    }

    private List<Session> sessions(String sql, Object... args) {
        List<Session> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(session(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read chats", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("update a chat", e);
        }
    }

    private static Session session(ResultSet rs) throws SQLException {
        int pending = rs.getInt("transcript_pending");
        Integer transcriptPending = rs.wasNull() ? null : pending;
        return new Session(rs.getString("chat_id"), rs.getString("token_hash"), rs.getString("name"),
                rs.getString("email"), rs.getString("account"), rs.getString("site"), rs.getString("address"),
                State.valueOf(rs.getString("state")), rs.getString("agent"), Sql.fromDb(rs.getObject("started_at")),
                Sql.fromDb(rs.getObject("last_activity_at")), Sql.fromDb(rs.getObject("continue_until")),
                Sql.fromDb(rs.getObject("ended_at")), rs.getString("ended_reason"), rs.getString("ticket_number"),
                rs.getString("severity"), Sql.fromDb(rs.getObject("response_due")), rs.getString("preview"),
                rs.getInt("last_visitor_seq"), rs.getInt("last_id"), rs.getInt("transcript_upto"), transcriptPending);
    }

    private static IntakeException failure(String what, SQLException e) {
        return new IntakeException("chat store: could not " + what + ": " + e.getMessage(), e);
    }
}
