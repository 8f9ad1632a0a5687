package org.energytrace.ingest.auth;

import static org.energytrace.ingest.auth.PgAccounts.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.PgAccounts.NewSession;
import org.energytrace.ingest.auth.PgAccounts.User;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Sessions in PostgreSQL: created at login, found while live (touching their last-seen time),
 * ended. Only the SHA-256 of a session id is stored. The public face is {@link PgAccounts}.
 */
final class PgSessions {
  private final DataSource dataSource;

  PgSessions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** See {@link PgAccounts#createSession}. */
  NewSession create(long userId, Instant now, Duration maxAge) {
    String id = Secrets.random(32);
    String csrf = Secrets.random(32);
    Sql.update(
        dataSource,
        "creating session",
        "INSERT INTO auth_session (session_hash, user_id, csrf_token, created_at,"
            + " last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        Secrets.sha256(id),
        userId,
        csrf,
        odt(now),
        odt(now),
        odt(now.plus(maxAge)));
    return new NewSession(id, csrf);
  }

  /** See {@link PgAccounts#sessionByHash}. */
  Optional<Map.Entry<User, Principal.Session>> byHash(String hash, Instant now, Duration idle) {
    try (Connection c = dataSource.getConnection()) {
      User u;
      String csrf;
      try (PreparedStatement ps =
          c.prepareStatement(
              PgAccounts.USER_SELECT
                  + " JOIN auth_session s ON s.user_id = u.user_id WHERE s.session_hash = ?"
                  + " AND s.expires_at > ? AND s.last_seen_at > ? AND NOT u.disabled")) {
        ps.setString(1, hash);
        ps.setObject(2, odt(now));
        ps.setObject(3, odt(now.minus(idle)));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          u = PgAccounts.user(rs);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE auth_session SET last_seen_at = ? WHERE session_hash = ?"
                  + " RETURNING csrf_token")) {
        ps.setObject(1, odt(now));
        ps.setString(2, hash);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          csrf = rs.getString(1);
        }
      }
      return Optional.of(Map.entry(u, new Principal.Session(hash, csrf)));
    } catch (SQLException e) {
      throw StoreException.of("reading session", e);
    }
  }

  /** See {@link PgAccounts#deleteSession}. */
  void delete(String sessionHash) {
    Sql.update(
        dataSource,
        "ending session",
        "DELETE FROM auth_session WHERE session_hash = ?",
        sessionHash);
  }

  /** Ends every session of an account, on the caller's connection (inside its transaction). */
  static void deleteAll(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_session WHERE user_id = ?")) {
      ps.setLong(1, userId);
      ps.executeUpdate();
    }
  }
}
