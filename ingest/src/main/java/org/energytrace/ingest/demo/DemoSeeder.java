package org.energytrace.ingest.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.EnpiSeries;
import org.energytrace.analytics.domain.MeterRole;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiSpec;
import org.energytrace.ingest.enpi.PgEnpiStore.MeterEnergySpec;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.showcase.PgSiteStories;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.BaselineLifecycle;
import org.energytrace.ingest.verification.PgBaselineLifecycle;
import org.energytrace.ingest.verification.SignoffFollowUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes the demo plant (the gateway demo's simulated brewery) through the same store and
 * analytics the API uses, then fits a baseline on the days before the measure ({@link DemoHistory}
 * loaded them), waits for the gateway's published days of the measure, submits it as the demo's
 * enterprise administrator and approves it as the demo's auditor ({@link DemoAccounts}; issue 15:
 * never the enterprise itself). Idempotent: descriptions are upserts, and a baseline an auditor
 * already approved for the same period is kept.
 *
 * <p>Blocking (JDBC and waiting): run it on its own thread.
 */
public final class DemoSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

  public static final String SITE = "plant-1";
  public static final String ZONE = "Asia/Ho_Chi_Minh";
  public static final String ENPI = "plant-sec";
  static final String ENERGY_CHANNEL = "AcActiveEnergyTotalImport";
  static final String GAS_CHANNEL = "GasVolumeTotal";

  /**
   * Who the demo's baseline and history figures are by: the enterprise's administrator account (the
   * verification page said "fitted by demo", an account that does not exist).
   */
  static final String BY = DemoAccounts.username(Role.ENTERPRISE_ADMIN);

  static final int QUARTERS_A_DAY = 96;

  /** The lines of the demo brewery and the product each makes (the gateway's production points). */
  static final Map<String, String> PRODUCTS =
      Map.of("line-1", "crate-beer", "line-2", "can-beer", "line-3", "keg-beer");

  /** What the brewery calls its products (the pages said "per unit of can-beer"). */
  static final Map<String, String> PRODUCT_NAMES =
      Map.of("crate-beer", "bia chai (két)", "can-beer", "bia lon", "keg-beer", "bia hơi (keg)");

  static final List<String> ELECTRICITY_METERS = List.of("line1-em", "line2-em", "line3-em");
  static final String GAS_METER = "boiler-gas";

  private final DataSource dataSource;
  private final PgEnpiStore store;
  private final EnpiAnalytics analytics;
  private final Clock clock;
  private final Duration poll;
  private final PgBaselineLifecycle lifecycle;
  private final DemoSignoff signoff;
  private volatile boolean withGas;

  public DemoSeeder(
      DataSource dataSource,
      PgEnpiStore store,
      EnpiAnalytics analytics,
      Clock clock,
      Duration poll) {
    this.dataSource = dataSource;
    this.store = store;
    this.analytics = analytics;
    this.clock = clock;
    this.poll = poll;
    this.lifecycle = new PgBaselineLifecycle(dataSource);
    this.signoff = new DemoSignoff(dataSource, store, analytics, clock);
  }

  /**
   * Lets the sign-off name the SHA-256 of the period's verification dossier (issue 15): the seeder
   * seals the ready days as the service's sealing job does, then makes the dossier the auditor
   * signs, with the server key of {@code integrity} (the service's own).
   */
  public DemoSeeder withDossiers(IntegrityConfig integrity) {
    signoff.withDossiers(integrity);
    return this;
  }

  /**
   * What the demo's sign-off records beyond itself, as the service's does (the programme's "savings
   * verified" step of the pilot site; wired by the composition root).
   */
  public DemoSeeder followingSignoffs(SignoffFollowUp followUp) {
    signoff.following(followUp);
    return this;
  }

  /** What was seeded: the baseline version approved, and its period. */
  public record Seeded(
      String enterprise, String enpi, int baselineVersion, LocalDate from, LocalDate to) {}

  /**
   * Seeds {@code enterprise}: waits (up to {@code timeout}) for the meters to be registered,
   * describes the plant, fits and approves the baseline on the days {@code [historyStart,
   * measureDate)} ({@link DemoHistory} loaded them), waits for the measure's days up to yesterday
   * to be complete (the gateway publishes them), then walks the adjustment and the sign-off.
   *
   * @return empty when the data did not arrive in time (logged)
   */
  public Optional<Seeded> seed(
      String enterprise, LocalDate historyStart, LocalDate measureDate, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!await(deadline, () -> describe(enterprise), "the demo gateway's meters")) {
      return Optional.empty();
    }
    LOG.info(
        "demo: described {}: site {} in {}; electricity {} ({}), gas {}; lines {}; EnPI {} (MJ"
            + " per unit, all products)",
        enterprise,
        SITE,
        ZONE,
        ELECTRICITY_METERS,
        ENERGY_CHANNEL,
        withGas ? GAS_METER : "left out",
        PRODUCTS,
        ENPI);
    // the showcase's story: names, sector and the measures taken on the measure date (issue 20)
    new PgSiteStories(dataSource).put(Scope.ALL, enterprise, SITE, DemoStory.of(measureDate));
    LocalDate from = historyStart;
    LocalDate to = measureDate.minusDays(1);
    // the days before the measure are loaded by DemoHistory before the gateway starts (a few of
    // them without production: missing days); the measure's days up to yesterday come from the
    // gateway's published history and its live data
    LocalDate yesterday = LocalDate.now(clock.withZone(ZoneId.of(ZONE))).minusDays(1);
    long expected = Math.max(0, measureDate.datesUntil(yesterday.plusDays(1)).count());
    // the baseline year is all there: fit, submit and approve it before the measure's days arrive
    Seeded seeded = baseline(enterprise, from, to);
    long[] lastLogged = {-1};
    boolean complete =
        await(
            deadline,
            () -> {
              if (expected == 0) {
                return true;
              }
              // every quarter hour stored: a day is "complete" as soon as one long interval spans
              // it, which would spread energy evenly over days whose readings are still coming
              long days =
                  Math.min(
                      completeDays(enterprise, measureDate, yesterday),
                      denseDays(enterprise, measureDate, yesterday));
              if (days != lastLogged[0]) {
                LOG.info(
                    "demo: measure's days {}/{} complete ({}..{}; baseline {}..{} loaded)",
                    days,
                    expected,
                    measureDate,
                    yesterday,
                    from,
                    to);
                lastLogged[0] = days;
              }
              return days >= expected;
            },
            "the history");
    if (!complete) {
      return Optional.empty();
    }
    signoff.verify(seeded, measureDate, yesterday);
    return Optional.of(seeded);
  }

  /** The plant's description; false while the gateway's meters are not registered yet. */
  boolean describe(String enterprise) {
    try {
      store.putSiteTimeZone(Scope.ALL, enterprise, SITE, ZONE);
      for (String meter : ELECTRICITY_METERS) {
        store.putMeterEnergy(
            Scope.ALL,
            enterprise,
            meter,
            new MeterEnergySpec("electricity", "kWh", MeterRole.MAIN, "site", ENERGY_CHANNEL));
      }
      try {
        store.putMeterEnergy(
            Scope.ALL,
            enterprise,
            GAS_METER,
            new MeterEnergySpec("natural_gas", "Nm3", MeterRole.MAIN, "site", GAS_CHANNEL));
        withGas = true;
      } catch (DomainException e) {
        // a database filled by an older demo gateway counts gas in m3, for which the conversion
        // table has no TOE factor (natural gas is tabled per Nm3)
        LOG.warn(
            "demo: {}; the EnPI leaves gas out (recreate the demo database to include it)",
            e.getMessage());
        withGas = false;
      }
    } catch (NotFoundException e) {
      return false;
    }
    PRODUCTS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            lp -> {
              store.putLine(Scope.ALL, enterprise, lp.getKey(), SITE, lp.getKey());
              store.putProduct(
                  Scope.ALL,
                  enterprise,
                  lp.getValue(),
                  lp.getKey(),
                  PRODUCT_NAMES.getOrDefault(lp.getValue(), lp.getValue()),
                  "pcs");
            });
    List<MeterTerm> meters =
        Stream.concat(ELECTRICITY_METERS.stream(), withGas ? Stream.of(GAS_METER) : Stream.empty())
            .map(MeterTerm::plus)
            .toList();
    store.putEnpi(
        Scope.ALL,
        enterprise,
        ENPI,
        new EnpiSpec(
            withGas ? "Plant energy per unit (electricity + gas)" : "Plant electricity per unit",
            EnpiScope.Level.FACILITY,
            SITE,
            EnpiBasis.MJ_FINAL,
            meters,
            PRODUCTS.values().stream().sorted().toList()),
        clock.instant());
    return true;
  }

  /**
   * Days of {@code [from, to]} for which every energy counter and production counter of the demo
   * has its quarter-hourly readings (the least of the series, 96 readings a day).
   */
  long denseDays(String enterprise, LocalDate from, LocalDate to) {
    ZoneId zone = ZoneId.of(ZONE);
    Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
    Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    String sql =
        "SELECT coalesce(min(n), 0), count(*) FROM ("
            + " SELECT count(*) AS n FROM interval_energy ie"
            + " JOIN channel ch ON ch.channel_id = ie.channel_id"
            + " JOIN enterprise e ON e.enterprise_id = ie.enterprise_id"
            + " WHERE e.code = ? AND ch.name IN (?, ?) AND ie.ts_end > ? AND ie.ts_end <= ?"
            + " GROUP BY ie.channel_id"
            + " UNION ALL SELECT count(*) FROM production_count pc"
            + " JOIN enterprise e ON e.enterprise_id = pc.enterprise_id"
            + " WHERE e.code = ? AND pc.ts >= ? AND pc.ts < ? GROUP BY pc.line, pc.product) s";
    int series = ELECTRICITY_METERS.size() + 1 + PRODUCTS.size();
    return Sql.one(
        dataSource,
        "counting the demo's history",
        sql,
        Sql.args(
            Sql.text(enterprise),
            ENERGY_CHANNEL,
            GAS_CHANNEL,
            start,
            end,
            Sql.text(enterprise),
            start,
            end),
        rs -> rs.getLong(2) < series ? 0 : rs.getLong(1) / QUARTERS_A_DAY);
  }

  /** Days of {@code [from, to]} with complete energy and production. */
  long completeDays(String enterprise, LocalDate from, LocalDate to) {
    EnpiSeries s = analytics.series(Scope.ALL, enterprise, ENPI, from, to, null).series();
    return s.dataSet(EnpiAnalytics.perProduct(s)).size();
  }

  /**
   * The approved baseline of exactly this period and data (a restart on the same day), or a new one
   * fitted and approved.
   */
  @SuppressWarnings("unchecked")
  Seeded baseline(String enterprise, LocalDate from, LocalDate to) {
    EnpiSeries s = analytics.series(Scope.ALL, enterprise, ENPI, from, to, null).series();
    String dataHash = sha256(EnpiAnalytics.csv(s.dataSet(EnpiAnalytics.perProduct(s))));
    for (Object o : analytics.listBaselines(Scope.ALL, enterprise, ENPI)) {
      Map<String, Object> b = (Map<String, Object>) o;
      if ("approved".equals(b.get("status"))
          && "auditor".equals(b.get("approved_by_role"))
          && from.toString().equals(String.valueOf(b.get("from")))
          && to.toString().equals(String.valueOf(b.get("to")))
          && dataHash.equals(b.get("data_hash"))) {
        int version = ((Number) b.get("version")).intValue();
        LOG.info("demo: baseline v{} ({}..{}) already approved", version, from, to);
        return new Seeded(enterprise, ENPI, version, from, to);
      }
    }
    Map<String, Object> fitted;
    try {
      fitted =
          analytics.fitBaseline(
              Scope.ALL, enterprise, ENPI, from, to, ModelSelector.Request.AUTO, null, BY);
    } catch (AnalyticsException e) {
      LOG.warn(
          "demo: no baseline: {}; the data:\n{}",
          e.getMessage(),
          EnpiAnalytics.csv(s.dataSet(EnpiAnalytics.perProduct(s))));
      throw e;
    }
    int version = ((Number) fitted.get("version")).intValue();
    // issue 15: the enterprise submits, its assigned auditor approves (never the enterprise)
    Instant now = clock.instant();
    lifecycle.take(
        DemoAccounts.actor(dataSource, Role.ENTERPRISE_ADMIN),
        Scope.ALL,
        enterprise,
        ENPI,
        version,
        BaselineLifecycle.Step.SUBMIT,
        // "the days before the measure, as the demo's gateway published them"
        "Các ngày trước biện pháp, như bộ thu thập của bản minh họa đã gửi",
        now);
    lifecycle.take(
        DemoAccounts.actor(dataSource, Role.AUDITOR),
        Scope.ALL,
        enterprise,
        ENPI,
        version,
        BaselineLifecycle.Step.APPROVE,
        // "the baseline period precedes the measure and every day is complete"
        "Minh họa: kỳ cơ sở trước biện pháp và mọi ngày đều đủ dữ liệu",
        now);
    LOG.info(
        "demo: fitted baseline v{} of {} on {}..{} (the days before the measure), submitted by {}"
            + " and approved by {}",
        version,
        ENPI,
        from,
        to,
        DemoAccounts.username(Role.ENTERPRISE_ADMIN),
        DemoAccounts.username(Role.AUDITOR));
    return new Seeded(enterprise, ENPI, version, from, to);
  }

  static String sha256(String text) {
    return DemoSignoff.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Threads named {@code name} that do not keep the JVM alive: the demo's seeding and waiting must
   * not outlive the service.
   */
  public static ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Checks {@code done} now and then every {@code poll} (the condition lives in the database, which
   * sends no notice) until it holds or {@code deadline} passes.
   */
  private boolean await(long deadline, BooleanSupplier done, String what)
      throws InterruptedException {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    ScheduledExecutorService checks =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("demo-await"));
    try {
      checks.scheduleWithFixedDelay(
          () -> {
            try {
              if (done.getAsBoolean()) {
                result.complete(true);
                return;
              }
            } catch (AnalyticsException | NotFoundException e) {
              LOG.debug("demo: waiting for {}: {}", what, e.getMessage());
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
              return;
            }
            if (System.nanoTime() > deadline) {
              LOG.warn("demo: gave up waiting for {}; the pages show no baseline or savings", what);
              result.complete(false);
            }
          },
          0,
          poll.toMillis(),
          TimeUnit.MILLISECONDS);
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      checks.shutdownNow();
    }
  }
}
