package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.date;
import static org.energytrace.ingest.programme.ProgrammeParams.sector;
import static org.energytrace.ingest.programme.ProgrammeParams.today;
import static org.energytrace.ingest.web.Params.query;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeInput;
import org.energytrace.analytics.report.ProgrammeInputJson;
import org.energytrace.analytics.report.ProgrammeScope;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;

/**
 * The programme input ({@code exportProgrammeInput}: exactly what {@code analytics programme}
 * reads) and the indicators computed from it ({@code getProgrammeIndicators}), both as the
 * analytics writes them.
 */
final class ProgrammeIndicatorRoutes {
  private final ProgrammeExport export;
  private final Clock clock;
  private final Integer gridFactorYear;

  ProgrammeIndicatorRoutes(ProgrammeExport export, Clock clock, Integer gridFactorYear) {
    this.export = export;
    this.clock = clock;
    this.gridFactorYear = gridFactorYear;
  }

  /** {@code exportProgrammeInput}. */
  Object input(RoutingContext ctx) {
    return json(ProgrammeInputJson.write(programmeInput(ctx)));
  }

  /** {@code getProgrammeIndicators}, of a district, sector or park when asked. */
  Object indicators(RoutingContext ctx) {
    ProgrammeInput in = programmeInput(ctx);
    ProgrammeScope scope =
        new ProgrammeScope(query(ctx, "district"), sector(ctx), query(ctx, "park"));
    return json(ProgrammeCalculator.indicators(in, scope, ProgrammeData.bundled()).json());
  }

  /** A JSON text answered as it is (the analytics' own deterministic JSON). */
  private static Blocking.Text json(String text) {
    return new Blocking.Text("application/json", text);
  }

  /**
   * The input the indicators are computed from: as of the period's last day with the period set, or
   * as of {@code as_of} (default today) without one.
   */
  private ProgrammeInput programmeInput(RoutingContext ctx) {
    String label = query(ctx, "period");
    ReportPeriod period = null;
    if (label != null) {
      try {
        period = ReportPeriod.parse(label);
      } catch (AnalyticsException e) {
        throw DomainException.invalid(
            "period", "a half-year 2026-H1 or a year 2026, got '" + label + "'");
      }
    }
    Optional<LocalDate> asOf = date(ctx, "as_of");
    LocalDate on = asOf.orElse(period == null ? today(clock) : ProgrammeParams.asOf(period, clock));
    Integer gridYear = ProgrammeParams.gridYear(ctx, gridFactorYear);
    return export.input(Principal.scope(ctx), on, period, ProgrammeExport.CONFIDENCE, gridYear);
  }
}
