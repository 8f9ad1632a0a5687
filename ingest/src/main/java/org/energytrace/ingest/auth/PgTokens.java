package org.energytrace.ingest.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
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
      Long ownerId,
      boolean readOnly,
      Instant lastUsedAt) {}

  /**
   * How often a token's last use is written at most: a script calling every second writes its
   * token's row once a minute, not every call.
   */
  static final Duration LAST_USE_EVERY = Duration.ofMinutes(1);

  /**
   * The districts or industrial parks an area officer's token reads (issue 16).
   *
   * @param kind {@code district} or {@code park}
   */
  public record Area(String kind, String name) {}

  /**
   * Joins {@code programme_facility f} and {@code enterprise e} to the areas in table alias {@code
   * area} (columns {@code kind}, {@code name}): the enterprises the programme registry places in
   * those districts or parks.
   */
  static String facilitiesIn(String area) {
    return (" JOIN programme_facility f ON (%1$s.kind = 'district' AND f.district = %1$s.name)"
            + " OR (%1$s.kind = 'park' AND f.industrial_park = %1$s.name)"
            + " JOIN enterprise e ON e.enterprise_id = f.enterprise_id")
        .formatted(area);
  }

  /** The areas (kind, name) of the rows of {@code table} whose {@code key} is {@code id}. */
  static List<Area> areas(DataSource ds, String what, String table, String key, long id) {
    return Sql.list(
        ds,
        what,
        "SELECT kind, name FROM " + table + " WHERE " + key + " = ? ORDER BY kind, name",
        Sql.args(id),
        rs -> new Area(rs.getString(1), rs.getString(2)));
  }

  /** A token as issued: the secret is in {@code token} and nowhere else. */
  public record IssuedToken(long id, String token, Instant expiresAt) {}

  /**
   * Issues a token that may be read-only and may read areas (districts, parks) instead of an
   * enterprise; token and areas are written in one transaction. The secret is returned once and
   * only its SHA-256 is stored.
   *
   * @param ownerId the account it acts for (its rights are bounded by that account's), or null
   * @param areas empty for a token of an enterprise (or of everything)
   */
  public IssuedToken issue(
      String name,
      Role role,
      String enterprise,
      String createdBy,
      Long ownerId,
      Instant now,
      Instant expires,
      boolean readOnly,
      List<Area> areas) {
    String token = "et_" + Secrets.random(32);
    return Transactions.run(
        dataSource,
        "issuing token",
        c -> {
          Long enterpriseId = enterprise == null ? null : Enterprises.idCreating(c, enterprise);
          IssuedToken issued =
              Sql.one(
                  c,
                  "INSERT INTO api_token (token_hash, name, role, enterprise_id, created_by,"
                      + " created_at, expires_at, owner_user_id, read_only)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING token_id",
                  Sql.args(
                      Secrets.sha256(token),
                      Sql.text(name),
                      role.wire(),
                      Sql.int8(enterpriseId),
                      Sql.text(createdBy),
                      now,
                      expires,
                      Sql.int8(ownerId),
                      readOnly),
                  rs -> new IssuedToken(rs.getLong(1), token, expires));
          Sql.batch(
              c,
              "INSERT INTO api_token_area (token_id, kind, name) VALUES (?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              areas,
              (ps, a) -> Sql.bind(ps, 1, issued.id(), Sql.text(a.kind()), Sql.text(a.name())));
          return issued;
        });
  }

  /** The token's id, role and enterprise when it is neither expired nor revoked. */
  public Optional<TokenView> find(String token, Instant now) {
    return valid("t.token_hash = ?", Secrets.sha256(token), now);
  }

  /**
   * Records that {@code t} authenticated a request at {@code now}, unless its last use is less than
   * {@link #LAST_USE_EVERY} old (then nothing is written).
   */
  public void used(TokenView t, Instant now) {
    if (t.lastUsedAt() != null && t.lastUsedAt().isAfter(now.minus(LAST_USE_EVERY))) {
      return;
    }
    Sql.update(
        dataSource,
        "recording a token's use",
        "UPDATE api_token SET last_used_at = ? WHERE token_id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < ?)",
        now,
        t.id(),
        now.minus(LAST_USE_EVERY));
  }

  /** The token {@code id} when it is neither expired nor revoked. */
  public Optional<TokenView> byId(long id, Instant now) {
    return valid("t.token_id = ?", id, now);
  }

  private Optional<TokenView> valid(String condition, Object key, Instant now) {
    return Sql.first(
        dataSource,
        "reading token",
        TOKEN_SELECT + " WHERE " + condition + " AND t.revoked_at IS NULL AND t.expires_at > ?",
        Sql.args(key, now),
        PgTokens::token);
  }

  private static final String TOKEN_SELECT =
      "SELECT t.token_id, t.name, t.role, e.code, t.created_by, t.created_at, t.expires_at,"
          + " t.revoked_at, t.owner_user_id, t.read_only, t.last_used_at FROM api_token t"
          + " LEFT JOIN enterprise e ON e.enterprise_id = t.enterprise_id";

  private static TokenView token(ResultSet rs) throws SQLException {
    return new TokenView(
        rs.getLong(1),
        rs.getString(2),
        Role.fromWire(rs.getString(3)).orElseThrow(),
        rs.getString(4),
        rs.getString(5),
        Sql.instant(rs, 6),
        Sql.instant(rs, 7),
        Sql.instant(rs, 8),
        rs.getObject(9, Long.class),
        rs.getBoolean(10),
        Sql.instant(rs, 11));
  }

  public List<TokenView> list(Scope scope) {
    return Sql.list(
        dataSource,
        "listing tokens",
        TOKEN_SELECT
            + " WHERE "
            + Scope.SQL_ENTERPRISE.formatted("e.code")
            + " ORDER BY t.token_id",
        ps -> scope.bind(ps.getConnection(), ps, 1),
        PgTokens::token);
  }

  /** The tokens an account issued (area officers list only their own), oldest first. */
  public List<TokenView> listOwned(long ownerId) {
    return Sql.list(
        dataSource,
        "listing tokens",
        TOKEN_SELECT + " WHERE t.owner_user_id = ? ORDER BY t.token_id",
        Sql.args(ownerId),
        PgTokens::token);
  }

  /** The areas a token was issued for (empty for a token of an enterprise or of everything). */
  public List<Area> areas(long tokenId) {
    return areas(dataSource, "reading a token's areas", "api_token_area", "token_id", tokenId);
  }

  /**
   * The enterprises an area token reads now: those the programme registry places in the token's
   * districts or parks that its issuing account ({@code ownerId}) still holds; with no issuing
   * account (a token issued outside the API), in the token's areas.
   */
  public Set<String> areaEnterprises(long tokenId, Long ownerId) {
    return Sql.strings(
        dataSource,
        "reading a token's area",
        "SELECT DISTINCT e.code FROM api_token_area ta"
            + facilitiesIn("ta")
            + " WHERE ta.token_id = ? AND (?::bigint IS NULL OR EXISTS (SELECT 1"
            + " FROM programme_officer_area a WHERE a.user_id = ? AND a.kind = ta.kind"
            + " AND a.name = ta.name))",
        Sql.args(tokenId, Sql.int8(ownerId), Sql.int8(ownerId)));
  }

  /** Whether token {@code id} exists and the account {@code userId} issued it. */
  public boolean ownedBy(long id, Long userId) {
    if (userId == null) {
      return false;
    }
    return Sql.first(
            dataSource,
            "reading token",
            "SELECT 1 FROM api_token WHERE token_id = ? AND owner_user_id = ?",
            Sql.args(id, userId),
            rs -> true)
        .isPresent();
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
    Sql.update(
        dataSource,
        "revoking token",
        "UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE token_id = ?",
        now,
        id);
  }
}
