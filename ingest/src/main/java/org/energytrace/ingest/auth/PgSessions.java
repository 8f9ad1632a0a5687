package org.energytrace.ingest.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.PgAccounts.NewSession;
import org.energytrace.ingest.auth.PgAccounts.User;
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
        now,
        now,
        now.plus(maxAge));
    return new NewSession(id, csrf);
  }

  /** See {@link PgAccounts#sessionByHash}. */
  Optional<Map.Entry<User, Principal.Session>> byHash(String hash, Instant now, Duration idle) {
    return Sql.with(
        dataSource,
        "reading session",
        c -> {
          Optional<User> u =
              Sql.first(
                  c,
                  PgAccounts.USER_SELECT
                      + " JOIN auth_session s ON s.user_id = u.user_id WHERE s.session_hash = ?"
                      + " AND s.expires_at > ? AND s.last_seen_at > ? AND NOT u.disabled",
                  Sql.args(Sql.text(hash), now, now.minus(idle)),
                  PgAccounts::user);
          if (u.isEmpty()) {
            return Optional.empty();
          }
          return Sql.first(
                  c,
                  "UPDATE auth_session SET last_seen_at = ? WHERE session_hash = ?"
                      + " RETURNING csrf_token",
                  Sql.args(now, Sql.text(hash)),
                  rs -> new Principal.Session(hash, rs.getString(1)))
              .map(session -> Map.entry(u.get(), session));
        });
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
    Sql.update(c, "DELETE FROM auth_session WHERE user_id = ?", userId);
  }
}
