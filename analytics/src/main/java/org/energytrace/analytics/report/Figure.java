package org.energytrace.analytics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One programme figure: numerator over denominator (share null when the denominator is 0), its
 * target (NaN when none), the ids behind the numerator ({@code facilities}) and the denominator
 * ({@code of}), sorted.
 */
public record Figure(
    int numerator, int denominator, double target, List<String> facilities, List<String> of) {

  public Figure {
    facilities = facilities.stream().sorted().toList();
    of = of.stream().sorted().toList();
    if (numerator != facilities.size() || denominator != of.size()) {
      throw new IllegalArgumentException("counts and lists disagree");
    }
  }

  public static Figure of(List<String> numerator, List<String> denominator, double target) {
    return new Figure(numerator.size(), denominator.size(), target, numerator, denominator);
  }

  /** numerator / denominator; NaN when the denominator is 0. */
  public double share() {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  /** Whether the share reaches the target (null when either is undefined). */
  public Boolean targetReached() {
    return denominator == 0 || Double.isNaN(target) ? null : share() >= target;
  }

  public Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("numerator", numerator);
    m.put("denominator", denominator);
    m.put("share", Double.isNaN(share()) ? null : share());
    m.put("target", Double.isNaN(target) ? null : target);
    m.put("target_reached", targetReached());
    m.put("facilities", new ArrayList<Object>(facilities));
    m.put("of", new ArrayList<Object>(of));
    return m;
  }
}
