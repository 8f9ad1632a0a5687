package org.energytrace.analytics.units;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * The units of measure of resources and meters and the conversions between compatible ones (t ↔ kg,
 * hl ↔ m³ ↔ L, kWh ↔ MJ ↔ GJ ↔ Gcal, Nm³ ↔ 1000 m³, pcs). Converting between dimensions (m³ of
 * water to t, t of coal to MJ) is refused here: an energy content is a carrier's factor in {@link
 * ConversionTable}, never a unit conversion, and water and materials have none.
 */
public final class Units {

  private static final Map<String, PhysicalUnit> KNOWN = new LinkedHashMap<>();

  static {
    // energy (final), base MJ; 1 kWh = 3.6 MJ and 1 cal(IT) = 4.1868 J are definitions
    add("Wh", Dimension.ENERGY, 0.0036, "watt-hour");
    add("kWh", Dimension.ENERGY, 3.6, "kilowatt-hour");
    add("MWh", Dimension.ENERGY, 3600, "megawatt-hour");
    add("GWh", Dimension.ENERGY, 3_600_000, "gigawatt-hour");
    add("MJ", Dimension.ENERGY, 1, "megajoule");
    add("GJ", Dimension.ENERGY, 1000, "gigajoule");
    add("TJ", Dimension.ENERGY, 1_000_000, "terajoule");
    add("Gcal", Dimension.ENERGY, 4186.8, "gigacalorie (IT)");
    // mass, base kg
    add("g", Dimension.MASS, 0.001, "gram");
    add("kg", Dimension.MASS, 1, "kilogram");
    add("t", Dimension.MASS, 1000, "tonne");
    // volume, base m3
    add("L", Dimension.VOLUME, 0.001, "litre");
    add("hl", Dimension.VOLUME, 0.1, "hectolitre");
    add("m3", Dimension.VOLUME, 1, "cubic metre");
    add("1000L", Dimension.VOLUME, 1, "thousand litres");
    // gas at normal conditions, base Nm3
    add("Nm3", Dimension.NORMAL_VOLUME, 1, "normal cubic metre");
    add("1000m3", Dimension.NORMAL_VOLUME, 1000, "thousand normal cubic metres");
    // pieces
    add("pcs", Dimension.COUNT, 1, "piece");
    add("1000pcs", Dimension.COUNT, 1000, "thousand pieces");
  }

  private Units() {}

  private static void add(String symbol, Dimension d, double toBase, String name) {
    KNOWN.put(symbol, new PhysicalUnit(symbol, d, toBase, name));
  }

  /** Every known unit, in a stable order. */
  public static List<PhysicalUnit> all() {
    return List.copyOf(KNOWN.values());
  }

  /** Words people type for a unit, as the symbol they mean. */
  private static final Map<String, String> WORDS =
      Map.of("tấn", "t", "lít", "L", "m³", "m3", "nm³", "Nm3", "cái", "pcs");

  /**
   * The symbol a person meant by {@code typed}: a known symbol whatever its case ({@code l} for
   * {@code L}, {@code KWH} for {@code kWh}, {@code T} for {@code t}), a superscript ({@code m³}),
   * or the Vietnamese word for a tonne, a litre or a piece ({@code tấn}, {@code lít}, {@code cái});
   * unchanged when none (the caller refuses it, listing the symbols).
   */
  public static String written(String typed) {
    String t = typed.strip();
    if (KNOWN.containsKey(t)) {
      return t;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (WORDS.containsKey(lower)) {
      return WORDS.get(lower);
    }
    List<String> alike =
        KNOWN.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(lower)).toList();
    return alike.size() == 1 ? alike.get(0) : typed;
  }

  public static Optional<PhysicalUnit> find(String symbol) {
    return Optional.ofNullable(KNOWN.get(symbol));
  }

  /** The unit, or an error listing the known symbols. */
  public static PhysicalUnit of(String symbol) {
    PhysicalUnit u = KNOWN.get(symbol);
    if (u == null) {
      throw new AnalyticsException(
          Code.UNKNOWN_NAME, "unknown unit '" + symbol + "' (known: " + KNOWN.keySet() + ")");
    }
    return u;
  }

  public static boolean compatible(String a, String b) {
    PhysicalUnit x = KNOWN.get(a);
    PhysicalUnit y = KNOWN.get(b);
    return x != null && y != null && x.dimension() == y.dimension();
  }

  /** How many {@code to} one {@code from} is (t → kg: 1000); refused across dimensions. */
  public static double factor(String from, String to) {
    PhysicalUnit f = of(from);
    PhysicalUnit t = of(to);
    if (f.dimension() != t.dimension()) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "cannot convert "
              + from
              + " ("
              + f.dimension().name().toLowerCase(Locale.ROOT)
              + ") to "
              + to
              + " ("
              + t.dimension().name().toLowerCase(Locale.ROOT)
              + "): only units of one dimension convert");
    }
    return f.toBase() / t.toBase();
  }

  /** {@code amount} {@code from} expressed in {@code to}. */
  public static double convert(double amount, String from, String to) {
    return from.equals(to) ? amount : amount * factor(from, to);
  }
}
