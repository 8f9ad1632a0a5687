package org.energytrace.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The UN/CEFACT common codes (UNECE Recommendation 20) of the units a gateway publishes, with the
 * symbols people write for them: the units the ingest service takes (docs/ingest.md, "Units";
 * docs/asyncapi.yaml). A {@code unit} that is not a code is answered with the code it stands for
 * ({@code 'kW' is a unit symbol; write its UN/CEFACT code KWT}), not with the schema's pattern.
 */
final class UnitCodes {

  /** A code and the symbols written for it, the first being the usual one. */
  private record Unit(String code, List<String> symbols) {}

  private static final List<Unit> UNITS =
      List.of(
          unit("KWH", "kWh"),
          unit("WHR", "Wh"),
          unit("MWH", "MWh"),
          unit("GWH", "GWh"),
          unit("KJ", "kJ"),
          unit("3B", "MJ"),
          unit("GV", "GJ"),
          unit("K3", "kvarh", "kVArh"),
          unit("MAH", "Mvarh", "MVArh"),
          unit("KVR", "kvar", "kVAr"),
          unit("KVA", "kVA"),
          unit("KWT", "kW"),
          unit("WTT", "W"),
          unit("MAW", "MW"),
          unit("MTQ", "m³", "m3"),
          unit("NM3", "Nm³", "Nm3"),
          unit("LTR", "L", "l"),
          unit("HLT", "hl", "hL"),
          unit("TNE", "t"),
          unit("KGM", "kg"),
          unit("MTK", "m²", "m2"),
          unit("MQH", "m³/h", "m3/h"),
          unit("E18", "t/h"),
          unit("VLT", "V"),
          unit("AMP", "A"),
          unit("HTZ", "Hz"),
          unit("C62", "one"),
          unit("P1", "%"),
          unit("CEL", "°C", "degC"),
          unit("KEL", "K"),
          unit("BAR", "bar"),
          unit("KPA", "kPa"),
          unit("PAL", "Pa"),
          unit("H87", "pcs", "piece", "pieces"));

  /** Symbol → code, as written. */
  private static final Map<String, String> BY_SYMBOL = new LinkedHashMap<>();

  static {
    for (Unit u : UNITS) {
      u.symbols().forEach(s -> BY_SYMBOL.put(s, u.code()));
    }
  }

  private UnitCodes() {}

  private static Unit unit(String code, String... symbols) {
    return new Unit(code, List.of(symbols));
  }

  /** The code a symbol stands for ({@code kW} → {@code KWT}), written exactly so. */
  static Optional<String> ofSymbol(String symbol) {
    return Optional.ofNullable(BY_SYMBOL.get(symbol.strip()));
  }

  /** What is wrong with a {@code unit} that is not written as a code, and what to write. */
  static String problem(String written) {
    String text = written.strip();
    Optional<String> code = ofSymbol(text);
    if (code.isPresent()) {
      return "'" + written + "' is a unit symbol; write its UN/CEFACT code " + code.get();
    }
    String upper = text.toUpperCase(Locale.ROOT);
    if (UNITS.stream().anyMatch(u -> u.code().equals(upper))) {
      return "'" + written + "': UN/CEFACT codes are written in capitals: " + upper;
    }
    Set<String> alike =
        BY_SYMBOL.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(text))
            .map(Map.Entry::getValue)
            .collect(Collectors.toSet());
    if (alike.size() == 1) {
      String c = alike.iterator().next();
      return "'"
          + written
          + "' looks like the unit symbol "
          + symbolOf(c)
          + "; write its UN/CEFACT code "
          + c;
    }
    if (text.matches("[A-Z0-9]{2,3}")) {
      // a code's shape, but not one the ingest service takes: every reading of the point would be
      // quarantined ("unknown UNECE unit code") once the gateway runs
      return "'"
          + written
          + "' is not a unit code the ingest service takes (docs/ingest.md, \"Units\"); one of "
          + String.join(", ", codes());
    }
    return "'"
        + written
        + "' is not a UN/CEFACT common code (UNECE Recommendation 20: 2 or 3 capitals or digits,"
        + " e.g. KWH for kWh, KWT for kW, MTQ for m³, MQH for m³/h)";
  }

  /** The codes, in the order of the schema's {@code $defs/unit} enum. */
  static List<String> codes() {
    return UNITS.stream().map(Unit::code).toList();
  }

  private static String symbolOf(String code) {
    return UNITS.stream()
        .filter(u -> u.code().equals(code))
        .findFirst()
        .orElseThrow()
        .symbols()
        .get(0);
  }
}
