package io.intake.core.tracker.internal;

import io.intake.core.InvalidFieldException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL of the embedded tracker store, for one table prefix. Portable between H2 2.x and PostgreSQL 15: unquoted
 * identifiers, {@code TIMESTAMP WITH TIME ZONE}, and {@code TEXT} for the wire JSON (a ticket may carry a body and a
 * quoted history of up to a million characters each, more than either database allows in a {@code VARCHAR}; H2 maps
 * {@code TEXT} to a character large object, PostgreSQL to its unbounded text type).
 */
public final class TrackerTables {

    /** Letters, digits and underscores, starting with a letter: safe to splice into SQL, short enough for both. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    private final String tickets;
    private final String updates;

    public TrackerTables(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidFieldException("intake.tracker.jdbc.table-prefix", "'" + prefix
                    + "' is not allowed; use 1 to 40 letters, digits or underscores, starting with a letter (default tracker_)");
        }
        this.tickets = prefix + "tickets";
        this.updates = prefix + "updates";
    }

    public String ticketsTable() {
        return tickets;
    }

    public String updatesTable() {
        return updates;
    }

    /** The statements that create the tables, in order; each is {@code CREATE ... IF NOT EXISTS}. */
    public List<String> create() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + tickets + " ("
                        + "ticket_number BIGINT NOT NULL PRIMARY KEY, "
                        + "channel VARCHAR(16) NOT NULL, "
                        + "severity VARCHAR(16) NOT NULL, "
                        + "subject VARCHAR(1000) NOT NULL, "
                        + "requester VARCHAR(300) NOT NULL, "
                        + "response_due TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "received_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "payload TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + updates + " ("
                        + "ticket_number BIGINT NOT NULL, "
                        + "update_sequence INTEGER NOT NULL, "
                        + "kind VARCHAR(32) NOT NULL, "
                        + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "payload TEXT NOT NULL, "
                        + "PRIMARY KEY (ticket_number, update_sequence), "
                        + "CONSTRAINT " + updates + "_ticket FOREIGN KEY (ticket_number) REFERENCES " + tickets + " (ticket_number))");
    }

    public String insertTicket() {
        return "INSERT INTO " + tickets + " (ticket_number, channel, severity, subject, requester, response_due, "
                + "received_at, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    public String insertUpdate() {
        return "INSERT INTO " + updates + " (ticket_number, update_sequence, kind, created_at, payload) VALUES (?, ?, ?, ?, ?)";
    }

    public String countTickets() {
        return "SELECT COUNT(*) FROM " + tickets;
    }

    public String ticketPayload() {
        return "SELECT payload FROM " + tickets + " WHERE ticket_number = ?";
    }

    /** Tickets with their update count, by number, paged with {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY}. */
    public String listTickets() {
        return "SELECT t.ticket_number, t.channel, t.severity, t.subject, t.requester, t.response_due, t.received_at, "
                + "t.created_at, (SELECT COUNT(*) FROM " + updates + " u WHERE u.ticket_number = t.ticket_number) "
                + "FROM " + tickets + " t ORDER BY t.ticket_number OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    public String listUpdates() {
        return "SELECT update_sequence, kind, created_at, payload FROM " + updates
                + " WHERE ticket_number = ? ORDER BY update_sequence";
    }
}
