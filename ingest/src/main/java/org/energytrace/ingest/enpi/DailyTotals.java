package org.energytrace.ingest.enpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.ingest.counters.Interval;

/**
 * Cuts interval amounts (energy or units of product in {@code (start, end]}) into local calendar
 * days of a site's time zone. An interval that crosses midnight is shared between its days in
 * proportion to time (assumes a constant rate inside the interval: an estimate, reported as {@code
 * apportioned}). A day has a total only when intervals cover every second of it; any other day is a
 * gap with the fraction that was covered, never a partial total (CalTRACK 2.0: never fill
 * silently). Pure: no I/O.
 */
public final class DailyTotals {

  /**
   * One local day.
   *
   * @param total the amount of the day (meaningful when {@code complete})
   * @param covered fraction of the day's seconds covered by intervals, 0..1
   * @param apportioned the part of {@code total} that came from intervals crossing the day's
   *     boundaries (time-proportional share)
   */
  public record Day(LocalDate day, double total, double covered, double apportioned) {
    public Day {
      Objects.requireNonNull(day, "day");
    }

    public boolean complete() {
      return covered >= 1.0;
    }
  }

  private DailyTotals() {}

  /** Every day of [{@code from}, {@code to}], in order, from intervals in any order. */
  public static List<Day> of(List<Interval> intervals, ZoneId zone, LocalDate from, LocalDate to) {
    TreeMap<LocalDate, double[]> acc = new TreeMap<>(); // total, covered seconds, apportioned
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      acc.put(d, new double[3]);
    }
    Instant lower = from.atStartOfDay(zone).toInstant();
    Instant upper = to.plusDays(1).atStartOfDay(zone).toInstant();
    for (Interval iv : intervals) {
      if (!iv.end().isAfter(lower) || !iv.start().isBefore(upper)) {
        continue;
      }
      long length = Duration.between(iv.start(), iv.end()).toMillis();
      if (length <= 0) {
        continue;
      }
      LocalDate day = iv.start().atZone(zone).toLocalDate();
      while (true) {
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant a = iv.start().isAfter(dayStart) ? iv.start() : dayStart;
        Instant b = iv.end().isBefore(dayEnd) ? iv.end() : dayEnd;
        if (b.isAfter(a)) {
          double[] slot = acc.get(day);
          if (slot != null) {
            long part = Duration.between(a, b).toMillis();
            boolean whole = part == length;
            double share = whole ? iv.energy() : iv.energy() * part / length;
            slot[0] += share;
            slot[1] += part;
            if (!whole) {
              slot[2] += share;
            }
          }
        }
        if (!iv.end().isAfter(dayEnd)) {
          break;
        }
        day = day.plusDays(1);
      }
    }
    List<Day> days = new ArrayList<>();
    acc.forEach(
        (d, v) -> {
          long dayMillis =
              Duration.between(d.atStartOfDay(zone), d.plusDays(1).atStartOfDay(zone)).toMillis();
          days.add(new Day(d, v[0], Math.min(1.0, v[1] / dayMillis), v[2]));
        });
    return days;
  }

  /** The complete days as daily values (the input of the analytics EnPI builder). */
  public static List<DailyValue> complete(List<Day> days) {
    return days.stream()
        .filter(Day::complete)
        .map(d -> new DailyValue(d.day(), d.total()))
        .toList();
  }
}
