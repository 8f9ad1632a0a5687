package org.energytrace.ingest.enpi;

import java.util.Map;
import java.util.Optional;

/**
 * The unit of a meter's energy as the conversion table names it ({@code kWh}, {@code Nm3}, ...) for
 * the UNECE code its counter channel is registered with. A meter's declared unit must match its
 * channel's, so that interval energy is never read in the wrong unit.
 */
public final class EnergyUnits {
  private static final Map<String, String> TABLE_UNIT =
      Map.of(
          "KWH", "kWh",
          "MWH", "MWh",
          "KJ", "kJ",
          "NM3", "Nm3",
          "MTQ", "m3",
          "TNE", "t",
          "KGM", "kg",
          "LTR", "L");

  private EnergyUnits() {}

  public static Optional<String> tableUnit(String uneceCode) {
    return Optional.ofNullable(TABLE_UNIT.get(uneceCode));
  }
}
