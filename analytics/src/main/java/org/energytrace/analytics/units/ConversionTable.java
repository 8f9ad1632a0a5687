package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * Energy conversion factors as versioned data ({@code conversion-factors.csv}): TOE
 * (primary-equivalent, MOIT) and MJ (final, Circular 20/2016/TT-BCT).
 */
public record ConversionTable(List<ConversionFactor> rows) {

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
   * on}. A unit of the same dimension as a tabled one (t ↔ kg, MWh ↔ kWh, L ↔ 1000 L, GJ ↔ MJ, Nm³
   * ↔ 1000 m³; {@link Units}) is derived from that row and says so in its note; a quantity already
   * in an energy unit (GJ of steam from a heat meter) is MJ final by definition. Among several
   * valid rows the latest {@code valid_from} wins.
   *
   * @throws AnalyticsException UNKNOWN_NAME naming carrier, unit and date when there is none
   */
  public ConversionFactor factor(String carrier, String unit, Accounting accounting, LocalDate on) {
    return lookup(carrier, unit, accounting, on)
        .orElseThrow(
            () ->
                new AnalyticsException(
                    Code.UNKNOWN_NAME,
                    "no "
                        + accounting
                        + " factor for "
                        + carrier
                        + " in "
                        + unit
                        + " valid on "
                        + on));
  }

  /** {@link #factor}, or empty when the table has none (never a guess). */
  public Optional<ConversionFactor> lookup(
      String carrier, String unit, Accounting accounting, LocalDate on) {
    Optional<ConversionFactor> direct = find(carrier, unit, accounting, on);
    if (direct.isPresent()) {
      return direct;
    }
    if (Units.find(unit).isPresent()) {
      List<ConversionFactor> compatible =
          rows.stream()
              .filter(f -> f.carrier().equals(carrier) && Units.compatible(f.unit(), unit))
              .filter(f -> f.accounting() == accounting && f.validOn(on))
              .toList();
      Optional<ConversionFactor> base = latest(compatible);
      if (base.isPresent()) {
        return Optional.of(base.get().scaledTo(unit, Units.factor(unit, base.get().unit())));
      }
      if (accounting == Accounting.MJ_FINAL && Units.of(unit).dimension() == Dimension.ENERGY) {
        return Optional.of(
            new ConversionFactor(
                "si",
                "1",
                carrier,
                unit,
                "MJ",
                Units.factor(unit, "MJ"),
                Accounting.MJ_FINAL,
                "definition of the unit (1 kWh = 3.6 MJ, 1 Gcal = 4186.8 MJ)",
                null,
                null,
                "the quantity is already final energy"));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the table can convert {@code carrier} in {@code unit} under {@code accounting} on every
   * day of {@code year}; empty when it can, else the gap naming carrier and year.
   */
  public Optional<MissingFactor> missing(
      String carrier, String unit, Accounting accounting, int year) {
    for (LocalDate d = LocalDate.of(year, 1, 1);
        d.getYear() == year;
        d = d.plusMonths(1).withDayOfMonth(1)) {
      for (LocalDate day : List.of(d, d.withDayOfMonth(d.lengthOfMonth()))) {
        if (lookup(carrier, unit, accounting, day).isEmpty()) {
          return Optional.of(
              MissingFactor.of(carrier, unit, accounting.name(), year, "conversion-factors.csv"));
        }
      }
    }
    return Optional.empty();
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
    return latest(matches);
  }

  private static Optional<ConversionFactor> latest(List<ConversionFactor> matches) {
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
