package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * A set of programme targets the province stored (issue 16; docs/programme-reporting.md, "Targets
 * administration"): every indicator's target, in force from {@code effectiveFrom} until the next
 * set's date. The indicators on a date use the set in force on it; before the first stored set (or
 * with none) the bundled table applies ({@link IndicatorTarget#bundled()}).
 *
 * @param values one per {@link #KEYS}: shares as fractions 0..1; {@code saving_low} and {@code
 *     saving_high} the savings per unit of product (fractions above 0, the high one above the low)
 * @param setBy who stored it (may be null in a hand-written input)
 * @param setAt when, an ISO-8601 instant as text (may be null)
 * @param reason why (may be null in a hand-written input; ingest requires one)
 */
public record ProgrammeTargets(
    LocalDate effectiveFrom,
    Map<String, Double> values,
    String setBy,
    String setAt,
    String reason) {

  /** The indicators that have a target, in the order the reports list them. */
  public static final List<String> KEYS =
      List.of("aware", "applying", "saving_low", "saving_high", "officers_trained");

  public ProgrammeTargets {
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    for (String k : values.keySet()) {
      if (!KEYS.contains(k)) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, k + ": not a programme target; one of " + KEYS);
      }
    }
    Map<String, Double> copy = new LinkedHashMap<>();
    for (String k : KEYS) {
      Double v = values.get(k);
      if (v == null) {
        throw new AnalyticsException(Code.INVALID_INPUT, k + ": missing");
      }
      Optional<String> p = problem(k, v, values);
      if (p.isPresent()) {
        throw new AnalyticsException(Code.INVALID_INPUT, k + ": " + p.get());
      }
      copy.put(k, v);
    }
    values = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * What is wrong with {@code value} as the target {@code key} beside the others in {@code all}
   * (empty when nothing): shares lie in 0..1 (0 % to 100 %), saving thresholds above 0 and at most
   * 1, and the high saving threshold above the low one.
   */
  public static Optional<String> problem(String key, double value, Map<String, Double> all) {
    boolean saving = key.equals("saving_low") || key.equals("saving_high");
    if (!Double.isFinite(value) || value < 0 || value > 1 || (saving && value == 0)) {
      return Optional.of(
          (saving
                  ? "a saving per unit of product as a fraction above 0 and at most 1"
                  : "a share as a fraction between 0 and 1 (0 % to 100 %)")
              + ", got "
              + value);
    }
    Double low = all.get("saving_low");
    if (key.equals("saving_high") && low != null && !(value > low)) {
      return Optional.of(
          "must be above saving_low (" + low + "), got " + value + ": the higher saving level");
    }
    return Optional.empty();
  }

  public double get(String key) {
    return values.get(key);
  }

  /**
   * The set in force on {@code on}: the latest effective on or before it; of two with the same date
   * the one later in {@code sets} (recorded later: a correction). Empty when none is.
   */
  public static Optional<ProgrammeTargets> inForce(List<ProgrammeTargets> sets, LocalDate on) {
    ProgrammeTargets best = null;
    for (ProgrammeTargets s : sets) {
      if (!s.effectiveFrom().isAfter(on)
          && (best == null || !s.effectiveFrom().isBefore(best.effectiveFrom()))) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The last day {@code set} is in force: the day before the next later set's date, or null. */
  public static LocalDate validTo(List<ProgrammeTargets> sets, ProgrammeTargets set) {
    return sets.stream()
        .map(ProgrammeTargets::effectiveFrom)
        .filter(d -> d.isAfter(set.effectiveFrom()))
        .min(LocalDate::compareTo)
        .map(d -> d.minusDays(1))
        .orElse(null);
  }

  /** The source a report states for a target of this set. */
  public String source() {
    StringBuilder b = new StringBuilder("province's targets from " + effectiveFrom);
    if (setBy != null) {
      b.append(", set by ").append(setBy);
    }
    if (setAt != null) {
      b.append(" at ").append(setAt);
    }
    if (reason != null) {
      b.append(": ").append(reason);
    }
    return b.toString();
  }
}
