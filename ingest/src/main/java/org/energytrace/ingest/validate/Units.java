package org.energytrace.ingest.validate;

import java.util.Map;
import java.util.Set;

/**
 * UNECE Recommendation 20 common codes that ingest accepts. A unit outside this list is most likely
 * a typo or a mis-scaled register, so the point is refused rather than stored with an unknown unit.
 */
public final class Units {
  private static final Set<String> KNOWN =
      Set.of(
          // energy
          "KWH",
          "WHR",
          "MWH",
          "GWH",
          "GV",
          "3B",
          "KVR",
          "KVA",
          "K3",
          "KJ",
          "MAH",
          // power
          "KWT",
          "WTT",
          "MAW",
          // volume and mass
          "MTQ",
          "NM3",
          "LTR",
          "HLT",
          "TNE",
          "KGM",
          "MTK",
          // volume flow (water and heat meters, issue 17): m³/h, its own canonical unit
          "MQH",
          // mass flow (steam meters, issue 17): t/h, its own canonical unit
          "E18",
          // electrical and other
          "VLT",
          "AMP",
          "HTZ",
          "C62",
          "P1",
          "CEL",
          "KEL",
          "BAR",
          "KPA",
          "PAL",
          // pieces
          "H87");

  /**
   * The canonical unit of a code and the factor that converts a value into it: {@code value x
   * factor}. Ingest stores every value in the canonical unit of its quantity (energy kWh, reactive
   * energy kvarh, power kW, volume m³, mass kg, pressure kPa); other codes are their own canonical
   * unit. Kelvin and Celsius are kept apart (an offset, not a factor). Migration V6 holds the same
   * table for data stored before.
   */
  public record Canonical(String unit, double factor) {}

  private static final Map<String, Canonical> CONVERTED =
      Map.ofEntries(
          Map.entry("WHR", new Canonical("KWH", 1e-3)),
          Map.entry("MWH", new Canonical("KWH", 1e3)),
          Map.entry("GWH", new Canonical("KWH", 1e6)),
          Map.entry("KJ", new Canonical("KWH", 1 / 3600.0)),
          Map.entry("3B", new Canonical("KWH", 1 / 3.6)), // megajoule
          Map.entry("GV", new Canonical("KWH", 1000 / 3.6)), // gigajoule
          Map.entry("MAH", new Canonical("K3", 1e3)), // Mvarh -> kvarh
          Map.entry("WTT", new Canonical("KWT", 1e-3)),
          Map.entry("MAW", new Canonical("KWT", 1e3)),
          Map.entry("LTR", new Canonical("MTQ", 1e-3)),
          Map.entry("HLT", new Canonical("MTQ", 0.1)),
          Map.entry("TNE", new Canonical("KGM", 1e3)),
          Map.entry("BAR", new Canonical("KPA", 100)),
          Map.entry("PAL", new Canonical("KPA", 1e-3)));

  private Units() {}

  /**
   * The canonical unit of a known code and its factor.
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static Canonical canonical(String code) {
    if (!isKnown(code)) {
      throw new IllegalArgumentException("unknown UNECE unit code '" + code + "'");
    }
    return CONVERTED.getOrDefault(code, new Canonical(code, 1));
  }

  public static boolean isKnown(String code) {
    return KNOWN.contains(code);
  }

  /** Every code taken: the gateway's configuration schema lists the same ({@code $defs/unit}). */
  public static Set<String> codes() {
    return KNOWN;
  }

  private static final Map<String, String> SYMBOLS =
      Map.ofEntries(
          Map.entry("KWH", "kWh"),
          Map.entry("WHR", "Wh"),
          Map.entry("MWH", "MWh"),
          Map.entry("GWH", "GWh"),
          Map.entry("GV", "GJ"),
          Map.entry("3B", "MJ"),
          Map.entry("KVR", "kvar"),
          Map.entry("KVA", "kVA"),
          Map.entry("K3", "kvarh"),
          Map.entry("KJ", "kJ"),
          Map.entry("MAH", "Mvarh"),
          Map.entry("KWT", "kW"),
          Map.entry("WTT", "W"),
          Map.entry("MAW", "MW"),
          Map.entry("MTQ", "m³"),
          Map.entry("NM3", "Nm³"),
          Map.entry("LTR", "L"),
          Map.entry("HLT", "hl"),
          Map.entry("TNE", "t"),
          Map.entry("KGM", "kg"),
          Map.entry("MTK", "m²"),
          Map.entry("MQH", "m³/h"),
          Map.entry("E18", "t/h"),
          Map.entry("VLT", "V"),
          Map.entry("AMP", "A"),
          Map.entry("HTZ", "Hz"),
          Map.entry("C62", "1"),
          Map.entry("P1", "%"),
          Map.entry("CEL", "°C"),
          Map.entry("KEL", "K"),
          Map.entry("BAR", "bar"),
          Map.entry("KPA", "kPa"),
          Map.entry("PAL", "Pa"),
          Map.entry("H87", "pcs"));

  /**
   * The symbol a reader knows for a code ({@code KWT} → kW, {@code H87} → pcs), for reports; a code
   * without one (or not a code) as it is.
   */
  public static String symbol(String code) {
    return SYMBOLS.getOrDefault(code, code);
  }
}
