package org.energytrace.ingest.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * MQTT credentials of registered gateways: one account per gateway, named {@code
 * <enterprise>.<gateway>} ('.' is not allowed in ids, so names never collide), stored as the
 * Mosquitto {@code $7$} hash only. Blocking: call from worker threads.
 */
public final class GatewayCredentials {
  private final DataSource dataSource;

  public GatewayCredentials(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A gateway as the broker must know it: its account and the sites it may publish for. */
  public record Entry(
      String enterprise, String gateway, List<String> sites, String username, String hash) {}

  /** Newly issued credentials; the password exists nowhere else. */
  public record Issued(String enterprise, String gateway, String username, String password) {}

  public static String username(String enterprise, String gateway) {
    return enterprise + "." + gateway;
  }

  /** What {@link #set} did. */
  public enum Outcome {
    /** The gateway now has this password (new or replaced credentials). */
    SET,
    /** The gateway already had exactly this password; nothing was written. */
    UNCHANGED,
    /** The gateway is not registered; nothing was written. */
    NOT_REGISTERED
  }

  /**
   * Issues new credentials for a registered gateway (replacing older ones).
   *
   * @return empty when the gateway is not registered
   */
  public Optional<Issued> issue(String enterprise, String gateway, Instant now) {
    String password = Secrets.password();
    if (!store(enterprise, gateway, password, now)) {
      return Optional.empty();
    }
    return Optional.of(new Issued(enterprise, gateway, username(enterprise, gateway), password));
  }

  /**
   * Gives a registered gateway the password an operator chose (e.g. from the environment of a
   * deployment). Idempotent: when the stored hash already matches the password, nothing changes,
   * not even the issue time.
   */
  public Outcome set(String enterprise, String gateway, String password, Instant now) {
    Optional<Optional<String>> current = currentHash(enterprise, gateway);
    if (current.isEmpty()) {
      return Outcome.NOT_REGISTERED;
    }
    if (current.get().filter(hash -> matches(password, hash)).isPresent()) {
      return Outcome.UNCHANGED;
    }
    return store(enterprise, gateway, password, now) ? Outcome.SET : Outcome.NOT_REGISTERED;
  }

  /** The home site of a registered gateway; empty when the gateway is not registered. */
  public Optional<String> registeredSite(String enterprise, String gateway) {
    return Sql.first(
        dataSource,
        "looking up gateway " + gateway,
        "SELECT s.code FROM gateway g JOIN enterprise e ON e.enterprise_id ="
            + " g.enterprise_id JOIN site s ON s.site_id = g.site_id"
            + " WHERE e.code = ? AND g.code = ?",
        Sql.args(Sql.text(enterprise), Sql.text(gateway)),
        rs -> rs.getString(1));
  }

  /** Whether a Mosquitto {@code $7$} hash is the hash of this password (same salt, iterations). */
  static boolean matches(String password, String hash) {
    String[] parts = hash.split("\\$");
    if (parts.length != 5 || !parts[1].equals("7")) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[3]);
      int iterations = Integer.parseInt(parts[2]);
      return Secrets.constantTimeEquals(MosquittoPasswd.hash(password, salt, iterations), hash);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Registered: the stored hash, if any; not registered: empty. */
  private Optional<Optional<String>> currentHash(String enterprise, String gateway) {
    return Sql.first(
        dataSource,
        "reading gateway credentials",
        "SELECT gc.password_hash FROM gateway g JOIN enterprise e"
            + " ON e.enterprise_id = g.enterprise_id LEFT JOIN gateway_credential gc"
            + " ON gc.gateway_id = g.gateway_id WHERE e.code = ? AND g.code = ?",
        Sql.args(Sql.text(enterprise), Sql.text(gateway)),
        rs -> Optional.ofNullable(rs.getString(1)));
  }

  /** Stores the hash of the password; false when the gateway is not registered. */
  private boolean store(String enterprise, String gateway, String password, Instant now) {
    return Sql.update(
            dataSource,
            "storing gateway credentials",
            "INSERT INTO gateway_credential (gateway_id, username, password_hash, issued_at)"
                + " SELECT g.gateway_id, ?, ?, ? FROM gateway g JOIN enterprise e"
                + " ON e.enterprise_id = g.enterprise_id WHERE e.code = ? AND g.code = ?"
                + " ON CONFLICT (gateway_id) DO UPDATE SET password_hash ="
                + " excluded.password_hash, issued_at = excluded.issued_at,"
                + " username = excluded.username",
            Sql.text(username(enterprise, gateway)),
            Sql.text(MosquittoPasswd.hash(password)),
            now,
            Sql.text(enterprise),
            Sql.text(gateway))
        > 0;
  }

  /** Registered gateways without credentials, as (enterprise, gateway). */
  public List<String[]> withoutCredentials() {
    return Sql.list(
        dataSource,
        "listing gateways",
        "SELECT e.code, g.code FROM gateway g JOIN enterprise e"
            + " ON e.enterprise_id = g.enterprise_id LEFT JOIN gateway_credential gc"
            + " ON gc.gateway_id = g.gateway_id WHERE gc.gateway_id IS NULL"
            + " ORDER BY e.code, g.code",
        Sql.NONE,
        rs -> new String[] {rs.getString(1), rs.getString(2)});
  }

  /** Every gateway with credentials, its own site first, then the extra sites granted. */
  public List<Entry> entries() {
    return Sql.list(
        dataSource,
        "listing gateway credentials",
        "SELECT e.code, g.code, s.code, gc.username, gc.password_hash,"
            + " ARRAY(SELECT xs.code FROM gateway_site gs JOIN site xs"
            + "  ON xs.site_id = gs.site_id WHERE gs.gateway_id = g.gateway_id"
            + "  AND xs.site_id <> g.site_id ORDER BY xs.code)"
            + " FROM gateway g JOIN enterprise e ON e.enterprise_id = g.enterprise_id"
            + " JOIN site s ON s.site_id = g.site_id"
            + " JOIN gateway_credential gc ON gc.gateway_id = g.gateway_id"
            + " ORDER BY e.code, g.code",
        Sql.NONE,
        rs -> {
          List<String> sites = new ArrayList<>();
          sites.add(rs.getString(3));
          for (Object o : (Object[]) rs.getArray(6).getArray()) {
            sites.add((String) o);
          }
          return new Entry(
              rs.getString(1), rs.getString(2), sites, rs.getString(4), rs.getString(5));
        });
  }
}
