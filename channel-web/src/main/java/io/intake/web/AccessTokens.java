package io.intake.web;

import io.intake.core.IntakeException;
import io.intake.core.store.Sql;
import io.intake.core.ticket.TicketNumber;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Per-ticket access tokens for the status API, and the fingerprints that make {@code Idempotency-Key} safe. A token is
 * 256 random bits shown once to the customer; only its SHA-256 is stored, so the table grants nothing to whoever
 * reads it. The tables are created on first use (portable H2 / PostgreSQL).
 */
public final class AccessTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public AccessTokens(DataSource dataSource) {
        this.dataSource = dataSource;
        createTables();
    }

    /** Issues a fresh token for the ticket; every token issued for a ticket stays valid. */
    public String issue(TicketNumber number, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        update("INSERT INTO intake_web_token (token_hash, ticket_number, created_at) VALUES (?,?,?)", ps -> {
            ps.setString(1, sha256(token));
            ps.setLong(2, number.value());
            ps.setObject(3, Sql.toDb(now));
        });
        return token;
    }

    /** True when the token was issued for this ticket. */
    public boolean grants(TicketNumber number, String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return false;
        }
        return query("SELECT ticket_number FROM intake_web_token WHERE token_hash = ?", sha256(token))
                .map(n -> n == number.value()).orElse(false);
    }

    /** Remembers which request an idempotency source reference stood for (the first one wins). */
    public void rememberFingerprint(String sourceRef, TicketNumber number, String fingerprint, Instant now) {
        try {
            update("INSERT INTO intake_web_submission (source_ref, ticket_number, fingerprint, created_at) VALUES (?,?,?,?)", ps -> {
                ps.setString(1, sourceRef);
                ps.setLong(2, number.value());
                ps.setString(3, fingerprint);
                ps.setObject(4, Sql.toDb(now));
            });
        } catch (IntakeException e) {
            if (!(e.getCause() instanceof SQLException s && Sql.isDuplicateKey(s))) {
                throw e;
            }
        }
    }

    /** The fingerprint remembered for a source reference, if any. */
    public Optional<String> fingerprint(String sourceRef) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT fingerprint FROM intake_web_submission WHERE source_ref = ?")) {
            ps.setString(1, sourceRef);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IntakeException("cannot read web submission fingerprint: " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of a text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private void createTables() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS intake_web_token (token_hash VARCHAR(64) PRIMARY KEY, "
                    + "ticket_number BIGINT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS intake_web_submission (source_ref VARCHAR(512) PRIMARY KEY, "
                    + "ticket_number BIGINT NOT NULL, fingerprint VARCHAR(64) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        } catch (SQLException e) {
            throw new IntakeException("cannot create the web channel's tables: " + e.getMessage(), e);
        }
    }

    private Optional<Long> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IntakeException("cannot read web access tokens: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IntakeException("cannot write web access tokens: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
