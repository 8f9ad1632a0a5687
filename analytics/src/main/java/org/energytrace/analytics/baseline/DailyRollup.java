package org.energytrace.analytics.baseline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * Interval data (hourly, 30- or 15-minute rows) summed to calendar days by CalTRACK 2.0 §2.2.2.1
 * and §2.2.2.3: a day with more than half of its intervals missing is missing (dropped and listed);
 * a day with at least half present is kept, its energy and every other summed variable filled with
 * the mean of the present intervals (sum × expected / present, listed as filled), and {@code
 * temperature} the mean of the present intervals. Period starts are local clock time: a day has
 * 1440 / interval-minutes intervals (daylight-saving days are not treated apart).
 *
 * @param days the daily data set (period = the day at 00:00)
 * @param intervalsPerDay intervals a complete day has
 * @param filled days kept with some intervals missing, with their count present
 * @param dropped days with more than half of their intervals missing (none present is dropped too)
 */
public record DailyRollup(
    DataSet days, int intervalsPerDay, Map<LocalDate, Integer> filled, List<LocalDate> dropped) {

  public DailyRollup {
    Objects.requireNonNull(days, "days");
    filled = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filled));
    dropped = List.copyOf(dropped);
  }

  /** Sums interval rows to days; the input must be sub-daily with a regular interval. */
  public static DailyRollup of(DataSet intervals) {
    List<LocalDateTime> starts = intervals.periods();
    if (starts.size() < 2) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA, "a daily rollup needs at least two interval rows");
    }
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < starts.size(); i++) {
      gaps.add(Duration.between(starts.get(i - 1), starts.get(i)).toMinutes());
    }
    java.util.Collections.sort(gaps);
    long minutes = gaps.get(gaps.size() / 2);
    if (minutes <= 0 || minutes >= 1440 || 1440 % minutes != 0) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "a daily rollup needs hourly or shorter intervals that divide a day, the median gap is "
              + minutes
              + " minutes");
    }
    int perDay = (int) (1440 / minutes);
    int temperature = intervals.variables().indexOf(ModelSelector.TEMPERATURE);
    Map<LocalDate, List<Observation>> byDay = new LinkedHashMap<>();
    for (Observation o : intervals.rows()) {
      if (o.period().getMinute() % minutes != 0 || o.period().getSecond() != 0) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "interval start " + o.period() + " is off the " + minutes + "-minute grid");
      }
      byDay.computeIfAbsent(o.period().toLocalDate(), d -> new ArrayList<>()).add(o);
    }
    List<Observation> days = new ArrayList<>();
    Map<LocalDate, Integer> filled = new LinkedHashMap<>();
    List<LocalDate> dropped = new ArrayList<>();
    LocalDate first = starts.get(0).toLocalDate();
    LocalDate last = starts.get(starts.size() - 1).toLocalDate();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      List<Observation> rows = byDay.getOrDefault(day, List.of());
      int present = rows.size();
      // CalTRACK 2.0 §2.2.2.1: no more than 50 % of the intervals may be missing
      if (2 * present < perDay) {
        dropped.add(day);
        continue;
      }
      double scale = (double) perDay / present;
      double energy = rows.stream().mapToDouble(Observation::energy).sum() * scale;
      List<Double> values = new ArrayList<>();
      for (int v = 0; v < intervals.variables().size(); v++) {
        int index = v;
        double sum = rows.stream().mapToDouble(o -> o.value(index)).sum();
        values.add(v == temperature ? sum / present : sum * scale);
      }
      if (present < perDay) {
        filled.put(day, present);
      }
      days.add(new Observation(day.atStartOfDay(), energy, values));
    }
    return new DailyRollup(new DataSet(intervals.variables(), days), perDay, filled, dropped);
  }

  /** {days, intervals_per_day, filled[{day, present}], dropped[]} for the JSON output. */
  public Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("days", days.size());
    m.put("intervals_per_day", intervalsPerDay);
    List<Object> f = new ArrayList<>();
    filled.forEach(
        (day, present) -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("day", day.toString());
          e.put("present", present);
          f.add(e);
        });
    m.put("filled", f);
    m.put("dropped", new ArrayList<>(dropped.stream().map(LocalDate::toString).toList()));
    return m;
  }

  /** One line for the text report. */
  public String summary(String name) {
    return String.format(
        Locale.ROOT,
        "Daily rollup %s: %d days from %d-interval days; %d filled (at least half present), %d"
            + " dropped (more than half missing)%s",
        name,
        days.size(),
        intervalsPerDay,
        filled.size(),
        dropped.size(),
        dropped.isEmpty() ? "" : ": " + dropped);
  }
}
