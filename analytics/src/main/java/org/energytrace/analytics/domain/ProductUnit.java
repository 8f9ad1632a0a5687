package org.energytrace.analytics.domain;

import java.util.Arrays;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * A unit of product as a UNECE Recommendation 20 code, with the symbol used in SEC units (MJ/t,
 * kWh/hl). The sector norms (MOIT circulars) are per t, per hl or per piece.
 */
public enum ProductUnit {
  TNE("t"),
  KGM("kg"),
  HLT("hl"),
  LTR("L"),
  MTQ("m3"),
  MTK("m2"),
  MTR("m"),
  H87("pcs");

  private final String symbol;

  ProductUnit(String symbol) {
    this.symbol = symbol;
  }

  /** The UNECE Rec. 20 common code, e.g. {@code TNE}. */
  public String code() {
    return name();
  }

  /** The symbol used in SEC units, e.g. {@code t} in {@code MJ/t}. */
  public String symbol() {
    return symbol;
  }

  /** By UNECE code ({@code TNE}) or symbol ({@code t}). */
  public static ProductUnit of(String codeOrSymbol) {
    return Arrays.stream(values())
        .filter(u -> u.name().equals(codeOrSymbol) || u.symbol.equals(codeOrSymbol))
        .findFirst()
        .orElseThrow(
            () ->
                new AnalyticsException(
                    Code.UNKNOWN_NAME,
                    "unknown unit of product '"
                        + codeOrSymbol
                        + "' (UNECE codes: "
                        + Arrays.toString(values())
                        + ")"));
  }
}
