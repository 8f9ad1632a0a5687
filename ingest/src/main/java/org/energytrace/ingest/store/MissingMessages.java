package org.energytrace.ingest.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.energytrace.ingest.health.HealthCheck;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which gateway messages never arrived ({@link MessageNumbers}): each gap older than {@link
 * #GRACE} is logged once, with what it may mean, and counted in {@code ingest_messages_missing}; a
 * gap that closes later (a late backlog) is logged as arrived. After a restart, gaps found over
 * {@link #RECENT} ago are summed up in one line rather than told again. Readiness names the gaps
 * found in the last {@link #RECENT} as part {@code messages} ({@link #health()}).
 */
public final class MissingMessages {
  private static final Logger log = LoggerFactory.getLogger(MissingMessages.class);

  /**
   * How long numbers may be missing below newer ones before they count: a gateway replaying its
   * backlog after an outage sends live messages first and older ones after.
   */
  public static final Duration GRACE = Duration.ofMinutes(10);

  private final DataSource dataSource;
  private final Clock clock;
  private final Set<String> said = new HashSet<>();
  private volatile List<MessageNumbers.Gap> last = List.of();
  private boolean started;

  /** Gaps named in readiness's detail; the rest are counted. */
  static final int NAMED = 3;

  /**
   * How long readiness shows a gap, from when the numbers above it came: a loss cannot be mended,
   * so it would otherwise hide every later one; the gauge keeps counting it.
   */
  public static final Duration RECENT = Duration.ofDays(1);

  public MissingMessages(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Registers {@code ingest.messages.missing}. */
  public void instrument(IngestMetrics metrics) {
    metrics.gauge(
        "ingest.messages.missing",
        "gateway messages whose numbers are missing below numbers that arrived over "
            + GRACE.toMinutes()
            + " minutes ago (lost between gateway and ingest, or quarantined unread)",
        () -> total(last));
  }

  /** One pass: the gaps older than {@link #GRACE}, logged when new. */
  public synchronized List<MessageNumbers.Gap> runOnce() {
    Instant at = clock.instant();
    List<MessageNumbers.Gap> gaps = MessageNumbers.gaps(dataSource, at.minus(GRACE));
    Set<String> now = new HashSet<>();
    if (!started) {
      // a loss of over a day ago was told when it was found: after a restart it is summed up once,
      // not told again gap by gap
      started = true;
      List<MessageNumbers.Gap> known =
          gaps.stream().filter(g -> !g.since().isAfter(at.minus(RECENT))).toList();
      known.forEach(g -> said.add(name(g)));
      if (!known.isEmpty()) {
        log.info(
            "{} gateway message(s) in {} range(s) never arrived, below numbers that came over {}"
                + " hours ago (each was told when found; listed per gateway on the enterprise's"
                + " overview and counted in ingest_messages_missing)",
            total(known),
            known.size(),
            RECENT.toHours());
      }
    }
    for (MessageNumbers.Gap g : gaps) {
      String key = name(g);
      now.add(key);
      if (said.add(key)) {
        log.warn(
            "gateway {}/{}: {} message(s) {} never arrived (numbers above them came at {}): lost"
                + " between the gateway and ingest (a broker dropping queued QoS 1 messages past"
                + " its limit, a broker restarted without persistence, ingest's broker session"
                + " expired or started afresh, or a gateway memory buffer lost at a stop), or"
                + " quarantined before their number could be read",
            g.enterprise(),
            g.gateway(),
            g.count(),
            range(g),
            g.since());
      }
    }
    for (String key : said) {
      if (!now.contains(key)) {
        log.info("gateway {}: the missing message(s) arrived after all", key);
      }
    }
    said.retainAll(now);
    last = List.copyOf(gaps);
    return gaps;
  }

  /**
   * Readiness part {@code messages}: UP, or DEGRADED naming the last pass's gaps whose numbers
   * above came within {@link #RECENT} (readiness stays 200: ingest works, and what was lost can
   * only be sent again from where it came).
   */
  public HealthCheck health() {
    return HealthCheck.of(
        "messages",
        () -> {
          var recent = clock.instant().minus(RECENT);
          List<MessageNumbers.Gap> gaps =
              last.stream().filter(g -> g.since().isAfter(recent)).toList();
          if (gaps.isEmpty()) {
            return HealthCheck.Result.up();
          }
          String named =
              gaps.stream()
                  .limit(NAMED)
                  .map(g -> name(g) + " (numbers above came at " + g.since() + ")")
                  .collect(Collectors.joining("; "));
          return HealthCheck.Result.degraded(
              total(gaps)
                  + " gateway message(s) never arrived: "
                  + named
                  + (gaps.size() > NAMED
                      ? "; and " + (gaps.size() - NAMED) + " more range(s)"
                      : ""));
        });
  }

  private static long total(List<MessageNumbers.Gap> gaps) {
    return gaps.stream().mapToLong(MessageNumbers.Gap::count).sum();
  }

  /** "enterprise/gateway seq a..b", as the log and readiness name a gap. */
  private static String name(MessageNumbers.Gap g) {
    return g.enterprise() + "/" + g.gateway() + " " + range(g);
  }

  private static String range(MessageNumbers.Gap g) {
    return g.from() == g.to() ? "seq " + g.from() : "seq " + g.from() + ".." + g.to();
  }
}
