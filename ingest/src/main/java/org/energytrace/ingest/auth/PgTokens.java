package org.energytrace.ingest.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.tenant.Scope;

/**
 * API tokens in PostgreSQL: issued (the secret returned once, only its SHA-256 stored), found by
 * secret or id while neither expired nor revoked, listed in scope, revoked. Blocking: call from
 * worker threads.
 */
public final class PgTokens {
  private final DataSource dataSource;

  public PgTokens(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A token as listed (never the secret). */
  public record TokenView(
      long id,
      String name,
      Role role,
      String enterprise,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Long ownerId) {}

  /** A token as issued: the secret is in {@code token} and nowhere else. */
  public record IssuedToken(long id, String token, Instant expiresAt) {}

  /**
   * Issues a token; the secret is returned once and only its SHA-256 is stored.
   *
   * @param ownerId the account it acts for (its rights are bounded by that account's), or null
   */
  public IssuedToken issue(
      String name,
      Role role,
      String enterprise,
      String createdBy,
      Long ownerId,
      Instant now,
      Instant expires) {
    String token = "et_" + Secrets.random(32);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO api_token (token_hash, name, role, enterprise_id, created_by,"
                    + " created_at, expires_at, owner_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " RETURNING token_id")) {
      ps.setString(1, Secrets.sha256(token));
      ps.setString(2, name);
      ps.setString(3, role.wire());
      if (enterprise == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, PgAccounts.enterpriseId(c, enterprise));
      }
      ps.setString(5, createdBy);
      ps.setObject(6, PgAccounts.odt(now));
      ps.setObject(7, PgAccounts.odt(expires));
      ps.setObject(8, ownerId, Types.BIGINT);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new IssuedToken(rs.getLong(1), token, expires);
      }
    } catch (SQLException e) {
      throw StoreException.of("issuing token", e);
    }
  }

  /** The token's id, role and enterprise when it is neither expired nor revoked. */
  public Optional<TokenView> find(String token, Instant now) {
    return valid("t.token_hash = ?", Secrets.sha256(token), now);
  }

  /** The token {@code id} when it is neither expired nor revoked. */
  public Optional<TokenView> byId(long id, Instant now) {
    return valid("t.token_id = ?", id, now);
  }

  /** The token that {@code condition} (one parameter, {@code key}) selects, if valid at now. */
  private Optional<TokenView> valid(String condition, Object key, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                TOKEN_SELECT
                    + " WHERE "
                    + condition
                    + " AND t.revoked_at IS NULL AND t.expires_at > ?")) {
      ps.setObject(1, key);
      ps.setObject(2, PgAccounts.odt(now));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(token(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.of("reading token", e);
    }
  }

  private static final String TOKEN_SELECT =
      "SELECT t.token_id, t.name, t.role, e.code, t.created_by, t.created_at, t.expires_at,"
          + " t.revoked_at, t.owner_user_id FROM api_token t"
          + " LEFT JOIN enterprise e ON e.enterprise_id = t.enterprise_id";

  private static TokenView token(ResultSet rs) throws SQLException {
    return new TokenView(
        rs.getLong(1),
        rs.getString(2),
        Role.fromWire(rs.getString(3)).orElseThrow(),
        rs.getString(4),
        rs.getString(5),
        PgAccounts.instant(rs, 6),
        PgAccounts.instant(rs, 7),
        PgAccounts.instant(rs, 8),
        rs.getObject(9, Long.class));
  }

  public List<TokenView> list(Scope scope) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                TOKEN_SELECT
                    + " WHERE "
                    + Scope.SQL_ENTERPRISE.formatted("e.code")
                    + " ORDER BY t.token_id")) {
      scope.bind(c, ps, 1);
      List<TokenView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(token(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("listing tokens", e);
    }
  }

  /** The enterprise of a token (empty when there is no such token; "" for a global token). */
  public Optional<String> enterprise(long id) {
    return new PgAccounts(dataSource)
        .ownerOf(
            "SELECT COALESCE(e.code, '') FROM api_token t LEFT JOIN enterprise e"
                + " ON e.enterprise_id = t.enterprise_id WHERE t.token_id = ?",
            id);
  }

  /** Revokes a token (idempotent). */
  public void revoke(long id, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE token_id = ?")) {
      ps.setObject(1, PgAccounts.odt(now));
      ps.setLong(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("revoking token", e);
    }
  }
}
