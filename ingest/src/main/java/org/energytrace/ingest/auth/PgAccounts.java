package org.energytrace.ingest.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * Accounts, auditor assignments, sessions and the showcase flag in PostgreSQL (API tokens: {@link
 * PgTokens}). Blocking: call from worker threads. Secrets (session ids, tokens) are stored only as
 * SHA-256.
 */
public final class PgAccounts {
  private final DataSource dataSource;
  private final PgSessions sessions;

  public PgAccounts(DataSource dataSource) {
    this.dataSource = dataSource;
    this.sessions = new PgSessions(dataSource);
  }

  /** The API tokens, over the same data source. */
  public PgTokens tokens() {
    return new PgTokens(dataSource);
  }

  /** A stored account. {@code enterprise} is the own enterprise of enterprise roles. */
  public record User(
      long id,
      String username,
      Role role,
      String enterprise,
      String passwordHash,
      boolean mustChangePassword,
      boolean disabled) {}

  /** An auditor's assignment to one enterprise. */
  public record Assignment(String enterprise, Instant expiresAt) {}

  /** A new session: the cookie value and the CSRF token. */
  public record NewSession(String id, String csrfToken) {}

  // ---- users ----

  private static final String USER_COLUMNS =
      "u.user_id, u.username, u.role, e.code, u.password_hash, u.must_change_password,"
          + " u.disabled";
  private static final String USER_FROM =
      " FROM app_user u LEFT JOIN enterprise e ON e.enterprise_id = u.enterprise_id";
  static final String USER_SELECT = "SELECT " + USER_COLUMNS + USER_FROM;

  /** An account as listed: its creation and last sign-in (null: never) beside it. */
  private record Listed(User user, Instant created, Instant lastSignIn) {}

