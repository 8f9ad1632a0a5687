package org.energytrace.analytics.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.units.Figures;

/**
 * The quantity of an unmetered resource (coal, biomass, diesel in tanks, malt) used per period from
 * stock counts and deliveries (issue 17): for consecutive counts c₀ &lt; c₁ the period is the days
 * (c₀, c₁] and
 *
 * <pre>
 * used = opening stock (count at c₀) + deliveries dated in (c₀, c₁] − closing stock (count at c₁)
 * </pre>
 *
 * A count is the stock at the end of its day, so a delivery on a count's day belongs to the period
 * that count closes. Pure: records in, periods out; every problem is collected and reported at once
 * naming its row and period ({@link #problems}), nothing is guessed or filled.
 */
public final class StockLedger {

  /** How counts must be spaced. */
  public enum Cadence {
    /** Any spacing: each pair of consecutive counts makes one period. */
    ANY,
    /**
     * Counts on the last day of each month, none skipped: each period is one calendar month (a
     * skipped count would merge two months into one baseline point).
     */
    MONTHLY
  }

  private StockLedger() {}

  /**
   * The periods between consecutive counts.
   *
   * @throws AnalyticsException INVALID_INPUT listing every problem ({@link #problems})
   */
  public static List<StockPeriod> usage(
      Resource resource, List<StockCount> counts, List<Delivery> deliveries, Cadence cadence) {
    List<String> problems = new ArrayList<>();
    List<StockPeriod> periods = compute(resource, counts, deliveries, cadence, problems);
    if (!problems.isEmpty()) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "stock of " + resource.id() + ": " + String.join("; ", problems));
    }
    return periods;
  }

  /** The periods as the entries give them, and every problem of the entries. */
  public record Checked(List<StockPeriod> periods, List<String> problems) {}

  /**
   * The periods between consecutive counts as the entries give them, even a period whose use is
   * below zero, with every problem named ({@link #usage} refuses the whole ledger): what a person
   * correcting one wrong count needs to see, the other periods included.
   */
  public static Checked checked(
      Resource resource, List<StockCount> counts, List<Delivery> deliveries, Cadence cadence) {
    List<String> problems = new ArrayList<>();
    List<StockPeriod> periods = compute(resource, counts, deliveries, cadence, problems);
    return new Checked(List.copyOf(periods), List.copyOf(problems));
  }

  /** Every problem of the entries, each naming its row or period; empty when they are usable. */
  public static List<String> problems(
      Resource resource, List<StockCount> counts, List<Delivery> deliveries, Cadence cadence) {
    List<String> problems = new ArrayList<>();
    compute(resource, counts, deliveries, cadence, problems);
    return problems;
  }

  private static List<StockPeriod> compute(
      Resource resource,
      List<StockCount> counts,
      List<Delivery> deliveries,
      Cadence cadence,
      List<String> problems) {
    List<StockCount> sorted = new ArrayList<>(counts);
    sorted.sort(Comparator.comparing(StockCount::day));
    Map<LocalDate, String> seen = new HashMap<>();
    List<double[]> countValues = new ArrayList<>();
    for (StockCount c : sorted) {
      String first = seen.putIfAbsent(c.day(), c.row());
      if (first != null) {
        problems.add(
            "row " + c.row() + ": a second count for " + c.day() + " (first at row " + first + ")");
      }
      countValues.add(new double[] {quantity(resource, c.row(), c.quantity(), c.unit(), problems)});
      if (cadence == Cadence.MONTHLY && c.day().getDayOfMonth() != c.day().lengthOfMonth()) {
        problems.add(
            "row "
                + c.row()
                + ": a monthly count is taken at the end of a month, "
                + c.day()
                + " is not the last day of "
                + c.day().getMonth().toString().toLowerCase(Locale.ROOT));
      }
    }
    if (sorted.size() < 2) {
      problems.add(
          "an opening and a closing stock count are needed, "
              + (sorted.isEmpty()
                  ? "there is none"
                  : "there is only the count of " + sorted.get(0).day()));
    }
    double[] delivered = new double[deliveries.size()];
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      delivered[i] = quantity(resource, d.row(), d.quantity(), d.unit(), problems);
      if (!sorted.isEmpty() && !d.day().isAfter(sorted.get(0).day())) {
        problems.add(
            "row "
                + d.row()
                + ": delivery on "
                + d.day()
                + " is not after the first count ("
                + sorted.get(0).day()
                + "): the count before it is missing");
      } else if (!sorted.isEmpty() && d.day().isAfter(sorted.get(sorted.size() - 1).day())) {
        problems.add(
            "row "
                + d.row()
                + ": delivery on "
                + d.day()
                + " is after the last count ("
                + sorted.get(sorted.size() - 1).day()
                + "): the count that closes its period is missing");
      }
    }
    List<StockPeriod> periods = new ArrayList<>();
    for (int k = 1; k < sorted.size(); k++) {
      StockCount open = sorted.get(k - 1);
      StockCount close = sorted.get(k);
      if (open.day().equals(close.day())) {
        continue; // reported as a duplicate
      }
      LocalDate from = open.day().plusDays(1);
      LocalDate to = close.day();
      if (cadence == Cadence.MONTHLY
          && !from.plusMonths(1).minusDays(1).equals(to)
          && open.day().getDayOfMonth() == open.day().lengthOfMonth()) {
        problems.add(
            "period "
                + from
                + ".."
                + to
                + " (rows "
                + open.row()
                + " and "
                + close.row()
                + "): the month-end count of "
                + from.withDayOfMonth(from.lengthOfMonth())
                + " is missing");
      }
      double in = 0;
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < deliveries.size(); i++) {
        Delivery d = deliveries.get(i);
        if (!d.day().isBefore(from) && !d.day().isAfter(to)) {
          in += delivered[i];
          rows.add(d.row());
        }
      }
      double opening = countValues.get(k - 1)[0];
      double closing = countValues.get(k)[0];
      double used = opening + in - closing;
      if (used < 0) {
        problems.add(
            String.format(
                Locale.ROOT,
                "period %s..%s: used = opening %s + deliveries %s - closing %s = %s %s, below zero:"
                    + " %s",
                from,
                to,
                num(opening),
                num(in),
                num(closing),
                num(used),
                resource.unit(),
                rows.isEmpty()
                    ? "a count (rows "
                        + open.row()
                        + ", "
                        + close.row()
                        + ") is wrong, or a"
                        + " delivery in the period was not entered"
                    : "a count (rows "
                        + open.row()
                        + ", "
                        + close.row()
                        + ") or a delivery (rows "
                        + String.join(", ", rows)
                        + ") is wrong"));
      }
      periods.add(
          new StockPeriod(from, to, opening, in, closing, used, open.row(), close.row(), rows));
    }
    return periods;
  }

  private static double quantity(
      Resource resource, String row, double amount, String unit, List<String> problems) {
    if (!Double.isFinite(amount) || amount < 0) {
      problems.add("row " + row + ": quantity must be a finite number >= 0, got " + num(amount));
      return 0;
    }
    try {
      return resource.inOwnUnit(amount, unit);
    } catch (AnalyticsException e) {
      problems.add("row " + row + ": " + e.getMessage());
      return 0;
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : Figures.significant(v);
  }
}
