package org.energytrace.ingest.counters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns the raw readings of a cumulative counter into interval energy. Pure: no I/O, no clock; the
 * result depends only on the set of readings and events, not on their arrival order.
 *
 * <p>Rules, applied in time order to the readings and recorded events of one channel:
 *
 * <ol>
 *   <li>A recorded event closes the running segment at its closing value and opens the next at its
 *       opening value with its multiplier: energy up to the event is {@code m_old * (closing -
 *       last)}, after it {@code m_new * (next - opening)}.
 *   <li>A reading not lower than the last accepted value gives {@code m * (value - last)}.
 *   <li>A lower reading followed, within {@code glitchWindow} readings of the same segment, by one
 *       at least as high as the last accepted value is a <em>glitch</em>: skipped, books nothing.
 *   <li>A lower reading whose look-ahead is not complete yet is <em>pending</em>: it books nothing
 *       until later readings decide (the storage recomputes on their arrival).
 *   <li>A lower reading that stays low but is not lower than the accepted value before the last one
 *       (or before the last {@code k <= glitchWindow} ones, all rises) undoes those rises: they
 *       were an upward <em>spike</em> (one wrong high reading, e.g. a late outlier), are skipped as
 *       glitches, and the reading continues from the value before them. Without this, the way back
 *       down would be booked as a reset of the whole register value.
 *   <li>Otherwise, with a known register range, a drop of more than half the range is a
 *       <em>wrap</em>: {@code m * (value + modulus - last)}.
 *   <li>Otherwise it is a <em>reset</em> to zero (power loss): {@code m * value}.
 * </ol>
 *
 * Invariant (tested with generated series): the sum of the intervals between two accepted readings
 * equals the counter difference between them, plus one range per wrap, plus {@code closing -
 * opening} per recorded replacement, each segment times its multiplier.
 */
public final class CounterDerivation {
  private CounterDerivation() {}

  /** What a derivation produced. */
  public record Result(
      List<Interval> intervals,
      List<CounterReading> accepted,
      List<CounterReading> glitches,
      List<CounterReading> pending) {
    public Result {
      intervals = List.copyOf(intervals);
      accepted = List.copyOf(accepted);
      glitches = List.copyOf(glitches);
      pending = List.copyOf(pending);
    }

    public double total() {
      return intervals.stream().mapToDouble(Interval::energy).sum();
    }

    /** Energy of the intervals lying within {@code [from, to]}. */
    public double between(Instant from, Instant to) {
      return intervals.stream()
          .filter(i -> !i.start().isBefore(from) && !i.end().isAfter(to))
          .mapToDouble(Interval::energy)
          .sum();
    }
  }

