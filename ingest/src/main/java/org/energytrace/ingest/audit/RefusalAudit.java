package org.energytrace.ingest.audit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits refusals of anonymous callers (no credential, or an invalid one) without letting a flood
 * of them flood the audit log: per client address and action, the first refusal of a window ({@code
 * security.refusal_audit_window}) is written at once as usual; the ones after it within the window
 * only count, and when the window closes that row's {@code repeat_count} becomes their number with
 * the last one's detail appended. 1 000 anonymous refusals in a minute from one address are one row
 * with repeat_count 1 000. At most {@link #MAX_SERIES} addresses are tracked at once; refusals from
 * further addresses share one series (client address {@code *}). Refusals of a signed-in principal
 * are not aggregated: each is its own row.
 */
public final class RefusalAudit {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalAudit.class);
  static final int MAX_SERIES = 10_000;

  private final Vertx vertx;
  private final PgAuditLog log;
  private final Clock clock;
  private final Duration window;
  private final ConcurrentHashMap<String, Series> open = new ConcurrentHashMap<>();
  private final long timer;

  /** Refusals of one address and action in one window. Mutated only inside the map's compute. */
  private static final class Series {
    final Instant start;
    final Promise<Long> id = Promise.promise();
    long count = 1;
    String lastDetail;
    Instant lastAt;

    Series(Instant start) {
      this.start = start;
      this.lastAt = start;
    }
  }

  public RefusalAudit(Vertx vertx, PgAuditLog log, Clock clock, Duration window) {
    this.vertx = vertx;
    this.log = log;
    this.clock = clock;
    this.window = window;
    long period = Math.max(100, Math.min(window.toMillis() / 2, 10_000));
    this.timer = vertx.setPeriodic(period, t -> closeWindows(false));
  }

  /** Records an anonymous refusal (any thread). */
  public void record(AuditEntry e) {
    Instant now = clock.instant();
    String address = e.clientIp() == null ? "" : e.clientIp();
    String key = address + "|" + e.action();
    if (open.size() >= MAX_SERIES && !open.containsKey(key)) {
      key = "*|" + e.action();
    }
    List<Series> ended = new ArrayList<>();
    Series[] created = {null};
    open.compute(
        key,
        (k, s) -> {
          if (s == null || !now.isBefore(s.start.plus(window))) {
            if (s != null) {
              ended.add(s);
            }
            created[0] = new Series(now);
            return created[0];
          }
          s.count++;
          s.lastDetail = e.detail();
          s.lastAt = now;
          return s;
        });
    ended.forEach(this::counted);
    if (created[0] != null) {
      Series s = created[0];
      AuditEntry first =
          new AuditEntry(
              e.at(),
              e.actor(),
              e.actorRole(),
              e.action(),
              e.outcome(),
              e.enterprise(),
              e.target(),
              key.startsWith("*|") ? "*" : e.clientIp(),
              e.detail()
                  + " [further anonymous refusals from this address within "
                  + window
                  + " are counted in repeat_count]",
              null,
              null);
      vertx
          .executeBlocking(() -> log.record(first), false)
          .onComplete(
              r -> {
                if (r.succeeded()) {
                  s.id.complete(r.result());
                } else {
                  LOG.error("audit entry lost: {}", first, r.cause());
                  s.id.fail(r.cause());
                }
              });
    }
  }

  /** Closes the windows that have passed (all of them when {@code all}). */
  private List<Future<Void>> closeWindows(boolean all) {
    Instant now = clock.instant();
    List<Series> ended = new ArrayList<>();
    for (String key : open.keySet()) {
      open.computeIfPresent(
          key,
          (k, s) -> {
            if (all || !now.isBefore(s.start.plus(window))) {
              ended.add(s);
              return null;
            }
            return s;
          });
    }
    List<Future<Void>> writes = new ArrayList<>();
    ended.forEach(s -> writes.add(counted(s)));
    return writes;
  }

  private Future<Void> counted(Series s) {
    if (s.count <= 1) {
      return Future.succeededFuture();
    }
    long count = s.count;
    String note =
        " — "
            + count
            + " refusals from "
            + s.start
            + " to "
            + s.lastAt
            + (s.lastDetail == null ? "" : "; last: " + s.lastDetail);
    return s.id
        .future()
        .compose(
            id ->
                vertx.executeBlocking(
                    () -> {
                      log.counted(id, count, note);
                      return null;
                    },
                    false))
        .<Void>mapEmpty()
        .onFailure(e -> LOG.error("audit count of {} refusals lost", count, e));
  }

  /** Writes the counts of every open window (at stop). */
  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return Future.join(closeWindows(true)).mapEmpty();
  }
}
