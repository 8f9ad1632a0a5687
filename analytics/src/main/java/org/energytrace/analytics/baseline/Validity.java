package org.energytrace.analytics.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validity checks of a model and its use, in a fixed order. */
public record Validity(List<ValidityCheck> checks) {

  public Validity {
    checks = List.copyOf(checks);
  }

  /** True when every check passed. */
  public boolean valid() {
    return checks.stream().allMatch(ValidityCheck::passed);
  }

  public boolean passed(String flag) {
    return checks.stream()
        .filter(c -> c.flag().equals(flag))
        .findFirst()
        .map(ValidityCheck::passed)
        .orElseThrow(() -> new IllegalArgumentException("no check " + flag));
  }

  public Map<String, Boolean> flags() {
    Map<String, Boolean> flags = new LinkedHashMap<>();
    checks.forEach(c -> flags.put(c.flag(), c.passed()));
    return flags;
  }

  /** The messages of the checks that failed, in check order. */
  public List<String> failures() {
    return checks.stream().filter(c -> !c.passed()).map(ValidityCheck::message).toList();
  }

  /** With {@code check} in place of the check of its flag, or added last when there is none. */
  public Validity with(ValidityCheck check) {
    List<ValidityCheck> more = new ArrayList<>(checks);
    int at = more.stream().map(ValidityCheck::flag).toList().indexOf(check.flag());
    if (at < 0) {
      more.add(check);
    } else {
      more.set(at, check);
    }
    return new Validity(more);
  }
}
