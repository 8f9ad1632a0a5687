package org.energytrace.analytics.dossier;

import static org.energytrace.analytics.dossier.DossierStop.mismatch;
import static org.energytrace.analytics.dossier.DossierStop.unusable;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.integrity.DayDigest;
import org.energytrace.analytics.integrity.QuantityRow;
import org.energytrace.analytics.integrity.ReadingRow;
import org.energytrace.analytics.integrity.Seal;
import org.energytrace.analytics.integrity.SealCheck;

/**
 * The seal step of the offline check: the links of every series in {@code seals.csv}, then every
 * day of the period recomputed from {@code readings.csv} (local days in the manifest's time zone)
 * and {@code production.csv}, the first problem named with its file, rows, series and day.
 */
final class DossierSeals {

  private DossierSeals() {}

  static String check(Map<String, byte[]> files, ZoneId zone, LocalDate from, LocalDate to) {
    Map<String, List<Seal>> chains = new LinkedHashMap<>();
    List<Csv.Line> sealLines = lines(files, DossierLayout.SEALS, DossierLayout.SEALS_HEADER);
    for (Csv.Line l : sealLines) {
      Seal s =
          row(
              DossierLayout.SEALS,
              l,
              DossierStop::unusable,
              (n, c) ->
                  new Seal(
                      c.get(0),
                      LocalDate.parse(c.get(1)),
                      Integer.parseInt(c.get(2)),
                      c.get(3),
                      c.get(4),
                      c.get(5),
                      Integer.parseInt(c.get(6)),
                      c.get(7)));
      chains.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
    }
    // rows of each series by day, with the first and last row number of each day
    ByDay<ReadingRow> readings =
        byDay(
            files,
            DossierLayout.READINGS,
            DossierLayout.READINGS_HEADER,
            (n, c) ->
                new ReadingRow(
                    Long.parseLong(c.get(1)),
                    MvCsv.number(DossierLayout.READINGS, n, "value", c.get(2)),
                    Integer.parseInt(c.get(3)),
                    c.get(4)),
            r -> DayDigest.day(r.tsEpochMicros(), zone),
            from,
            to,
            chains);
    ByDay<QuantityRow> quantities =
        byDay(
            files,
            DossierLayout.PRODUCTION,
            DossierLayout.PRODUCTION_HEADER,
            (n, c) ->
                new QuantityRow(
                    LocalDate.parse(c.get(1)),
                    MvCsv.number(DossierLayout.PRODUCTION, n, "value", c.get(2)),
                    c.get(3)),
            QuantityRow::day,
            from,
            to,
            chains);
    for (String series : readings.rows.keySet()) {
      if (quantities.rows.containsKey(series)) {
        throw mismatch("series " + series + " has rows in both readings.csv and production.csv");
      }
    }
    int days = 0;
    for (Map.Entry<String, List<Seal>> e : chains.entrySet()) {
      String series = e.getKey();
      List<Seal> chain = e.getValue();
      Optional<SealCheck.Finding> link = SealCheck.links(chain, chain.get(0).prevSeal());
      if (link.isPresent()) {
        throw mismatch(DossierLayout.SEALS + ": " + link.get());
      }
      boolean isReading = !quantities.rows.containsKey(series);
      Map<LocalDate, String> recomputed = new TreeMap<>();
      String file;
      Map<LocalDate, int[]> rowSpans;
      try {
        if (isReading) {
          readings
              .rows
              .getOrDefault(series, Map.of())
              .forEach((d, r) -> recomputed.put(d, DayDigest.readings(r)));
          file = DossierLayout.READINGS;
          rowSpans = readings.spans.getOrDefault(series, Map.of());
        } else {
          quantities.rows.get(series).forEach((d, q) -> recomputed.put(d, DayDigest.quantities(q)));
          file = DossierLayout.PRODUCTION;
          rowSpans = quantities.spans.get(series);
        }
      } catch (AnalyticsException x) {
        throw mismatch("series " + series + ": " + x.getMessage());
      }
      Optional<SealCheck.Finding> data = SealCheck.data(series, chain, recomputed, from, to);
      if (data.isPresent()) {
        int[] span = rowSpans.get(data.get().day());
        throw mismatch(
            file
                + (span == null ? " (no rows)" : " rows " + span[0] + "-" + span[1])
                + ", "
                + data.get());
      }
      days += (int) (to.toEpochDay() - from.toEpochDay() + 1);
    }
    sealed(DossierLayout.READINGS, readings.rows.keySet(), chains);
    sealed(DossierLayout.PRODUCTION, quantities.rows.keySet(), chains);
    return String.format(
        Locale.ROOT,
        "seals     %d series, %d series-days recomputed from the rows, every link chained",
        chains.size(),
        days);
  }

