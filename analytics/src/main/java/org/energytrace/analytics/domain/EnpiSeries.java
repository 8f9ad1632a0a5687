package org.energytrace.analytics.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.enpi.SecCalculator;
import org.energytrace.analytics.enpi.SecSeries;

/**
 * An EnPI's daily series over [{@code from}, {@code to}]: net energy in {@code energyUnit} (days on
 * which every meter has a total and the net is ≥ 0), total production in {@code productUnit} (days
 * on which every product has a value) and each product's output on those days. {@code coverage}
 * counts the days that have both; {@code gaps} says why every other day is missing; {@code
 * conversions} lists every table row used.
 */
public record EnpiSeries(
    String enpiId,
    EnpiBasis basis,
    String energyUnit,
    ProductUnit productUnit,
    LocalDate from,
    LocalDate to,
    List<DailyValue> energy,
    List<DailyValue> production,
    Map<String, List<DailyValue>> productionByProduct,
    Coverage coverage,
    List<EnpiGap> gaps,
    List<MeterConversion> conversions,
    String methodVersion) {

  /** Column name prefix of per-product production in {@link #dataSet(boolean)}. */
  public static final String PRODUCTION = "production";

  public EnpiSeries {
    Objects.requireNonNull(enpiId, "enpiId");
    Objects.requireNonNull(basis, "basis");
    energy = List.copyOf(energy);
    production = List.copyOf(production);
    Map<String, List<DailyValue>> copy = new LinkedHashMap<>();
    productionByProduct.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    productionByProduct = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(coverage, "coverage");
    gaps = List.copyOf(gaps);
    conversions = List.copyOf(conversions);
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  /** The EnPI unit, e.g. {@code MJ/t}, {@code TOE/hl}. */
  public String enpiUnit() {
    return energyUnit + "/" + productUnit.symbol();
  }

  /** SEC per day, ISO week or month (ISO 50006), with the day coverage. */
  public SecSeries sec(Bucket bucket) {
    return SecCalculator.compute(energy, production, bucket, from, to, energyUnit, null);
  }

  /**
   * The days with both energy and production as a baseline/reporting data set: one column {@code
   * production} (total output), or with {@code perProduct} one column per product ({@code
   * production_<product id>}, one coefficient each in OLS).
   */
  public DataSet dataSet(boolean perProduct) {
    Map<LocalDate, Double> e = new LinkedHashMap<>();
    energy.forEach(v -> e.put(v.day(), v.value()));
    List<String> variables = new ArrayList<>();
    if (perProduct) {
      productionByProduct.keySet().forEach(id -> variables.add(PRODUCTION + "_" + id));
    } else {
      variables.add(PRODUCTION);
    }
    List<Map<LocalDate, Double>> byProduct = new ArrayList<>();
    productionByProduct
        .values()
        .forEach(
            list -> {
              Map<LocalDate, Double> m = new LinkedHashMap<>();
              list.forEach(v -> m.put(v.day(), v.value()));
              byProduct.add(m);
            });
    List<Observation> rows = new ArrayList<>();
    for (DailyValue p : production) {
      Double energyOfDay = e.get(p.day());
      if (energyOfDay == null) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      if (perProduct) {
        byProduct.forEach(m -> values.add(m.get(p.day())));
      } else {
        values.add(p.value());
      }
      rows.add(new Observation(p.day().atStartOfDay(), energyOfDay, values));
    }
    return new DataSet(variables, rows);
  }
}