  static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getLong(1),
        rs.getString(2),
        Role.fromWire(rs.getString(3)).orElseThrow(),
        rs.getString(4),
        rs.getString(5),
        rs.getBoolean(6),
        rs.getBoolean(7));
  }

  public Optional<User> userById(long id) {
    return userWhere("u.user_id = ?", id);
  }

  public Optional<User> user(String username) {
    return userWhere("u.username = ?", username);
  }

  private Optional<User> userWhere(String condition, Object key) {
    return Sql.first(
        dataSource,
        "reading account",
        USER_SELECT + " WHERE " + condition,
        Sql.args(key),
        PgAccounts::user);
  }

  /** Accounts whose own enterprise is in scope; accounts without one only for the ALL scope. */
  public List<Map<String, Object>> users(Scope scope) {
    String sql =
        "SELECT "
            + USER_COLUMNS
            + ", u.created_at, u.last_sign_in_at"
            + USER_FROM
            + " WHERE "
            + Scope.SQL_ENTERPRISE.formatted("e.code")
            + " ORDER BY u.username";
    return Sql.with(
        dataSource,
        "listing accounts",
        c -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Listed l :
              Sql.list(
                  c,
                  sql,
                  ps -> scope.bind(c, ps, 1),
                  rs -> new Listed(user(rs), Sql.instant(rs, 8), Sql.instant(rs, 9)))) {
            Map<String, Object> m = view(c, l.user());
            m.put("must_change_password", l.user().mustChangePassword());
            m.put("created_at", l.created().toString());
            m.put("last_sign_in_at", l.lastSignIn() == null ? null : l.lastSignIn().toString());
            out.add(m);
          }
          return out;
        });
  }

  /** Notes a sign-in with the account's password ({@code last_sign_in_at}, listed by users). */
  public void signedIn(long userId, Instant at) {
    Sql.update(
        dataSource,
        "noting a sign-in",
        "UPDATE app_user SET last_sign_in_at = ? WHERE user_id = ?",
        at,
        userId);
  }

  /** The user as a JSON-able snapshot (for audit before/after), or empty. */
  public Optional<Map<String, Object>> snapshot(String username) {
    return user(username).map(u -> Sql.with(dataSource, "reading assignments", c -> view(c, u)));
  }

  /** An account as listed and audited: name, role, enterprise, disabled and its assignments. */
  private static Map<String, Object> view(Connection c, User u) throws SQLException {
    Map<String, Object> m = new TreeMap<>();
    m.put("username", u.username());
    m.put("role", u.role().wire());
    m.put("enterprise", u.enterprise());
    m.put("disabled", u.disabled());
    m.put("assignments", assignments(c, u.id(), null));
    return m;
  }

  private static List<Map<String, Object>> assignments(Connection c, long userId, Instant now)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT e.code, a.expires_at FROM auditor_assignment a JOIN enterprise e"
            + " ON e.enterprise_id = a.enterprise_id WHERE a.user_id = ?"
            + " AND (?::timestamptz IS NULL OR a.expires_at > ?) ORDER BY e.code",
        Sql.args(userId, now, now),
        rs -> {
          Map<String, Object> m = new TreeMap<>();
          m.put("enterprise", rs.getString(1));
          m.put("expires_at", Sql.instant(rs, 2).toString());
          return m;
        });
  }

  /** Enterprises an auditor may read at {@code now} (expired assignments give nothing). */
  public Set<String> auditorEnterprises(long userId, Instant now) {
    return Sql.with(
        dataSource,
        "reading assignments",
        c -> {
          Set<String> out = new HashSet<>();
          for (Map<String, Object> a : assignments(c, userId, now)) {
            out.add((String) a.get("enterprise"));
          }
          return out;
        });
  }

  /**
   * Enterprises of a district or park officer's area (issue 16): those whose programme registry
   * entry lies in one of the account's districts ({@code district_officer}) or industrial parks
   * ({@code park_officer}); an officer without an area reads nothing.
   */
  public Set<String> areaEnterprises(long userId) {
    return Sql.strings(
        dataSource,
        "reading an officer's area",
        "SELECT e.code FROM programme_officer_area a"
            + PgTokens.facilitiesIn("a")
            + " WHERE a.user_id = ?",
        Sql.args(userId));
  }

  /** The districts and industrial parks of an officer's area (issue 16), by kind and name. */
  public List<PgTokens.Area> officerAreas(long userId) {
    return PgTokens.areas(
        dataSource, "reading an officer's area", "programme_officer_area", "user_id", userId);
  }

  /**
   * The enterprises the programme registry places in a district ({@code kind} "district") or an
   * industrial park ("park") (issue 16: who may have that area's report).
   */
  public Set<String> areaFacilities(String kind, String name) {
    return Sql.strings(
        dataSource,
        "reading the facilities of an area",
        "SELECT e.code FROM (VALUES (?, ?)) AS a (kind, name)" + PgTokens.facilitiesIn("a"),
        ps -> {
          ps.setString(1, kind);
          ps.setString(2, name);
        });
  }

  /**
   * Creates or updates an account. {@code passwordHash} null keeps the existing one (a new account
   * without a hash cannot sign in with a password). Enterprises are created when missing.
   *
   * @return true when created
   */
  public boolean putUser(
      String username,
      Role role,
      String enterprise,
      List<Assignment> assignments,
      boolean disabled,
      String passwordHash,
      boolean mustChangePassword) {
    return Transactions.run(
        dataSource,
        "saving account " + username,
        c -> {
          Long enterpriseId = enterprise == null ? null : Enterprises.idCreating(c, enterprise);
          Saved saved =
              Sql.one(
                  c,
                  "INSERT INTO app_user (username, role, enterprise_id, disabled, password_hash,"
                      + " must_change_password) VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (username) DO UPDATE SET role = excluded.role,"
                      + " enterprise_id = excluded.enterprise_id, disabled = excluded.disabled,"
                      + " password_hash = COALESCE(excluded.password_hash,"
                      + " app_user.password_hash),"
                      + " must_change_password = CASE WHEN excluded.password_hash IS NULL"
                      + " THEN app_user.must_change_password ELSE excluded.must_change_password"
                      + " END RETURNING user_id, (xmax = 0)",
                  Sql.args(
                      Sql.text(username),
                      role.wire(),
                      Sql.int8(enterpriseId),
                      disabled,
                      Sql.text(passwordHash),
                      mustChangePassword),
                  rs -> new Saved(rs.getLong(1), rs.getBoolean(2)));
          Sql.update(c, "DELETE FROM auditor_assignment WHERE user_id = ?", saved.userId());
          for (Assignment a : assignments) {
            Sql.update(
                c,
                "INSERT INTO auditor_assignment (user_id, enterprise_id, expires_at)"
                    + " VALUES (?, ?, ?)",
                saved.userId(),
                Enterprises.idCreating(c, a.enterprise()),
                a.expiresAt());
          }
          // a disabled account, or one given a new password (an administrator's reset, the
          // demo's accounts at every start), keeps no session opened before (OWASP ASVS 4.0
          // V3.3.3): a reset left the old password's sessions signed in
          if (disabled || (passwordHash != null && !saved.created())) {
            PgSessions.deleteAll(c, saved.userId());
          }
          return saved.created();
        });
  }

  /** The row {@link #putUser} wrote: its id and whether it is new. */
  private record Saved(long userId, boolean created) {}

  /** Sets a new password; every session of the account ends (OWASP ASVS 4.0 V3.3.3). */
  public void setPassword(long userId, String passwordHash, boolean mustChange, Instant now) {
    Sql.with(
        dataSource,
        "changing password",
        c -> {
          Sql.update(
              c,
              "UPDATE app_user SET password_hash = ?, must_change_password = ?,"
                  + " password_changed_at = ? WHERE user_id = ?",
              Sql.text(passwordHash),
              mustChange,
              now,
              userId);
          PgSessions.deleteAll(c, userId);
          return null;
        });
  }

  /**
   * Replaces the hash of the same password by one made with today's parameters ({@link
   * PasswordHasher#needsRehash}), unless the password changed meanwhile; sessions, the must-change
   * flag and the time of the last password change stay as they are.
   */
  public void rehash(long userId, String verifiedHash, String newHash) {
    Sql.update(
        dataSource,
        "renewing a password hash",
        "UPDATE app_user SET password_hash = ? WHERE user_id = ? AND password_hash = ?",
        Sql.text(newHash),
        userId,
        Sql.text(verifiedHash));
  }

  // ---- sessions ----
  /** A fresh session (a new random id every login: no fixation, OWASP ASVS 4.0 V3.2.1). */
  public NewSession createSession(long userId, Instant now, Duration maxAge) {
    return sessions.create(userId, now, maxAge);
  }

  /**
   * The account of a live session (not expired, not idle longer than {@code idle}, account
   * enabled), touching its last-seen time.
   */
  public Optional<Map.Entry<User, Principal.Session>> session(
      String sessionId, Instant now, Duration idle) {
    return sessionByHash(Secrets.sha256(sessionId), now, idle);
  }

  /** {@link #session} by the stored hash of the id (re-authorising a principal). */
  public Optional<Map.Entry<User, Principal.Session>> sessionByHash(
      String hash, Instant now, Duration idle) {
    return sessions.byHash(hash, now, idle);
  }

  public void deleteSession(String sessionHash) {
    sessions.delete(sessionHash);
  }

  // ---- API tokens: PgTokens ----

  /** Issues a token without an issuing account (tools, tests): it keeps its own rights only. */
  public PgTokens.IssuedToken issueToken(
      String name, Role role, String enterprise, String createdBy, Instant now, Instant expires) {
    return tokens().issue(name, role, enterprise, createdBy, null, now, expires, false, List.of());
  }

  // ---- ownership of addressed resources and the showcase ----

  /** The enterprise of a quarantined message (empty when none; "" when its topic had none). */
  public Optional<String> quarantineEnterprise(long id) {
    return ownerOf(
        "SELECT COALESCE(e.code, '') FROM quarantine q LEFT JOIN enterprise e ON "
            + PgReadQueries.QUARANTINE_ENTERPRISE
            + " WHERE q.quarantine_id = ?",
        id);
  }

  Optional<String> ownerOf(String sql, long id) {
    return Sql.first(dataSource, "reading owner", sql, Sql.args(id), rs -> rs.getString(1));
  }

  /** Published sites as {@code enterprise/site}: what anonymous visitors may read. */
  public Set<String> publishedSites() {
    return Sql.strings(
        dataSource,
        "reading published sites",
        "SELECT e.code || '/' || s.code FROM site s JOIN enterprise e"
            + " ON e.enterprise_id = s.enterprise_id WHERE s.published",
        Sql.args());
  }

  /**
   * Publishes a site on the showcase or withdraws it; the enterprise and site are created when
   * missing.
   *
   * @return whether it was published before
   */
  public boolean setPublished(String enterprise, String site, boolean published) {
    return Sql.with(
        dataSource,
        "publishing site",
        c -> {
          long e = Enterprises.idCreating(c, enterprise);
          return Sql.one(
              c,
              "INSERT INTO site (enterprise_id, code, published) VALUES (?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET published = excluded.published"
                  + " RETURNING (SELECT published FROM site WHERE enterprise_id = ? AND code = ?)",
              Sql.args(e, Sql.text(site), published, e, Sql.text(site)),
              rs -> rs.getBoolean(1));
        });
  }
}
