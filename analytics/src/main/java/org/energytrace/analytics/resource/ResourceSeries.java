package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.enpi.DailyValue;

/**
 * One resource's periods with their production: daily from a meter (water, electricity) or between
 * stock counts (coal, malt). The EnPI basis is the resource: {@link #dataSet()} is the same data
 * set energy uses, with the resource's quantity in the {@code energy} column, so baselines, savings
 * and uncertainty are computed by the same code (and {@code analytics mv} reads the same CSV).
 * Periods without complete production are left out and listed in {@code gaps}, never filled.
 */
public record ResourceSeries(
    Resource resource, String productUnit, List<ResourcePeriod> periods, List<String> gaps) {

  public ResourceSeries {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(productUnit, "productUnit");
    periods = List.copyOf(periods);
    gaps = List.copyOf(gaps);
    for (int i = 1; i < periods.size(); i++) {
      if (!periods.get(i).from().isAfter(periods.get(i - 1).to())) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            resource.id() + ": periods overlap or are out of order at " + periods.get(i).from());
      }
    }
  }

  /**
   * Stock-based periods: production of a period = Σ daily production over its days; a period with a
   * day lacking production is a gap.
   */
  public static ResourceSeries fromStock(
      Resource resource, String productUnit, List<StockPeriod> stock, List<DailyValue> production) {
    Map<LocalDate, Double> p = DailyValue.byDay(production, resource.id() + " production");
    List<ResourcePeriod> periods = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    for (StockPeriod s : stock) {
      double total = 0;
      List<LocalDate> missing = new ArrayList<>();
      for (LocalDate d = s.from(); !d.isAfter(s.to()); d = d.plusDays(1)) {
        Double v = p.get(d);
        if (v == null) {
          missing.add(d);
        } else {
          total += v;
        }
      }
      if (missing.isEmpty()) {
        periods.add(new ResourcePeriod(s.from(), s.to(), s.used(), total));
      } else {
        gaps.add(
            s.from()
                + ".."
                + s.to()
                + ": production missing on "
                + missing.size()
                + " day(s), first "
                + missing.get(0));
      }
    }
    return new ResourceSeries(resource, productUnit, periods, gaps);
  }

  /** Daily periods over [from, to]: the days with both a quantity and production. */
  public static ResourceSeries fromDaily(
      Resource resource,
      String productUnit,
      List<DailyValue> quantity,
      List<DailyValue> production,
      LocalDate from,
      LocalDate to) {
    Map<LocalDate, Double> q = DailyValue.byDay(quantity, resource.id());
    Map<LocalDate, Double> p = DailyValue.byDay(production, resource.id() + " production");
    List<ResourcePeriod> periods = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Double qd = q.get(d);
      Double pd = p.get(d);
      if (qd != null && pd != null) {
        periods.add(new ResourcePeriod(d, d, qd, pd));
      } else {
        gaps.add(d + ": " + (qd == null ? resource.id() : "production") + " missing");
      }
    }
    return new ResourceSeries(resource, productUnit, periods, gaps);
  }

  /** Σ quantity / Σ production over the periods (NaN without production). */
  public double sec() {
    double q = 0;
    double p = 0;
    for (ResourcePeriod r : periods) {
      q += r.quantity();
      p += r.production();
    }
    return p > 0 ? q / p : Double.NaN;
  }

  public String secUnit() {
    return resource.secUnit(productUnit);
  }

  /**
   * The baseline/reporting data set: one row per period (start = its first day), the quantity in
   * {@code energy}, its production in {@code production} — the {@code analytics mv} CSV layout.
   */
  public DataSet dataSet() {
    List<Observation> rows = new ArrayList<>();
    for (ResourcePeriod r : periods) {
      rows.add(new Observation(r.from().atStartOfDay(), r.quantity(), List.of(r.production())));
    }
    return new DataSet(List.of("production"), rows);
  }

  /** The data set as {@code analytics mv} CSV text (numbers by {@link Double#toString}). */
  public String csv() {
    StringBuilder b = new StringBuilder("period,energy,production\n");
    for (ResourcePeriod r : periods) {
      b.append(r.from())
          .append(',')
          .append(Double.toString(r.quantity()))
          .append(',')
          .append(Double.toString(r.production()))
          .append('\n');
    }
    return b.toString();
  }
}
