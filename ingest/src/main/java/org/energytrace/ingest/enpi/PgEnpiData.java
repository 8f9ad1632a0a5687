package org.energytrace.ingest.enpi;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.energytrace.ingest.counters.CounterDerivation;
import org.energytrace.ingest.counters.CounterReading;
import org.energytrace.ingest.counters.CounterSpec;
import org.energytrace.ingest.counters.Interval;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;
import org.energytrace.ingest.enpi.PgEnpiStore.MeterSource;
import org.energytrace.ingest.enpi.PgEnpiStore.ProductSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.IntervalEnergy;
import org.energytrace.ingest.store.SiteZones;

/**
 * The daily data of an EnPI from the store: energy per meter from {@code interval_energy} (the
 * counter-derived intervals of its energy channel) and output per product from the gateway's
 * production counters ({@code production_count}: cumulative counters through the same counter rules
 * as energy, so resets and glitches are handled alike; interval counts as they are), both cut into
 * local days of the site ({@link DailyTotals}); a quantity entered over the API or by upload
 * replaces the counters' figure for its day.
 */
public final class PgEnpiData {
  /** How far outside the span counter readings are read, to close the first and last day. */
  static final Duration MARGIN = Duration.ofDays(3);

  private final DataSource dataSource;

  public PgEnpiData(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A product's days and where each value came from. */
  public record ProductDays(List<DailyTotals.Day> days, Map<LocalDate, String> sources) {}

  /** Every day of [from, to] per meter of the EnPI, in EnPI order. */
  public Map<String, List<DailyTotals.Day>> energy(EnpiModel model, LocalDate from, LocalDate to) {
    return Sql.with(
        dataSource,
        "reading interval energy of " + model.definition().id(),
        c -> {
          Map<String, List<DailyTotals.Day>> out = new LinkedHashMap<>();
          for (MeterSource m : model.meters()) {
            Instant lower = from.atStartOfDay(m.zone()).toInstant();
            Instant upper = to.plusDays(1).atStartOfDay(m.zone()).toInstant();
            List<Interval> intervals =
                IntervalEnergy.overlapping(c, m.channelId(), lower, upper, 1);
            out.put(m.meter(), DailyTotals.of(intervals, m.zone(), from, to));
          }
          return out;
        });
  }

  /** Every day of [from, to] per product of the EnPI, in EnPI order. */
  public Map<String, ProductDays> production(EnpiModel model, LocalDate from, LocalDate to) {
    return Sql.with(
        dataSource,
        "reading production of " + model.definition().id(),
        c -> {
          Map<String, ProductDays> out = new LinkedHashMap<>();
          for (ProductSource p : model.products()) {
            out.put(p.product(), production(c, model.enterpriseId(), p, from, to));
          }
          return out;
        });
  }

  public static ProductDays production(
      Connection c, long enterpriseId, ProductSource p, LocalDate from, LocalDate to)
      throws SQLException {
    Instant lower = from.atStartOfDay(p.zone()).toInstant();
    Instant upper = to.plusDays(1).atStartOfDay(p.zone()).toInstant();
    List<CounterReading> cumulative = new ArrayList<>();
    List<Interval> intervals = new ArrayList<>();
    for (ProductionRow r :
        Sql.list(
            c,
            "SELECT ts, period_start, quantity, cumulative FROM production_count"
                + " WHERE enterprise_id = ? AND site_id = ? AND line = ? AND product = ?"
                + " AND quality < 2 AND ts >= ? AND ts <= ? ORDER BY ts",
            Sql.args(
                enterpriseId,
                p.siteId(),
                Sql.text(p.line()),
                Sql.text(p.product()),
                lower.minus(MARGIN),
                upper.plus(MARGIN)),
            rs ->
                new ProductionRow(
                    rs.getObject(1, OffsetDateTime.class).toInstant(),
                    rs.getObject(2, OffsetDateTime.class),
                    rs.getDouble(3),
                    rs.getBoolean(4)))) {
      if (r.cumulative()) {
        cumulative.add(new CounterReading(r.ts(), r.quantity()));
      } else {
        OffsetDateTime start = r.periodStart();
        if (start != null && !start.toInstant().isAfter(r.ts()) && r.quantity() >= 0) {
          intervals.add(
              new Interval(start.toInstant(), r.ts(), r.quantity(), Interval.How.DIFFERENCE));
        }
      }
    }
    if (!cumulative.isEmpty()) {
      // a production counter is a counter: the energy rules (glitch, pending, reset) apply; its
      // register width is unknown, so a drop is a reset, never a wrap
      intervals.addAll(
          CounterDerivation.derive(cumulative, List.of(), new CounterSpec(0, 1, 3)).intervals());
    }
    List<DailyTotals.Day> days = new ArrayList<>(DailyTotals.of(intervals, p.zone(), from, to));
    Map<LocalDate, String> sources = new LinkedHashMap<>();
    for (DailyTotals.Day d : days) {
      if (d.complete()) {
        sources.put(d.day(), "counter");
      }
    }
    for (QuantityRow q :
        Sql.list(
            c,
            "SELECT day, quantity, source FROM production_quantity"
                + " WHERE product_id = ? AND day BETWEEN ? AND ? ORDER BY day",
            Sql.args(p.productId(), from, to),
            rs ->
                new QuantityRow(
                    rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getString(3)))) {
      int i = (int) (q.day().toEpochDay() - from.toEpochDay());
      days.set(i, new DailyTotals.Day(q.day(), q.quantity(), 1.0, 0.0));
      sources.put(q.day(), q.source());
    }
    return new ProductDays(days, sources);
  }

  /**
   * The counters' figure of product {@code productId} on local day {@code day} (the day of its
   * line's site), when the counters cover the whole day; empty otherwise. What an entered quantity
   * for a day without one replaces ({@link org.energytrace.ingest.production.CountedProduction}).
   */
  public static OptionalDouble counted(Connection c, long productId, LocalDate day)
      throws SQLException {
    Optional<Counted> product =
        Sql.first(
            c,
            "SELECT p.enterprise_id, p.code, l.code, s.site_id, s.time_zone FROM product p"
                + " JOIN production_line l USING (line_id) JOIN site s ON s.site_id = l.site_id"
                + " WHERE p.product_id = ?",
            Sql.args(productId),
            rs ->
                new Counted(
                    rs.getLong(1),
                    new ProductSource(
                        rs.getString(2),
                        productId,
                        rs.getString(3),
                        rs.getLong(4),
                        SiteZones.of(rs.getString(5)))));
    if (product.isEmpty()) {
      return OptionalDouble.empty();
    }
    ProductDays days =
        production(c, product.get().enterpriseId(), product.get().source(), day, day);
    DailyTotals.Day d = days.days().get(0);
    return "counter".equals(days.sources().get(day))
        ? OptionalDouble.of(d.total())
        : OptionalDouble.empty();
  }

  /** A product and its enterprise, as {@link #counted} reads it. */
  private record Counted(long enterpriseId, ProductSource source) {}

  /** A row of {@code production_count}. */
  private record ProductionRow(
      Instant ts, OffsetDateTime periodStart, double quantity, boolean cumulative) {}

  /** A row of {@code production_quantity}. */
  private record QuantityRow(LocalDate day, double quantity, String source) {}
}
