package org.energytrace.analytics.baseline;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.enpi.Coverage;

/**
 * Aligned energy and independent-variable series: strictly increasing period starts, one value per
 * variable per period. Missing periods are simply absent; {@link #coverage} reports them.
 */
public record DataSet(List<String> variables, List<Observation> rows) {

  public DataSet {
    variables = List.copyOf(Objects.requireNonNull(variables, "variables"));
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    if (new HashSet<>(variables).size() != variables.size()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "duplicate variable names: " + variables);
    }
    for (String v : variables) {
      if (v.isBlank() || v.equals("energy") || v.equals("period")) {
        throw new AnalyticsException(Code.INVALID_INPUT, "invalid variable name '" + v + "'");
      }
    }
    LocalDateTime previous = null;
    for (Observation row : rows) {
      if (row.values().size() != variables.size()) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "period "
                + row.period()
                + " has "
                + row.values().size()
                + " values for variables "
                + variables);
      }
      if (previous != null && !row.period().isAfter(previous)) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            row.period().equals(previous)
                ? "duplicate period " + row.period()
                : "periods out of order at " + row.period());
      }
      previous = row.period();
    }
  }

  public int size() {
    return rows.size();
  }

  public int indexOf(String variable) {
    int i = variables.indexOf(variable);
    if (i < 0) {
      throw new AnalyticsException(
          Code.UNKNOWN_NAME, "no variable '" + variable + "' in " + variables);
    }
    return i;
  }

  public double[] energy() {
    return rows.stream().mapToDouble(Observation::energy).toArray();
  }

  public double[] column(String variable) {
    int i = indexOf(variable);
    return rows.stream().mapToDouble(r -> r.value(i)).toArray();
  }

  public List<LocalDateTime> periods() {
    return rows.stream().map(Observation::period).toList();
  }

  public Optional<Granularity> granularity() {
    return Granularity.infer(periods());
  }

  /** Coverage of the grid from the first to the last period at the given granularity. */
  public Coverage coverage(Granularity granularity) {
    return Coverage.of(periods(), granularity::next);
  }

  public DataSet withRows(List<Observation> newRows) {
    return new DataSet(variables, newRows);
  }

  /** The same variables with every row transformed (e.g. an injected saving in a test). */
  public DataSet mapRows(UnaryOperator<Observation> f) {
    return new DataSet(variables, rows.stream().map(f).toList());
  }
}
