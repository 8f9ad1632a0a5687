package org.energytrace.ingest.enpi;

import static org.energytrace.analytics.json.Json.finiteOrNull;
import static org.energytrace.ingest.enpi.EnpiAnalytics.TABLE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.domain.EnpiSeries;
import org.energytrace.analytics.domain.Meter;
import org.energytrace.analytics.domain.MeterConversion;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.units.Emission;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.EnpiAnalytics.Series;
import org.energytrace.ingest.enpi.PgBaselines.Baseline;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;

/**
 * A saving's carriers: its split between the EnPI's carriers ({@link CarrierSavings}), the CO2
 * avoided (one carrier as the CLI; several summed carrier by carrier) and its money at the
 * configured tariffs, each null with the reason when it cannot be computed.
 */
final class CarrierFigures {
  private static final EmissionFactors FACTORS = EmissionFactors.bundled();

  private CarrierFigures() {}

  /** The savings split by carrier ({@link CarrierSavings}), or why it could not be. */
  record ByCarrier(
      List<CarrierSavings.Part> parts, Map<String, String> units, String reason, String enpiUnit) {
    Map<String, Object> tree() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", CARRIER_METHOD);
      m.put("unit", enpiUnit);
      if (parts == null) {
        m.put("carriers", null);
        m.put("reason", reason);
        return m;
      }
      List<Object> list = new ArrayList<>();
      for (CarrierSavings.Part p : parts) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("carrier", p.carrier());
        c.put("baseline_share", finiteOrNull(p.baselineShare()));
        c.put("adjusted_baseline", finiteOrNull(p.adjustedBaseline()));
        c.put("actual", finiteOrNull(p.actual()));
        c.put("savings", finiteOrNull(p.savings()));
        c.put("metered_unit", units.get(p.carrier()));
        list.add(c);
      }
      m.put("carriers", list);
      return m;
    }
  }

  static final String CARRIER_METHOD =
      "adjusted baseline split by each carrier's share of the baseline period's energy, minus the"
          + " carrier's metered reporting energy";

  static ByCarrier byCarrier(
      Baseline b,
      Series reporting,
      Supplier<Series> baselineSeries,
      DataSet base,
      DataSet rep,
      MvReport report) {
    String unit = reporting.series().energyUnit();
    try {
      Map<String, String> units = new LinkedHashMap<>();
      Map<String, Double> actual = carrierEnergy(reporting, days(rep), units);
      Map<String, Double> mix;
      if (actual.size() == 1) {
        mix = Map.of(actual.keySet().iterator().next(), 1.0);
      } else {
        Series baseline = baselineSeries.get();
        mix = carrierEnergy(baseline, days(base), units);
      }
      return new ByCarrier(
          // with approved adjustments, their energy split by the baseline's carrier mix too
          CarrierSavings.split(
              mix,
              actual,
              report.adjusted() != null
                  ? report.adjusted().adjustedBaseline()
                  : report.reporting().adjustedBaseline()),
          units,
          null,
          unit);
    } catch (IllegalArgumentException | AnalyticsException e) {
      return new ByCarrier(null, Map.of(), e.getMessage(), unit);
    }
  }

  static Set<LocalDate> days(DataSet set) {
    Set<LocalDate> out = new HashSet<>();
    set.rows().forEach(o -> out.add(o.period().toLocalDate()));
    return out;
  }

  /**
   * Energy per carrier in the EnPI's unit over {@code days}: Σ sign × day total × the multiplier
   * the EnPI applied to that meter on that day (the same numbers as the EnPI's daily energy).
   */
  static Map<String, Double> carrierEnergy(
      Series s, Set<LocalDate> days, Map<String, String> units) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (var term : s.model().definition().meters()) {
      Meter meter =
          s.model()
              .enterprise()
              .meter(term.meterId())
              .orElseThrow(() -> new IllegalArgumentException("no meter " + term.meterId()));
      units.putIfAbsent(meter.carrier(), meter.unit());
      double sum = 0;
      for (DailyTotals.Day d : s.energy().getOrDefault(term.meterId(), List.of())) {
        if (!d.complete() || !days.contains(d.day())) {
          continue;
        }
        sum += term.sign() * d.total() * multiplier(s.series(), term.meterId(), d.day());
      }
      out.merge(meter.carrier(), sum, Double::sum);
    }
    return out;
  }

  static double multiplier(EnpiSeries series, String meter, LocalDate day) {
    for (MeterConversion c : series.conversions()) {
      if (c.meterId().equals(meter) && !day.isBefore(c.firstDay()) && !day.isAfter(c.lastDay())) {
        return c.toEnpiUnit();
      }
    }
    throw new IllegalArgumentException("no conversion of meter " + meter + " on " + day);
  }

  /** The last reporting day (the day the conversion and fuel factors are read for). */
  static LocalDate lastDay(MvReport report) {
    var r = report.reporting();
    return r.periods().get(r.m() - 1).period().toLocalDate();
  }

  /**
   * CO2 of an EnPI with several carriers: each carrier's part of the savings through its own factor
   * (electricity: the grid factor of {@code year}, else of the last reporting day), summed; null
   * when any factor is missing. Bounds are not split between carriers.
   */
  static Map<String, Object> co2ByCarrier(
      ByCarrier split,
      EnpiSeries series,
      MvReport report,
      Integer year,
      Map<String, Object> singleCarrier) {
    LocalDate on = lastDay(report);
    LocalDate gridOn = year != null ? LocalDate.of(year, 7, 1) : on;
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> parts = new ArrayList<>();
    double total = 0;
    try {
      for (CarrierSavings.Part p : split.parts()) {
        String unit = split.units().get(p.carrier());
        Emission e =
            CarrierSavings.co2(
                p.savings(), p.carrier(), unit, series.basis(), on, gridOn, TABLE, FACTORS);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("carrier", p.carrier());
        c.put(
            "quantity",
            finiteOrNull(
                CarrierSavings.quantity(
                    p.savings(),
                    p.carrier(),
                    p.carrier().equals("electricity") ? "kWh" : unit,
                    series.basis(),
                    on,
                    TABLE)));
        c.put("quantity_unit", p.carrier().equals("electricity") ? "kWh" : unit);
        c.put("avoided_t", e.tonnesCo2());
        c.put("factor_table", e.factor().table());
        c.put("factor_version", e.factor().version());
        c.put("factor", e.factor().factor());
        c.put("factor_unit", "tCO2/" + e.factor().basisUnit());
        c.put("source", e.factor().source());
        parts.add(c);
        total += e.tonnesCo2();
      }
    } catch (AnalyticsException e) {
      Map<String, Object> out = new LinkedHashMap<>(singleCarrier);
      out.put("reason", e.getMessage());
      return out;
    }
    m.put("avoided_t", total);
    m.put("avoided_low_t", null);
    m.put("avoided_high_t", null);
    m.put("method", "sum over carriers of each carrier's part of the savings (by_carrier)");
    m.put("note", "the confidence band is not split between carriers");
    m.put("by_carrier", parts);
    return m;
  }

  /** Money of the savings at the configured tariffs, or null with the reason. */
  static Map<String, Object> money(
      ByCarrier split, EnpiSeries series, MvReport report, Tariffs tariffs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("currency", tariffs.currency());
    if (split.parts() == null) {
      m.put("amount", null);
      m.put("reason", split.reason());
      return m;
    }
    try {
      List<CarrierSavings.Money> priced =
          CarrierSavings.money(split.parts(), tariffs, series.basis(), lastDay(report), TABLE);
      if (priced == null) {
        m.put("amount", null);
        m.put(
            "reason",
            "no tariff for "
                + split.parts().stream()
                    .map(CarrierSavings.Part::carrier)
                    .filter(c -> tariffs.price(c) == null)
                    .toList()
                + " (dashboards.tariff_per_kwh, dashboards.tariff_per_nm3_gas)");
        return m;
      }
      double total = 0;
      List<Object> list = new ArrayList<>();
      for (CarrierSavings.Money x : priced) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("carrier", x.carrier());
        c.put("quantity", finiteOrNull(x.quantity()));
        c.put("unit", x.unit());
        c.put("price", x.price());
        c.put("amount", finiteOrNull(x.amount()));
        list.add(c);
        total += x.amount();
      }
      m.put("amount", finiteOrNull(total));
      m.put("by_carrier", list);
    } catch (AnalyticsException e) {
      m.put("amount", null);
      m.put("reason", e.getMessage());
    }
    return m;
  }

  /**
   * Tonnes CO2 of the savings and its bounds, as {@code analytics mv --carrier C --unit U}, when
   * every meter of the EnPI has one carrier; otherwise null with the reason (savings in MJ or TOE
   * of several carriers cannot be split between their emission factors).
   */
  static Map<String, Object> co2(
      EnpiSeries series, EnpiModel model, MvReport report, Integer year) {
    List<String> carriers =
        series.conversions().stream().map(MeterConversion::carrier).distinct().toList();
    if (carriers.isEmpty()) {
      carriers =
          model.definition().meters().stream()
              .map(t -> model.enterprise().meter(t.meterId()).map(Meter::carrier).orElse(""))
              .distinct()
              .toList();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (carriers.size() != 1) {
      m.put("avoided_t", null);
      m.put("reason", "the EnPI meters several carriers " + carriers);
      return m;
    }
    String carrier = carriers.get(0);
    String unit = series.energyUnit();
    // as the CLI: the factor of --year (mid-year), else of the last reporting day
    LocalDate on = year != null ? LocalDate.of(year, 7, 1) : report.lastReportingDay();
    Emission[] out;
    try {
      out = report.co2(carrier, unit, on, TABLE, FACTORS);
    } catch (AnalyticsException e) {
      m.put("avoided_t", null);
      m.put("reason", e.getMessage());
      return m;
    }
    m.put("carrier", carrier);
    m.put("unit", unit);
    m.put("avoided_t", out[0].tonnesCo2());
    m.put("avoided_low_t", out[1].tonnesCo2());
    m.put("avoided_high_t", out[2].tonnesCo2());
    m.put("factor_table", out[0].factor().table());
    m.put("factor_version", out[0].factor().version());
    m.put("factor", out[0].factor().factor());
    m.put("factor_unit", "tCO2/" + out[0].factor().basisUnit());
    m.put("source", out[0].factor().source());
    return m;
  }
}
