package org.energytrace.ingest.enpi;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A site's uploaded daily mean temperatures: a CSV (UTF-8) with the header {@code day,temperature}
 * (°C; {@code date} and {@code mean_c} are accepted as well), one row per local day. Every problem
 * is collected with its row (1 = the header) and column; nothing is stored unless there is none.
 */
public final class TemperatureFile {
  /** The most data rows one upload may hold (137 years of days). */
  public static final int MAX_ROWS = 50_000;

  private TemperatureFile() {}

  /** One day's mean temperature, from row {@code row} of the file. */
  public record Day(int row, LocalDate day, double meanC) {}

  /** A row-level problem. */
  public record Problem(int row, String column, String message) {
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("row", row);
      m.put("column", column);
      m.put("message", message);
      return m;
    }
  }

  /** The days, or the problems (then no day is stored). */
  public record Parsed(List<Day> days, List<Problem> problems) {
    public boolean valid() {
      return problems.isEmpty() && !days.isEmpty();
    }
  }

  public static Parsed parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r?\n", -1);
    List<Problem> problems = new ArrayList<>();
    List<Day> days = new ArrayList<>();
    if (lines.length == 0 || lines[0].isBlank()) {
      problems.add(
          new Problem(1, null, "the file is empty: the header day,temperature is missing"));
      return new Parsed(days, problems);
    }
    String[] header = lines[0].split(",", -1);
    int dayCol = -1;
    int tCol = -1;
    for (int i = 0; i < header.length; i++) {
      String h = header[i].trim().toLowerCase(Locale.ROOT);
      if (h.equals("day") || h.equals("date")) {
        dayCol = i;
      } else if (h.equals("temperature") || h.equals("mean_c")) {
        tCol = i;
      }
    }
    if (dayCol < 0 || tCol < 0) {
      problems.add(
          new Problem(
              1,
              dayCol < 0 ? "day" : "temperature",
              "the header must name the columns day and temperature (°C), got " + lines[0]));
      return new Parsed(days, problems);
    }
    Map<LocalDate, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int row = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      if (days.size() + problems.size() >= MAX_ROWS) {
        problems.add(new Problem(row, null, "at most " + MAX_ROWS + " rows per upload"));
        break;
      }
      String[] cells = lines[i].split(",", -1);
      if (cells.length != header.length) {
        problems.add(
            new Problem(row, null, "expected " + header.length + " cells, found " + cells.length));
        continue;
      }
      LocalDate day = null;
      String d = cells[dayCol].trim();
      try {
        day = LocalDate.parse(d);
        if (day.getYear() < 1990 || day.getYear() > 2200) {
          problems.add(new Problem(row, "day", "a date between 1990 and 2200, got " + d));
          day = null;
        }
      } catch (DateTimeParseException e) {
        problems.add(new Problem(row, "day", "must be a date (yyyy-mm-dd), got '" + d + "'"));
      }
      Double t = null;
      String v = cells[tCol].trim();
      try {
        t = Double.parseDouble(v);
        if (!Double.isFinite(t) || t < -90 || t > 70) {
          problems.add(
              new Problem(row, "temperature", "a daily mean in °C between -90 and 70, got " + v));
          t = null;
        }
      } catch (NumberFormatException e) {
        problems.add(
            new Problem(row, "temperature", "must be a number of °C (e.g. 27.4), got '" + v + "'"));
      }
      if (day != null) {
        Integer first = seen.putIfAbsent(day, row);
        if (first != null) {
          problems.add(new Problem(row, "day", day + " is already on row " + first));
          continue;
        }
      }
      if (day != null && t != null) {
        days.add(new Day(row, day, t));
      }
    }
    if (days.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(2, null, "the file has no day"));
    }
    return new Parsed(days, problems);
  }
}
