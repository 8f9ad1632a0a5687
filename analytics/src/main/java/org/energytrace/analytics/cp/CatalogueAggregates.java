package org.energytrace.analytics.cp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The measures catalogue's aggregates (issue 18): per sector and option type, the number of
 * verified entries, the median verified savings fraction and the median simple payback (entries
 * that never pay back left out of the payback median). A median of an even count is the mean of the
 * two middle values.
 */
public final class CatalogueAggregates {
  private CatalogueAggregates() {}

  /** One catalogue entry as the aggregates see it. */
  public record Entry(String sector, OptionType type, double savingsFraction, Double paybackYears) {
    public Entry {
      Objects.requireNonNull(type, "type");
      if (!Double.isFinite(savingsFraction)) {
        throw new IllegalArgumentException("savings fraction must be a number");
      }
      sector = sector == null ? "" : sector;
    }
  }

  /** One group. {@code medianPaybackYears} is null when no entry of the group pays back. */
  public record Group(
      String sector,
      OptionType type,
      int entries,
      double medianSavingsFraction,
      Double medianPaybackYears) {}

  /** Groups ordered by sector, then option type. */
  public static List<Group> of(List<Entry> entries) {
    Map<String, Map<OptionType, List<Entry>>> by = new TreeMap<>();
    for (Entry e : entries) {
      by.computeIfAbsent(e.sector(), k -> new TreeMap<>())
          .computeIfAbsent(e.type(), k -> new ArrayList<>())
          .add(e);
    }
    List<Group> out = new ArrayList<>();
    by.forEach(
        (sector, types) ->
            types.forEach(
                (type, list) -> {
                  List<Double> fractions = list.stream().map(Entry::savingsFraction).toList();
                  List<Double> paybacks =
                      list.stream().map(Entry::paybackYears).filter(Objects::nonNull).toList();
                  out.add(
                      new Group(
                          sector,
                          type,
                          list.size(),
                          median(fractions),
                          paybacks.isEmpty() ? null : median(paybacks)));
                }));
    return out;
  }

  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the median of nothing");
    }
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
