package org.energytrace.ingest.cp;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as the CP documents (the assessment report, the guidance notes) write them, in the
 * language's format: money as whole đồng, payback and percentages with two decimals, amounts with
 * up to three; a missing value as "—".
 */
final class CpNumbers {
  private CpNumbers() {}

  private static DecimalFormat format(String pattern, String lang) {
    return new DecimalFormat(
        pattern,
        DecimalFormatSymbols.getInstance(
            lang.equals("vi") ? Locale.forLanguageTag("vi") : Locale.ENGLISH));
  }

  /** Whole đồng in the language's grouping: 120.000.000 (vi), 120,000,000 (en). */
  static String money(double v, String lang) {
    return format("#,##0", lang).format(Math.round(v));
  }

  /** Two decimals: 1,50 (vi), 1.50 (en). */
  static String decimal(Double v, String lang) {
    if (v == null) {
      return "—";
    }
    return format("#,##0.00", lang).format(v);
  }

  /** Up to three decimals: 1.234,5 (vi), 1,234.5 (en); "—" when not a number. */
  static String amount(Object v, String lang) {
    if (!(v instanceof Number n)) {
      return "—";
    }
    return format("#,##0.###", lang).format(n.doubleValue());
  }

  /**
   * A measured energy with one decimal, as the dossier states it: 162.961,3 (vi), 162,961.3 (en);
   * "—" when not a number.
   */
  static String energy(Object v, String lang) {
    if (!(v instanceof Number n)) {
      return "—";
    }
    return format("#,##0.0", lang).format(n.doubleValue());
  }

  /** The value's text, "—" for null. */
  static String text(Object v) {
    return v == null ? "—" : v.toString();
  }
}
