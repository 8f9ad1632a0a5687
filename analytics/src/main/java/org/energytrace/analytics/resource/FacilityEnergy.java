package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.analytics.units.ConversionFactor;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.MissingFactor;

/**
 * A facility's total in tonnes of oil equivalent for a year (the key-energy-user measure, Decree
 * 21/2011/NĐ-CP): energy carriers only, each through the MOIT table row valid for the whole year.
 * Water and materials are never converted: they are listed in {@code excluded}. A carrier without a
 * TOE factor for the year is listed in {@code missing} and left out of the total (which is then
 * {@code complete = false}), never estimated.
 */
public final class FacilityEnergy {

  private FacilityEnergy() {}

  /** One carrier's contribution. */
  public record Line(
      String resource,
      String carrier,
      double amount,
      String unit,
      double toe,
      ConversionFactor factor) {}

  /**
   * @param complete false when a carrier lacks a factor for the year
   */
  public record ToeTotal(
      int year,
      double toe,
      boolean complete,
      List<Line> lines,
      List<MissingFactor> missing,
      List<String> excluded,
      String methodVersion) {
    public ToeTotal {
      lines = List.copyOf(lines);
      missing = List.copyOf(missing);
      excluded = List.copyOf(excluded);
    }
  }

  /**
   * The TOE of the energy resources among {@code amounts} used in {@code year}; a factor must be
   * valid on every day of the year and the one valid on 1 July is used.
   */
  public static ToeTotal toe(List<ResourceAmount> amounts, int year, ConversionTable table) {
    double toe = 0;
    List<Line> lines = new ArrayList<>();
    List<MissingFactor> missing = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (ResourceAmount a : amounts) {
      Resource r = a.resource();
      if (r.kind() != ResourceKind.ENERGY) {
        excluded.add(
            r.id()
                + " ("
                + r.kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", "
                // a sum of daily kilograms is 1.8966278800000016E7 as Java writes a double
                + new java.math.BigDecimal(a.amount())
                    .round(new java.math.MathContext(12))
                    .stripTrailingZeros()
                    .toPlainString()
                + " "
                + r.unit()
                + "): not an energy carrier, never converted to TOE");
        continue;
      }
      Optional<MissingFactor> gap =
          table.missing(r.carrier(), r.unit(), Accounting.TOE_PRIMARY, year);
      if (gap.isPresent()) {
        missing.add(gap.get());
        continue;
      }
      ConversionFactor f =
          table.factor(r.carrier(), r.unit(), Accounting.TOE_PRIMARY, LocalDate.of(year, 7, 1));
      double t = a.amount() * f.factor();
      toe += t;
      lines.add(new Line(r.id(), r.carrier(), a.amount(), r.unit(), t, f));
    }
    return new ToeTotal(
        year, toe, missing.isEmpty(), lines, missing, excluded, MethodVersion.CURRENT);
  }
}