  /**
   * The rows of one file by series and day, with the first and last row number of each day (a day
   * of production has one row: more are refused when its digest is recomputed).
   */
  private static final class ByDay<T> {
    final Map<String, Map<LocalDate, List<T>>> rows = new LinkedHashMap<>();
    final Map<String, Map<LocalDate, int[]>> spans = new LinkedHashMap<>();

    void add(String series, LocalDate day, T row, int number) {
      rows.computeIfAbsent(series, k -> new TreeMap<>())
          .computeIfAbsent(day, d -> new ArrayList<>())
          .add(row);
      int[] span =
          spans
              .computeIfAbsent(series, k -> new TreeMap<>())
              .computeIfAbsent(day, d -> new int[] {number, number});
      span[1] = number;
    }
  }

  /**
   * The rows of a data file (series in the first column) by series and the day {@code dayOf} gives,
   * each day inside [from, to].
   */
  private static <T> ByDay<T> byDay(
      Map<String, byte[]> files,
      String file,
      List<String> header,
      BiFunction<Integer, List<String>, T> make,
      Function<T, LocalDate> dayOf,
      LocalDate from,
      LocalDate to,
      Map<String, List<Seal>> chains) {
    ByDay<T> out = new ByDay<>();
    for (Csv.Line l : lines(files, file, header)) {
      T r = row(file, l, DossierStop::mismatch, make);
      LocalDate day = dayOf.apply(r);
      String series = l.cells().get(0);
      outside(file, l.number(), series, day, from, to, chains);
      out.add(series, day, r, l.number());
    }
    return out;
  }

  /**
   * One row made by {@code make} from its number and cells; its failure stops the check naming the
   * file and the row.
   */
  private static <T> T row(
      String file,
      Csv.Line l,
      Function<String, DossierStop> stop,
      BiFunction<Integer, List<String>, T> make) {
    try {
      return make.apply(l.number(), l.cells());
    } catch (RuntimeException e) {
      throw stop.apply(file + " row " + l.number() + ": " + e.getMessage());
    }
  }

  /** Every series with rows in {@code file} has seals. */
  private static void sealed(String file, Set<String> series, Map<String, List<Seal>> chains) {
    for (String s : series) {
      if (!chains.containsKey(s)) {
        throw mismatch(file + ": series " + s + " has rows but no seals");
      }
    }
  }

  private static void outside(
      String file,
      int row,
      String series,
      LocalDate day,
      LocalDate from,
      LocalDate to,
      Map<String, List<Seal>> chains) {
    if (day.isBefore(from) || day.isAfter(to)) {
      throw mismatch(
          file
              + " row "
              + row
              + ": series "
              + series
              + ", day "
              + day
              + " lies outside "
              + from
              + ".."
              + to);
    }
  }

  static List<Csv.Line> lines(Map<String, byte[]> files, String name, List<String> header) {
    List<Csv.Line> lines;
    try {
      lines = Csv.parse(name, utf8(files.get(name)));
    } catch (AnalyticsException e) {
      throw unusable(e.getMessage());
    }
    if (lines.isEmpty() || !lines.get(0).cells().equals(header)) {
      throw unusable(name + " row 1: the header must be " + String.join(",", header));
    }
    for (Csv.Line l : lines) {
      if (l.cells().size() != header.size()) {
        throw unusable(
            name
                + " row "
                + l.number()
                + ": "
                + l.cells().size()
                + " cells, the header has "
                + header.size());
      }
    }
    return lines.subList(1, lines.size());
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
