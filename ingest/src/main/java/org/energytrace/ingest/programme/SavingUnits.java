package org.energytrace.ingest.programme;

import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.resource.Resource;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.units.ConversionFactor;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.Dimension;
import org.energytrace.analytics.units.Units;
import org.energytrace.ingest.errors.DomainException;

/**
 * The units a saving may be stated in, so that the province's figures can read it (the programme's
 * savings, docs/programme-reporting.md; a CP option's expected savings,
 * docs/cleaner-production.md). Each check throws a {@link DomainException} naming the field.
 */
public final class SavingUnits {
  private static final ConversionTable TABLE = ConversionTable.bundled();

  private SavingUnits() {}

  /**
   * Refuses an energy saving the province's figures could not convert: a unit the carrier is not
   * converted from (electricity in Nm3), or a carrier the conversion table does not know in that
   * unit. A quantity in an energy unit (kWh, GJ) is final energy by definition, whatever the
   * carrier (steam); its TOE or CO2 may still be missing for the year, which the indicators name.
   */
  public static void carrierUnit(String carrier, String unit) {
    if (Units.find(unit).map(u -> u.dimension() == Dimension.ENERGY).orElse(false)) {
      return;
    }
    List<String> units =
        TABLE.rows().stream()
            .filter(r -> r.carrier().equals(carrier))
            .map(ConversionFactor::unit)
            .distinct()
            .toList();
    if (units.isEmpty()) {
      throw DomainException.invalid(
          "carrier",
          "the conversion table has no factor for '"
              + carrier
              + "': one of "
              + TABLE.rows().stream().map(ConversionFactor::carrier).distinct().sorted().toList()
              + ", or a quantity in an energy unit (kWh, GJ)");
    }
    if (units.stream().noneMatch(u -> u.equals(unit) || Units.compatible(u, unit))) {
      throw DomainException.invalid(
          "unit",
          carrier
              + " is converted from "
              + String.join(", ", units)
              + " (or a unit of the same kind, or an energy unit), got '"
              + unit
              + "'");
    }
  }

  /**
   * A water or material saving is in the resource's own kind of unit, by the rules a declared
   * resource follows (docs/resources.md): water a volume, a material a mass, volume or count, never
   * an energy unit.
   */
  public static void ownUnit(String resource, String kind, String unit) {
    try {
      String id = "saving '" + resource + "'";
      new Resource(id, id, ResourceKind.valueOf(kind.toUpperCase(Locale.ROOT)), unit, null);
    } catch (AnalyticsException e) {
      throw DomainException.invalid("unit", e.getMessage());
    }
  }

  /**
   * A saving of {@code resource} named by its code alone (a CP option's): a known unit; a carrier
   * of the conversion table as {@link #carrierUnit}; water a volume; anything else any known unit
   * (a material's own, which only a declared resource names).
   */
  public static void check(String resource, String unit) {
    try {
      Units.of(unit);
    } catch (AnalyticsException e) {
      throw DomainException.invalid("unit", e.getMessage());
    }
    if (TABLE.rows().stream().anyMatch(r -> r.carrier().equals(resource))) {
      carrierUnit(resource, unit);
    } else if (resource.equals("water")) {
      ownUnit(resource, "water", unit);
    }
  }
}
