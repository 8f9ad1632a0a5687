package org.energytrace.ingest.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Sign-in attempts counted per account name and per client address in PostgreSQL (OWASP ASVS 4.0
 * V2.2.1: anti-automation against credential stuffing and brute force), shared by every instance on
 * the database. Counted by the name typed, so unknown and known accounts are throttled alike (no
 * enumeration).
 *
 * <p>Check and count are one step: {@link #reserve} counts the attempt with one {@code INSERT ...
 * ON CONFLICT DO UPDATE ... RETURNING} for both keys before the password is checked, so concurrent
 * attempts, on any instance, each get their own number and at most the limit ever reach the
 * password check (issue 11: 400 concurrent attempts got past a limit of 5). An attempt refused by
 * the throttle is not counted (it gives its number back), a successful sign-in clears the account's
 * count and gives its number back to the address; a failed one stays counted. A count's window
 * starts at its first attempt: once {@code max} attempts are counted, further ones are refused
 * until the window has passed.
 *
 * <p>Blocking: call from worker threads.
 */
public final class LoginThrottle {
  private final DataSource dataSource;
  private final Clock clock;
  private final int maxPerAccount;
  private final int maxPerIp;
  private final Duration window;
  private final AtomicLong lastPurge = new AtomicLong();

  public LoginThrottle(
      DataSource dataSource, Clock clock, int maxPerAccount, int maxPerIp, Duration window) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.maxPerAccount = maxPerAccount;
    this.maxPerIp = maxPerIp;
    this.window = window;
  }

  /** An attempt allowed to check its password (give it back with {@link #succeeded}). */
  public record Ticket(String account, String ip) {}

  /** The outcome of {@link #reserve}: a ticket, or how long to wait. */
  public record Reservation(Optional<Ticket> ticket, Duration retryAfter) {
    public boolean allowed() {
      return ticket.isPresent();
    }
  }

  private static String accountKey(String account) {
    return "a:" + account;
  }

  private static String ipKey(String ip) {
    return "ip:" + ip;
  }

  private static final String COUNT =
      "INSERT INTO login_throttle AS t (throttle_key, window_start, attempts)"
          + " VALUES (?, ?, 1), (?, ?, 1)"
          + " ON CONFLICT (throttle_key) DO UPDATE SET"
          + " attempts = CASE WHEN t.window_start <= ? THEN 1 ELSE t.attempts + 1 END,"
          + " window_start = CASE WHEN t.window_start <= ? THEN excluded.window_start"
          + " ELSE t.window_start END"
          + " RETURNING throttle_key, attempts, window_start";

  /** Counts an attempt for the account name and the address, and says whether it may go on. */
  public Reservation reserve(String account, String ip) {
    Instant now = clock.instant();
    Instant expired = now.minus(window);
    purgeNowAndThen(now);
    return Sql.with(
        dataSource,
        "counting a sign-in attempt",
        c -> {
          // a: sorts before ip:, so concurrent attempts lock their rows in one order (no deadlock)
          List<Duration> waits =
              Sql.list(
                  c,
                  COUNT,
                  Sql.args(
                      Sql.text(accountKey(account)),
                      now,
                      Sql.text(ipKey(ip)),
                      now,
                      expired,
                      expired),
                  rs -> {
                    int max = rs.getString(1).startsWith("a:") ? maxPerAccount : maxPerIp;
                    if (rs.getInt(2) <= max) {
                      return Duration.ZERO;
                    }
                    Instant free = rs.getObject(3, OffsetDateTime.class).toInstant().plus(window);
                    return Duration.between(now, free);
                  });
          Duration wait = Duration.ZERO;
          for (Duration d : waits) {
            wait = d.compareTo(wait) > 0 ? d : wait;
          }
          if (wait.isZero()) {
            return new Reservation(Optional.of(new Ticket(account, ip)), Duration.ZERO);
          }
          // refused before the password check: this attempt does not count
          giveBack(c, accountKey(account), ipKey(ip));
          return new Reservation(
              Optional.empty(), wait.isNegative() ? Duration.ofSeconds(1) : wait);
        });
  }

  /** A successful sign-in clears the account's count and does not count for the address. */
  public void succeeded(Ticket t) {
    Sql.with(
        dataSource,
        "clearing sign-in attempts",
        c -> {
          Sql.update(
              c,
              "DELETE FROM login_throttle WHERE throttle_key = ?",
              Sql.text(accountKey(t.account())));
          giveBack(c, ipKey(t.ip()));
          return null;
        });
  }

  /**
   * Gives the numbers back, one key per statement: a statement never holds one key's row while
   * waiting for another's, so it cannot deadlock with {@link #COUNT} (which takes a: before ip:).
   */
  private static void giveBack(Connection c, String... keys) throws SQLException {
    for (String key : keys) {
      Sql.update(
          c,
          "WITH d AS (UPDATE login_throttle SET attempts = attempts - 1"
              + " WHERE throttle_key = ? RETURNING throttle_key, attempts)"
              + " DELETE FROM login_throttle t USING d"
              + " WHERE t.throttle_key = d.throttle_key AND d.attempts <= 0",
          Sql.text(key));
    }
  }

  /** At most once a minute: rows whose window has passed go (names typed once, old addresses). */
  private void purgeNowAndThen(Instant now) {
    long last = lastPurge.get();
    if (now.toEpochMilli() - last < 60_000 || !lastPurge.compareAndSet(last, now.toEpochMilli())) {
      return;
    }
    Sql.update(
        dataSource,
        "purging sign-in attempts",
        "DELETE FROM login_throttle WHERE window_start <= ?",
        now.minus(window));
  }
}
