package org.energytrace.ingest.programme;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.report.Figure;
import org.energytrace.ingest.documents.Labels;
import org.energytrace.ingest.documents.TableDocument.Cell;
import org.energytrace.ingest.documents.TableDocument.Table;

/**
 * The programme report's text in one language ({@code vi} or {@code en}): its labels ({@link
 * Labels} {@code programme-report}), numbers in the language's format, and the cells and tables the
 * section writers ({@link IndicatorTables}, {@link FacilityTables}) build from them.
 */
final class ReportText {
  private static final DateTimeFormatter VI_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Labels labels;
  private final DecimalFormatSymbols symbols;
  private final boolean vi;

  ReportText(String lang) {
    this.vi = lang.equals("vi");
    this.labels = Labels.of("programme-report", lang);
    this.symbols =
        DecimalFormatSymbols.getInstance(
            lang.equals("vi") ? Locale.forLanguageTag("vi") : Locale.ENGLISH);
  }

  String label(String key) {
    return labels.label(key);
  }

  /** The labels of {@code keys}, in order (a table's header). */
  List<String> labels(String... keys) {
    return labels.labels(keys);
  }

  /** A note of the indicators in this language ({@link NoteText}), its days as {@link #day}. */
  String note(String english) {
    return days(NoteText.of(english, this::label));
  }

  /** A missing factor of the energy totals in this language ({@link NoteText#missingFactor}). */
  String missingFactor(String english) {
    return days(NoteText.missingFactor(english, this::label));
  }

  /**
   * A day as the language writes it: 30/06/2026 in Vietnamese (the pages' dd/MM/yyyy), 2026-06-30
   * in English.
   */
  String day(LocalDate d) {
    return labels.days(d.toString());
  }

  /** A local time of day: 06/12/2026 22:11 (vi), 2026-12-06 22:11 (en). */
  String time(TemporalAccessor t) {
    return (vi ? VI_TIME : EN_TIME).format(t);
  }

  /**
   * Every ISO day in {@code text} written as {@link #day} (the notes name validity and periods).
   */
  String days(String text) {
    return labels.days(text);
  }

  /** A period as a trend column names it: "6 tháng đầu 2026" (vi), "2026-H1" (en). */
  String shortPeriod(String label) {
    if (!vi) {
      return label;
    }
    String key =
        label.endsWith("-H1") ? "short.h1" : label.endsWith("-H2") ? "short.h2" : "short.year";
    return label(key).replace("{year}", label.substring(0, 4));
  }

  /** A resource of the registry in words ({@link NoteText#resource}). */
  String resource(String r) {
    return NoteText.resource(r, this::label);
  }

  String none() {
    return label("none");
  }

  /** A share as a percentage with one decimal: 71,4 % (vi), 71.4 % (en); — when undefined. */
  String percent(double share) {
    return Double.isNaN(share) ? none() : format("#,##0.0", share * 100) + " %";
  }

  /**
   * A band of fractions, "9,9 % – 12,0 %", rounded outwards to 0,1 %: rounded to the nearest, a
   * lower bound of 9,990 % read "10,0 %", as if the band stood above 10 % (and 7,96 % would read as
   * reaching the 8 % target).
   */
  String band(double low, double high) {
    if (Double.isNaN(low) || Double.isNaN(high)) {
      return none();
    }
    // 1e-9: a bound on the grid (0.1 computed as 0.09999999999) stays where it is
    double lo = Math.floor(low * 1000 + 1e-9) / 10;
    double hi = Math.ceil(high * 1000 - 1e-9) / 10;
    return format("#,##0.0", lo) + " % – " + format("#,##0.0", hi) + " %";
  }

  /** A number with at most {@code decimals} decimals in the language's grouping. */
  String number(double v, int decimals) {
    if (Double.isNaN(v)) {
      return none();
    }
    return format(pattern(decimals, "#"), v);
  }

  /** Grouped digits with up to ({@code #}) or exactly ({@code 0}) {@code decimals} decimals. */
  private static String pattern(int decimals, String digit) {
    return decimals == 0 ? "#,##0" : "#,##0." + digit.repeat(decimals);
  }

  private String format(String pattern, double v) {
    return new DecimalFormat(pattern, symbols).format(v);
  }

  Cell count(int n) {
    return Cell.number(n, number(n, 0), 0);
  }

  Cell quantity(double v, int decimals) {
    return Cell.number(v, number(v, decimals), decimals);
  }

  /**
   * A quantity with exactly {@code decimals} decimals: in a column of them a whole 2023 TOE read
   * "2.023" in Vietnamese beside "2.763,6", which looks like two TOE.
   */
  Cell fixed(double v, int decimals) {
    String text = Double.isNaN(v) ? none() : format(pattern(decimals, "0"), v);
    return Cell.number(v, text, decimals);
  }

  Cell share(Figure f) {
    return Cell.fraction(f.share(), percent(f.share()));
  }

  Cell target(Figure f) {
    return Cell.fraction(f.target(), percent(f.target()));
  }

  Cell reached(Figure f) {
    Boolean r = f.targetReached();
    return r == null ? Cell.text(none()) : yesNo(r);
  }

  /**
   * A figure as its fraction and share: "5/7 (71.4 %)"; in the workbook the share as a number whose
   * format shows the numerator and denominator beside it ({@code "5/7 ("0.0%")"}), so the sheet
   * reads as the PDF and still computes with the share.
   */
  Cell fraction(Figure f) {
    String counts = f.numerator() + "/" + f.denominator();
    return new Cell(
        counts + " (" + percent(f.share()) + ")",
        Double.isNaN(f.share()) ? null : f.share(),
        "\"" + counts + " (\"" + Cell.PERCENT + "\")\"");
  }

  Cell yesNo(boolean yes) {
    return Cell.text(label(yes ? "yes" : "no"));
  }

  /** Text, or {@code none} when null or empty. */
  Cell textOrNone(String s) {
    return Cell.text(s == null || s.isEmpty() ? none() : s);
  }

  /** The table of section {@code section}: its heading {@code s.*} and sheet name {@code sh.*}. */
  Table table(String section, List<String> header, List<List<Cell>> rows, float[] widths) {
    return new Table(label("s." + section), label("sh." + section), header, rows, widths);
  }
}
