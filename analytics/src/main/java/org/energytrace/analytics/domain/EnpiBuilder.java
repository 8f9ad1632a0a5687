package org.energytrace.analytics.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.units.ConversionFactor;
import org.energytrace.analytics.units.ConversionTable;

/**
 * Builds an EnPI's daily energy and production series from daily totals per meter (each in its own
 * carrier and unit) and per product. Energy of a day = Σ sign·amount·factor over the EnPI's meters,
 * the factor being the table row valid on that day; a day counts only when every meter has a total
 * (a partial sum would book a fake saving) and production only when every product has a value.
 */
public final class EnpiBuilder {

  private EnpiBuilder() {}

  /**
   * @param energyByMeter daily totals per meter id in the meter's unit (meters not in the EnPI are
   *     ignored)
   * @param productionByProduct daily output per product id in the product's unit
   * @param from first day (inclusive), local days of the site
   * @param to last day (inclusive)
   * @param table the conversion table (versioned data) for {@code definition.basis()}
   */
  public static EnpiSeries build(
      Enterprise enterprise,
      EnpiDefinition definition,
      Map<String, List<DailyValue>> energyByMeter,
      Map<String, List<DailyValue>> productionByProduct,
      LocalDate from,
      LocalDate to,
      ConversionTable table) {
    Objects.requireNonNull(enterprise, "enterprise");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(table, "table");
    if (to.isBefore(from)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "span ends (" + to + ") before it starts");
    }
    EnpiBasis basis = definition.basis();
    List<Meter> meters = new ArrayList<>();
    for (MeterTerm term : definition.meters()) {
      Meter meter =
          enterprise
              .meter(term.meterId())
              .orElseThrow(() -> unknown(definition, "meter", term.meterId(), enterprise));
      if (term.sign() < 0 && meter.role() != MeterRole.SUB) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "EnPI "
                + definition.id()
                + ": only a sub-meter can be subtracted, "
                + meter.id()
                + " is a "
                + meter.role()
                + " meter");
      }
      meters.add(meter);
    }
    ProductUnit unit = null;
    for (String productId : definition.productIds()) {
      Product product =
          enterprise
              .product(productId)
              .orElseThrow(() -> unknown(definition, "product", productId, enterprise));
      if (unit != null && unit != product.unit()) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "EnPI "
                + definition.id()
                + ": products in "
                + unit
                + " and "
                + product.unit()
                + " cannot be summed; define one EnPI per unit of product");
      }
      unit = product.unit();
    }
    List<Map<LocalDate, Double>> energy = new ArrayList<>();
    for (Meter m : meters) {
      energy.add(
          DailyValue.byDay(energyByMeter.getOrDefault(m.id(), List.of()), "meter " + m.id()));
    }
    List<Map<LocalDate, Double>> output = new ArrayList<>();
    for (String p : definition.productIds()) {
      output.add(DailyValue.byDay(productionByProduct.getOrDefault(p, List.of()), "product " + p));
    }

    List<DailyValue> energySeries = new ArrayList<>();
    List<DailyValue> productionSeries = new ArrayList<>();
    Map<String, List<DailyValue>> perProduct = new LinkedHashMap<>();
    definition.productIds().forEach(p -> perProduct.put(p, new ArrayList<>()));
    List<EnpiGap> gaps = new ArrayList<>();
    List<LocalDateTime> missing = new ArrayList<>();
    Map<String, MeterConversion> open = new HashMap<>();
    List<MeterConversion> conversions = new ArrayList<>();
    int expected = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      expected++;
      List<String> absentMeters = new ArrayList<>();
      double net = 0;
      for (int i = 0; i < meters.size(); i++) {
        Meter m = meters.get(i);
        Double amount = energy.get(i).get(day);
        if (amount == null) {
          absentMeters.add(m.id());
          continue;
        }
        ConversionFactor f = table.factor(m.carrier(), m.unit(), basis.accounting(), day);
        double multiplier = f.factor() * basis.scale();
        record(open, conversions, m, f, multiplier, basis.unit(), day);
        net += definition.meters().get(i).sign() * amount * multiplier;
      }
      boolean energyOk = absentMeters.isEmpty();
      if (!energyOk) {
        gaps.add(new EnpiGap(day, EnpiGap.Reason.ENERGY_MISSING, absentMeters));
      } else if (net < 0) {
        energyOk = false;
        gaps.add(
            new EnpiGap(
                day,
                EnpiGap.Reason.NET_ENERGY_NEGATIVE,
                definition.meters().stream().map(MeterTerm::meterId).toList()));
      } else {
        energySeries.add(new DailyValue(day, net));
      }
      List<String> absentProducts = new ArrayList<>();
      double total = 0;
      for (int j = 0; j < output.size(); j++) {
        Double v = output.get(j).get(day);
        if (v == null) {
          absentProducts.add(definition.productIds().get(j));
        } else {
          total += v;
        }
      }
      boolean productionOk = absentProducts.isEmpty();
      if (productionOk) {
        productionSeries.add(new DailyValue(day, total));
        for (int j = 0; j < output.size(); j++) {
          perProduct
              .get(definition.productIds().get(j))
              .add(new DailyValue(day, output.get(j).get(day)));
        }
      } else {
        gaps.add(new EnpiGap(day, EnpiGap.Reason.PRODUCTION_MISSING, absentProducts));
      }
      if (!(energyOk && productionOk)) {
        missing.add(day.atStartOfDay());
      }
    }
    conversions.addAll(open.values());
    conversions.sort(
        java.util.Comparator.comparing(MeterConversion::meterId)
            .thenComparing(MeterConversion::firstDay));
    Coverage coverage =
        new Coverage(
            from.atStartOfDay(), to.atStartOfDay(), expected, expected - missing.size(), missing);
    return new EnpiSeries(
        definition.id(),
        basis,
        basis.unit(),
        unit,
        from,
        to,
        energySeries,
        productionSeries,
        perProduct,
        coverage,
        gaps,
        conversions,
        MethodVersion.CURRENT);
  }

  /** Extends the meter's current run of days with one factor, or closes it and opens another. */
  private static void record(
      Map<String, MeterConversion> open,
      List<MeterConversion> closed,
      Meter m,
      ConversionFactor f,
      double multiplier,
      String enpiUnit,
      LocalDate day) {
    MeterConversion current = open.get(m.id());
    if (current != null && current.factor().equals(f)) {
      open.put(
          m.id(),
          new MeterConversion(
              m.id(), m.carrier(), m.unit(), f, multiplier, enpiUnit, current.firstDay(), day));
      return;
    }
    if (current != null) {
      closed.add(current);
    }
    open.put(
        m.id(),
        new MeterConversion(m.id(), m.carrier(), m.unit(), f, multiplier, enpiUnit, day, day));
  }

  private static AnalyticsException unknown(
      EnpiDefinition definition, String what, String id, Enterprise enterprise) {
    return new AnalyticsException(
        Code.UNKNOWN_NAME,
        "EnPI " + definition.id() + ": no " + what + " '" + id + "' in " + enterprise.id());
  }
}
