package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.report.Figure;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.analytics.report.ProgrammeScope;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.programme.ProgrammeExport;
import org.energytrace.ingest.tenant.Scope;

/**
 * The public figures of a closed reporting period: the programme's indicators over the whole
 * province as {@code GET /api/v1/programme/indicators?period=…} computes them (the same input and
 * calculator), reduced to counts, shares and totals so that nothing names a facility. A period is
 * closed once its last day has passed in the province (Asia/Ho_Chi_Minh) and, when the province
 * collects the facilities' period reports for it, once that reporting period is closed: results
 * were published while reports were still missing.
 */
public final class CpAchievements {
  private static final ZoneId PROVINCE = ZoneId.of("Asia/Ho_Chi_Minh");

  private final DataSource dataSource;
  private final ProgrammeExport export;
  private final Clock clock;

  public CpAchievements(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.export = new ProgrammeExport(dataSource);
    this.clock = clock;
  }

  /** The period of {@code label}, refused (400) when malformed and (409) while not closed. */
  public ReportPeriod closed(String label) {
    ReportPeriod p;
    try {
      p = ReportPeriod.parse(label);
    } catch (AnalyticsException e) {
      throw DomainException.invalid(
          "period", "a half-year 2026-H1 or a year 2026, got '" + label + "'");
    }
    if (!p.to().isBefore(LocalDate.now(clock.withZone(PROVINCE)))) {
      throw DomainException.conflict(
          "period", label + " is not closed: it ends on " + p.to() + ", not yet passed");
    }
    Optional<LocalDate> collecting =
        Sql.first(
            dataSource,
            "reading reporting period " + p.label(),
            "SELECT deadline FROM programme_reporting_period WHERE label = ? AND closed_at IS NULL",
            Sql.args(Sql.text(p.label())),
            rs -> rs.getObject(1, LocalDate.class));
    if (collecting.isPresent()) {
      throw DomainException.conflict(
          "period",
          label
              + "'s period reports are still being collected (deadline "
              + collecting.get()
              + "): close its reporting period first");
    }
    return p;
  }

  /** The published figures of {@code period}. */
  public Map<String, Object> figures(ReportPeriod period) {
    ProgrammeIndicators ind =
        ProgrammeCalculator.indicators(
            export.input(Scope.ALL, period.to(), period, ProgrammeExport.CONFIDENCE, null),
            new ProgrammeScope(null, null, null),
            ProgrammeData.bundled());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", period.from().toString());
    m.put("to", period.to().toString());
    m.put("facilities", ind.indicators().facilities());
    m.put("aware", count(ind.indicators().aware()));
    m.put("applying", count(ind.indicators().applying()));
    m.put("officers_trained", count(ind.indicators().officersTrained()));
    Map<String, Object> saved = new LinkedHashMap<>();
    saved.put("facilities", ind.verified().facilities().size());
    saved.put("kwh_final", finite(ind.verified().kwhFinal()));
    saved.put("toe", finite(ind.verified().toe()));
    saved.put("co2_t", finite(ind.verified().co2Tonnes()));
    m.put("energy_saved_verified", saved);
    // as stored (jsonb) and read back: numbers compare equal either way
    return new JsonObject(new JsonObject(m).encode()).getMap();
  }

  private static Map<String, Object> count(Figure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("numerator", f.numerator());
    m.put("denominator", f.denominator());
    m.put("share", finite(f.share()));
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
