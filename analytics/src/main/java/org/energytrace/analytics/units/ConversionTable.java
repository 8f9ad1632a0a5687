package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * Energy conversion factors as versioned data ({@code conversion-factors.csv}): TOE
 * (primary-equivalent, MOIT) and MJ (final, Circular 20/2016/TT-BCT).
 */
public record ConversionTable(List<ConversionFactor> rows) {

  /**
   * Unit pairs that differ only by a decimal multiple: physics, not law. Gas: the MOIT table's 1000
   * m³ are read as normal cubic metres (Nm³, the Circular 20/2016 MJ row's unit).
   */
  private static final Map<String, Map.Entry<String, Double>> MULTIPLES =
      Map.of(
          "t", Map.entry("kg", 1000.0),
          "kg", Map.entry("t", 0.001),
          "MWh", Map.entry("kWh", 1000.0),
          "L", Map.entry("1000L", 0.001),
          "GJ", Map.entry("MJ", 1000.0),
          "Nm3", Map.entry("1000m3", 0.001),
          "1000m3", Map.entry("Nm3", 1000.0));

  public ConversionTable {
    rows = List.copyOf(rows);
  }

  public static ConversionTable bundled() {
    return parse(DataCsv.resource(ConversionTable.class, "conversion-factors.csv"));
  }

  public static ConversionTable parse(List<DataCsv.Row> rows) {
    List<ConversionFactor> factors = new ArrayList<>();
    for (DataCsv.Row r : rows) {
      factors.add(
          new ConversionFactor(
              r.get("table"),
              r.get("version"),
              r.get("carrier"),
              r.get("unit"),
              r.get("to_unit"),
              r.number("factor"),
              Accounting.valueOf(r.get("accounting")),
              r.get("source"),
              r.date("valid_from"),
              r.date("valid_to"),
              r.get("note")));
    }
    return new ConversionTable(factors);
  }

  /**
   * The row converting {@code unit} of {@code carrier} under {@code accounting}, valid on {@code
   * on}; a decimal multiple of a tabled unit (t ↔ kg, MWh ↔ kWh, L ↔ 1000 L, GJ ↔ MJ, Nm³ ↔ 1000
   * m³) is derived and says so in its note. Among several valid rows the latest {@code valid_from}
   * wins.
   */
  public ConversionFactor factor(String carrier, String unit, Accounting accounting, LocalDate on) {
    Optional<ConversionFactor> direct = find(carrier, unit, accounting, on);
    if (direct.isPresent()) {
      return direct.get();
    }
    Map.Entry<String, Double> multiple = MULTIPLES.get(unit);
    if (multiple != null) {
      Optional<ConversionFactor> base = find(carrier, multiple.getKey(), accounting, on);
      if (base.isPresent()) {
        return base.get().scaledTo(unit, multiple.getValue());
      }
    }
    throw new AnalyticsException(
        Code.UNKNOWN_NAME,
        "no " + accounting + " factor for " + carrier + " in " + unit + " valid on " + on);
  }

  public Conversion convert(
      String carrier, String unit, double amount, Accounting accounting, LocalDate on) {
    return new Conversion(amount, factor(carrier, unit, accounting, on));
  }

  public Conversion toToe(String carrier, String unit, double amount, LocalDate on) {
    return convert(carrier, unit, amount, Accounting.TOE_PRIMARY, on);
  }

  public Conversion toMj(String carrier, String unit, double amount, LocalDate on) {
    return convert(carrier, unit, amount, Accounting.MJ_FINAL, on);
  }

  /** Adds rows (e.g. a newer table version); later valid_from wins where both are valid. */
  public ConversionTable with(ConversionFactor... more) {
    List<ConversionFactor> all = new ArrayList<>(rows);
    all.addAll(List.of(more));
    return new ConversionTable(all);
  }

  private Optional<ConversionFactor> find(
      String carrier, String unit, Accounting accounting, LocalDate on) {
    // stable: among equal valid_from, the later row in the table wins
    List<ConversionFactor> matches =
        rows.stream()
            .filter(f -> f.carrier().equals(carrier) && f.unit().equals(unit))
            .filter(f -> f.accounting() == accounting && f.validOn(on))
            .toList();
    return matches.stream()
        .reduce(
            (a, b) ->
                Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder())
                            .compare(a.validFrom(), b.validFrom())
                        > 0
                    ? a
                    : b);
  }
}
