package org.energytrace.ingest.verification.dossier;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.documents.Labels;

/**
 * The texts of the dossier's report in Vietnamese or English, by key ({@link Labels} {@code
 * dossier-report}), and its number formats: what {@link DossierReport} and its sections ({@link
 * CalibrationSection}, {@link SignoffSection}) print.
 */
final class ReportLabels {
  private final Labels words;

  /** {@code vi} or {@code en}. */
  ReportLabels(String lang) {
    this.words = Labels.of("dossier-report", lang);
  }

  String label(String key) {
    return words.label(key);
  }

  /** A value of the figures or the store in words ({@link Labels#word}). */
  String word(String prefix, Object value) {
    return words.word(prefix, value);
  }

  /**
   * A unit as the language writes it, part by part ("MJ/pcs" is "MJ/sp" in Vietnamese), as the
   * pages' {@code unitText} does; a part without a word stays as it is.
   */
  String unit(String symbol) {
    StringBuilder b = new StringBuilder();
    for (String part : symbol.split("/", -1)) {
      b.append(b.isEmpty() ? "" : "/")
          .append(words.has("unit_" + part) ? label("unit_" + part) : part);
    }
    return b.toString();
  }

  /** A series' name "crate-beer (pcs)" with its unit in the report's language. */
  String seriesName(String name) {
    Matcher m = NAME_AND_UNIT.matcher(name);
    return m.matches() ? m.group(1) + " (" + unit(m.group(2)) + ")" : name;
  }

  private static final Pattern NAME_AND_UNIT = Pattern.compile("(.*) \\(([^()]+)\\)");

  /**
   * An EnPI's name: the demo's names in the report's language, as the pages' {@code enpiName} says
   * them; a name an enterprise typed as typed.
   */
  String enpiName(String name) {
    return word("enpiname_", name);
  }

  /**
   * Every ISO day and time of {@code text} as the language writes them ({@link
   * Labels#daysAndTimes}: 26/11/2026 10:00 in Vietnamese, 2026-11-26 10:00 in English).
   */
  String days(String text) {
    return words.daysAndTimes(text);
  }

  /** Whether {@code key} has a text (an event kind, an opinion, a calibration result). */
  boolean has(String key) {
    return words.has(key);
  }

  /** A number as the report prints it: grouped, one decimal (vi: 1.234,5; en: 1,234.5). */
  static String number(double v, String lang) {
    return format(v, lang, "#,##0.0");
  }

  /**
   * A measured quantity: grouped, one to three decimals (a counter's 0.25 kWh step stays 0,25 /
   * 0.25; 1.234,5 as {@link #number}).
   */
  static String quantity(double v, String lang) {
    return format(v, lang, "#,##0.0##");
  }

  /** A whole number, grouped (vi: 1.000; en: 1,000). */
  static String integer(long v, String lang) {
    return format(v, lang, "#,##0");
  }

  /** {@code v} in {@code pattern} with the separators of {@code lang} (vi: 1.234,5). */
  static String format(double v, String lang, String pattern) {
    return new DecimalFormat(
            pattern,
            DecimalFormatSymbols.getInstance(
                lang.equals("vi") ? Locale.forLanguageTag("vi-VN") : Locale.ENGLISH))
        .format(v);
  }

  String number(double v) {
    return number(v, words.lang());
  }

  /** The report's language (vi, en). */
  String lang() {
    return words.lang();
  }

  /** A number or "—". */
  String num(Object v) {
    return v instanceof Number n ? number(n.doubleValue()) : "—";
  }

  /** A fraction as a percentage, or "—". */
  String pct(Object v) {
    if (!(v instanceof Number n)) {
      return "—";
    }
    return number(n.doubleValue() * 100.0) + " %";
  }
}
