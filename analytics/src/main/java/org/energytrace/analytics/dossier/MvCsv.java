package org.energytrace.analytics.dossier;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;

/**
 * The {@code analytics mv} period CSV inside the pure core (the dossier writer and the offline
 * verifier read it with this one parser): header {@code period,energy,<variables>}; periods ISO
 * dates or date-times; every cell a finite decimal number. Errors name the file, row and column.
 */
public final class MvCsv {

  private MvCsv() {}

  public static DataSet parse(String file, String text) {
    List<Csv.Line> lines = Csv.parse(file, text);
    if (lines.isEmpty()) {
      throw Csv.bad(file, 1, "the file is empty (a header row is required)");
    }
    List<String> names = lines.get(0).cells();
    int period = names.indexOf("period");
    int energy = names.indexOf("energy");
    if (period < 0 || energy < 0) {
      throw Csv.bad(file, 1, "the header needs 'period' and 'energy', it is " + names);
    }
    List<String> variables = new ArrayList<>();
    for (String n : names) {
      if (!n.equals("period") && !n.equals("energy")) {
        variables.add(n);
      }
    }
    List<Observation> rows = new ArrayList<>();
    Map<LocalDateTime, Integer> seen = new HashMap<>();
    for (Csv.Line l : lines.subList(1, lines.size())) {
      if (l.cells().size() != names.size()) {
        throw Csv.bad(
            file, l.number(), l.cells().size() + " cells, the header has " + names.size());
      }
      LocalDateTime p = period(file, l.number(), l.cells().get(period));
      Integer first = seen.putIfAbsent(p, l.number());
      if (first != null) {
        throw Csv.bad(
            file, l.number(), "column 'period': duplicate period (first at row " + first + ")");
      }
      List<Double> values = new ArrayList<>();
      for (String v : variables) {
        values.add(number(file, l.number(), v, l.cells().get(names.indexOf(v))));
      }
      rows.add(
          new Observation(p, number(file, l.number(), "energy", l.cells().get(energy)), values));
    }
    rows.sort(java.util.Comparator.comparing(Observation::period));
    return new DataSet(variables, rows);
  }

  private static LocalDateTime period(String file, int row, String s) {
    try {
      return s.length() <= 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw Csv.bad(file, row, "column 'period': not an ISO date or date-time: '" + s + "'");
    }
  }

  static double number(String file, int row, String column, String s) {
    if (!s.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?|[-+]?[0-9]+\\.")) {
      throw Csv.bad(file, row, "column '" + column + "': not a finite decimal number: '" + s + "'");
    }
    double v = Double.parseDouble(s);
    if (!Double.isFinite(v)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, file + " row " + row + ", column '" + column + "': not finite");
    }
    return v;
  }
}