  public static Result derive(
      List<CounterReading> readings, List<CounterEvent> events, CounterSpec spec) {
    // one value per timestamp (the first seen wins, like the store's ON CONFLICT DO NOTHING)
    TreeMap<Instant, CounterReading> byTs = new TreeMap<>();
    readings.forEach(r -> byTs.putIfAbsent(r.ts(), r));
    List<CounterReading> sorted = new ArrayList<>(byTs.values());
    List<CounterEvent> ev = new ArrayList<>(events);
    ev.sort(Comparator.comparing(CounterEvent::ts));

    List<Interval> intervals = new ArrayList<>();
    List<CounterReading> accepted = new ArrayList<>();
    List<CounterReading> glitches = new ArrayList<>();
    List<CounterReading> pending = new ArrayList<>();
    double multiplier = spec.multiplier();
    Instant lastTs = null;
    Instant eventTs = null; // the newest recorded event's instant
    double last = 0;
    int e = 0;
    for (int i = 0; i < sorted.size(); i++) {
      CounterReading r = sorted.get(i);
      while (e < ev.size() && ev.get(e).ts().isBefore(r.ts())) {
        CounterEvent event = ev.get(e++);
        if (lastTs != null && event.ts().isAfter(lastTs)) {
          double d = event.closing() - last;
          if (d < 0 && spec.modulus() > 0) {
            d += spec.modulus();
          }
          intervals.add(
              new Interval(lastTs, event.ts(), multiplier * Math.max(0, d), Interval.How.EVENT));
        }
        lastTs = event.ts();
        eventTs = event.ts();
        last = event.opening();
        multiplier = event.multiplier();
      }
      if (lastTs == null) {
        lastTs = r.ts();
        last = r.value();
        accepted.add(r);
        continue;
      }
      double d = r.value() - last;
      // the interval that starts at an event is the event's; the ones after it are plain again
      Interval.How how = lastTs.equals(eventTs) ? Interval.How.EVENT : Interval.How.DIFFERENCE;
      if (d < 0) {
        Instant segmentEnd = e < ev.size() ? ev.get(e).ts() : null;
        Lookahead look = lookahead(sorted, i, last, spec.glitchWindow(), segmentEnd);
        if (look == Lookahead.RETURNS) {
          glitches.add(r);
          continue;
        }
        if (look == Lookahead.INCOMPLETE) {
          pending.add(r);
          continue;
        }
        int spike = spike(accepted, intervals, r.value(), spec.glitchWindow());
        if (spike > 0) {
          for (int k = 0; k < spike; k++) {
            intervals.remove(intervals.size() - 1);
            glitches.add(accepted.remove(accepted.size() - 1));
          }
          glitches.sort(Comparator.comparing(CounterReading::ts));
          CounterReading base = accepted.get(accepted.size() - 1);
          lastTs = base.ts();
          last = base.value();
          d = r.value() - last;
          how = Interval.How.DIFFERENCE;
        } else if (spec.modulus() > 0 && -d > spec.modulus() / 2) {
          d += spec.modulus();
          how = Interval.How.WRAP;
        } else {
          d = r.value();
          how = Interval.How.RESET;
        }
      }
      if (!pending.isEmpty()) {
        // a later reading decided: the earlier lower ones were not glitches but could not be
        // booked separately; the difference from the last accepted value covers them
        pending.clear();
      }
      intervals.add(new Interval(lastTs, r.ts(), multiplier * d, how));
      lastTs = r.ts();
      last = r.value();
      accepted.add(r);
    }
    return new Result(intervals, accepted, glitches, pending);
  }

  /**
   * How many of the last accepted readings (at most {@code window}) are a spike that {@code value}
   * comes back under: each was a plain rise from the one before ({@code DIFFERENCE}, no event
   * between), and {@code value} is not lower than the accepted value before them; 0 when none.
   */
  private static int spike(
      List<CounterReading> accepted, List<Interval> intervals, double value, int window) {
    for (int k = 1; k <= window && k < accepted.size() && k <= intervals.size(); k++) {
      Interval rise = intervals.get(intervals.size() - k);
      CounterReading top = accepted.get(accepted.size() - k);
      CounterReading before = accepted.get(accepted.size() - k - 1);
      if (rise.how() != Interval.How.DIFFERENCE
          || !rise.end().equals(top.ts())
          || !rise.start().equals(before.ts())) {
        return 0;
      }
      if (value >= before.value()) {
        return k;
      }
    }
    return 0;
  }

  private enum Lookahead {
    RETURNS,
    STAYS_LOW,
    INCOMPLETE
  }

  private static Lookahead lookahead(
      List<CounterReading> sorted, int i, double last, int window, Instant segmentEnd) {
    int seen = 0;
    for (int j = i + 1; j < sorted.size() && seen < window; j++) {
      CounterReading next = sorted.get(j);
      if (segmentEnd != null && next.ts().isAfter(segmentEnd)) {
        return Lookahead.STAYS_LOW; // the segment is closed: no later reading can come
      }
      if (next.value() >= last) {
        return Lookahead.RETURNS;
      }
      seen++;
    }
    return seen >= window || segmentEnd != null ? Lookahead.STAYS_LOW : Lookahead.INCOMPLETE;
  }
}
