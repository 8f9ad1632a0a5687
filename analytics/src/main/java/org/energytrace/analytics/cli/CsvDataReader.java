package org.energytrace.analytics.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.Observation;

/**
 * Reads a period CSV: a header row with {@code period} (ISO date or date-time, the period start),
 * {@code energy}, and one column per independent variable. Every cell must be present and finite; a
 * missing period is a missing row, never an empty cell.
 */
final class CsvDataReader {

  static final String PERIOD = "period";
  static final String ENERGY = "energy";

  private CsvDataReader() {}

  static DataSet read(Path file) {
    List<CSVRecord> records;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
      records = parser.getRecords();
    } catch (IOException | RuntimeException e) {
      throw new InputException(file, 0, null, "cannot read the file: " + e.getMessage());
    }
    records = records.stream().filter(r -> !(r.size() == 1 && r.get(0).isBlank())).toList();
    if (records.isEmpty()) {
      throw new InputException(file, 0, null, "the file is empty (a header row is required)");
    }
    CSVRecord header = records.get(0);
    List<String> names = new ArrayList<>();
    for (String h : header) {
      String name = h.strip();
      if (name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (names.contains(name)) {
        throw new InputException(file, 1, name, "duplicate column name");
      }
      if (name.isEmpty()) {
        throw new InputException(
            file, 1, null, "empty column name at position " + (names.size() + 1));
      }
      names.add(name);
    }
    int periodIndex = names.indexOf(PERIOD);
    int energyIndex = names.indexOf(ENERGY);
    if (periodIndex < 0) {
      throw new InputException(file, 1, PERIOD, "missing column (header is " + names + ")");
    }
    if (energyIndex < 0) {
      throw new InputException(file, 1, ENERGY, "missing column (header is " + names + ")");
    }
    List<String> variables =
        names.stream().filter(n -> !n.equals(PERIOD) && !n.equals(ENERGY)).toList();
    List<Observation> rows = new ArrayList<>();
    Map<LocalDateTime, Long> seen = new HashMap<>();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord record = records.get(i);
      long row = i + 1;
      if (record.size() != names.size()) {
        throw new InputException(
            file, row, null, record.size() + " cells, the header has " + names.size());
      }
      LocalDateTime period = period(file, row, record.get(periodIndex));
      Long first = seen.putIfAbsent(period, row);
      if (first != null) {
        throw new InputException(
            file, row, PERIOD, "duplicate period " + period + " (first at row " + first + ")");
      }
      double energy = number(file, row, ENERGY, record.get(energyIndex));
      List<Double> values = new ArrayList<>();
      for (String v : variables) {
        values.add(number(file, row, v, record.get(names.indexOf(v))));
      }
      rows.add(new Observation(period, energy, values));
    }
    rows.sort(Comparator.comparing(Observation::period));
    return new DataSet(variables, rows);
  }

  private static LocalDateTime period(Path file, long row, String cell) {
    String s = cell.strip();
    if (s.isEmpty()) {
      throw new InputException(file, row, PERIOD, "empty cell");
    }
    try {
      return s.length() <= 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw new InputException(
          file, row, PERIOD, "not an ISO date or date-time: '" + s + "' (e.g. 2024-01-31)");
    }
  }

  private static double number(Path file, long row, String column, String cell) {
    String s = cell.strip();
    if (s.isEmpty()) {
      throw new InputException(
          file,
          row,
          column,
          "empty cell (values are never filled: leave the whole period out instead)");
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InputException(file, row, column, "not a number: '" + s + "'");
    }
    if (!Double.isFinite(v) || !s.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
      throw new InputException(file, row, column, "not a finite decimal number: '" + s + "'");
    }
    return v;
  }
}
