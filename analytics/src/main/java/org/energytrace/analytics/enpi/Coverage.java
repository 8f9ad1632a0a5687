package org.energytrace.analytics.enpi;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How many periods of the expected grid carry data, and which are missing. Missing periods are
 * listed, never filled (CalTRACK 2.0 data sufficiency: "coverage appears in every report").
 */
public record Coverage(
    LocalDateTime first,
    LocalDateTime last,
    int expected,
    int present,
    List<LocalDateTime> missing) {

  public Coverage {
    missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
    if (expected < 0 || present < 0 || present > expected) {
      throw new IllegalArgumentException("present " + present + " of expected " + expected);
    }
  }

  public double fraction() {
    return expected == 0 ? 0.0 : (double) present / expected;
  }

  /**
   * Walks the grid from the first to the last start with {@code next} and counts which grid points
   * are present. Starts that fall off the grid still count as present.
   */
  public static Coverage of(List<LocalDateTime> sortedStarts, UnaryOperator<LocalDateTime> next) {
    if (sortedStarts.isEmpty()) {
      return new Coverage(null, null, 0, 0, List.of());
    }
    Set<LocalDateTime> have = new HashSet<>(sortedStarts);
    LocalDateTime first = sortedStarts.get(0);
    LocalDateTime last = sortedStarts.get(sortedStarts.size() - 1);
    List<LocalDateTime> missing = new ArrayList<>();
    int expected = 0;
    for (LocalDateTime t = first; !t.isAfter(last); t = next.apply(t)) {
      expected++;
      if (!have.contains(t)) {
        missing.add(t);
      }
    }
    int present = Math.max(0, expected - missing.size());
    return new Coverage(first, last, expected, present, missing);
  }
}
