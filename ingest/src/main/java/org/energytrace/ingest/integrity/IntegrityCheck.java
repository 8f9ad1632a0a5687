package org.energytrace.ingest.integrity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.energytrace.analytics.integrity.Seal;
import org.energytrace.analytics.integrity.SealChain;
import org.energytrace.analytics.integrity.SealCheck;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * The integrity check (docs/verification.md §3–§4): first appends the revision links late data asks
 * for (so rows stored through the application since the last sealing pass are not taken for
 * tampering), then recomputes the day digests of every series from its stored rows and checks the
 * seal chains ({@link PgSeals}), and walks the audit log's chain ({@link PgAuditLog#verifyChain}).
 * Blocking: call from worker threads.
 */
public final class IntegrityCheck {
  /** Mismatches listed in an answer beyond the first. */
  static final int MAX_LISTED = 50;

  private final DataSource dataSource;
  private final PgSeals seals;
  private final PgAuditLog audit;

  public IntegrityCheck(DataSource dataSource, PgSeals seals, PgAuditLog audit) {
    this.dataSource = dataSource;
    this.seals = seals;
    this.audit = audit;
  }

  /** A failed series: which, and the first problem. */
  public record Mismatch(String series, String kind, String label, SealCheck.Finding finding) {
    JsonObject json() {
      return new JsonObject()
          .put("series", series)
          .put(
              "kind",
              kind.equals("reading")
                  ? "channel"
                  : kind.equals("count") ? "production_count" : "production")
          .put(
              kind.equals("reading") ? "channel" : kind.equals("count") ? "count" : "product",
              label)
          .put("day", finding.day().toString())
          .put("revision", finding.revision() < 0 ? null : finding.revision())
          .put("problem", finding.problem())
          .put("message", finding.toString());
    }
  }

  /** A check's result. */
  public record Report(
      String enterprise,
      LocalDate from,
      LocalDate to,
      int series,
      long seriesDays,
      List<Mismatch> mismatches,
      PgAuditLog.ChainCheck audit) {
    public boolean ok() {
      return mismatches.isEmpty() && audit.ok();
    }

    /** One line for logs and readiness: ok, or the first problem. */
    public String summary() {
      if (ok()) {
        return "ok: " + series + " series, " + seriesDays + " series-days, audit chain ok";
      }
      List<String> parts = new ArrayList<>();
      if (!mismatches.isEmpty()) {
        Mismatch m = mismatches.get(0);
        parts.add(
            mismatches.size()
                + " series no longer match their seals; first: "
                + m.label()
                + " "
                + m.finding());
      }
      audit
          .firstBreak()
          .ifPresent(
              b -> parts.add("audit log chain broken at entry " + b.seq() + ": " + b.problem()));
      return String.join("; ", parts);
    }

    public JsonObject json() {
      JsonArray listed = new JsonArray();
      mismatches.stream().limit(MAX_LISTED).forEach(m -> listed.add(m.json()));
      JsonObject a =
          new JsonObject()
              .put("ok", audit.ok())
              .put("entries", audit.entries())
              .put(
                  "first_break",
                  audit
                      .firstBreak()
                      .map(
                          b ->
                              new JsonObject()
                                  .put("seq", b.seq() < 0 ? null : b.seq())
                                  .put("problem", b.problem()))
                      .orElse(null));
      return new JsonObject()
          .put("enterprise", enterprise)
          .put("from", from == null ? null : from.toString())
          .put("to", to == null ? null : to.toString())
          .put("ok", ok())
          .put("series_checked", series)
          .put("series_days_checked", seriesDays)
          .put("first_mismatch", mismatches.isEmpty() ? null : mismatches.get(0).json())
          .put("mismatches", listed)
          .put("mismatch_count", mismatches.size())
          .put("audit_chain", a)
          .put("summary", summary());
    }
  }

  /**
   * Checks the series of {@code enterprise} over {@code from..to} (local days).
   *
   * @throws org.energytrace.ingest.errors.NotFoundException no such enterprise in {@code scope}
   */
  public Report check(Scope scope, String enterprise, LocalDate from, LocalDate to) {
    Sql.with(
        dataSource, "reading enterprise " + enterprise, c -> Enterprises.id(c, scope, enterprise));
    seals.revisePending();
    return report(enterprise, from, to, checkSeries(enterprise, s -> new LocalDate[] {from, to}));
  }

  /**
   * The nightly check of every series: its whole chain, and its newest sealed day (yesterday, when
   * the grace period is under a day) recomputed.
   */
  public Report checkNewestDays() {
    seals.revisePending();
    List<SeriesResult> results =
        checkSeries(null, s -> new LocalDate[] {s.sealedThrough(), s.sealedThrough()});
    return report(null, null, null, results);
  }

  /** A series' result: the first problem, if any, and how many days were recomputed. */
  record SeriesResult(
      String series, String kind, String label, int days, Optional<SealCheck.Finding> finding) {}

  /**
   * Checks every series of {@code enterprise} (null: all): its whole chain of links, and the days
   * of {@code range(series)} (clipped to the days it has sealed) recomputed from the stored rows.
   */
  private List<SeriesResult> checkSeries(String enterprise, Function<Series, LocalDate[]> range) {
    return Sql.with(
        dataSource,
        "checking day seals",
        c -> {
          List<SeriesResult> out = new ArrayList<>();
          for (Series s : PgSealSeries.all(c, enterprise)) {
            LocalDate[] r = range.apply(s);
            LocalDate lo = r[0].isBefore(s.sealedFrom()) ? s.sealedFrom() : r[0];
            LocalDate hi = r[1].isAfter(s.sealedThrough()) ? s.sealedThrough() : r[1];
            List<Seal> chain = PgSealSeries.chain(c, s.id());
            Optional<SealCheck.Finding> f = SealCheck.links(chain, SealChain.GENESIS);
            int days = 0;
            if (f.isEmpty() && !lo.isAfter(hi)) {
              Map<LocalDate, String> recomputed = new HashMap<>();
              for (Map.Entry<LocalDate, SealRows.Day> e : SealRows.days(c, s, lo, hi).entrySet()) {
                recomputed.put(e.getKey(), e.getValue().digest());
              }
              f = SealCheck.data(s.id(), chain, recomputed, lo, hi);
              days = (int) (hi.toEpochDay() - lo.toEpochDay() + 1);
            }
            String end = chain.isEmpty() ? SealChain.GENESIS : chain.get(chain.size() - 1).seal();
            if (f.isEmpty() && !end.equals(s.lastSeal())) {
              f =
                  Optional.of(
                      new SealCheck.Finding(
                          s.id(),
                          chain.isEmpty() ? s.sealedFrom() : chain.get(chain.size() - 1).day(),
                          -1,
                          "the chain ends at seal "
                              + end
                              + " but the series' head says "
                              + s.lastSeal()
                              + ": links were removed"));
            }
            out.add(new SeriesResult(s.id(), s.kind(), s.label(), days, f));
          }
          return out;
        });
  }

  private Report report(
      String enterprise, LocalDate from, LocalDate to, List<SeriesResult> results) {
    List<Mismatch> mismatches = new ArrayList<>();
    long days = 0;
    for (SeriesResult r : results) {
      days += r.days();
      r.finding().ifPresent(f -> mismatches.add(new Mismatch(r.series(), r.kind(), r.label(), f)));
    }
    // the first: the earliest day, then the series' order
    mismatches.sort(Comparator.comparing(m -> m.finding().day()));
    return new Report(enterprise, from, to, results.size(), days, mismatches, audit.verifyChain());
  }
}
