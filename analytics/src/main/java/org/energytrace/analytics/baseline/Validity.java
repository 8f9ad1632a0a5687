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

  public Validity with(ValidityCheck check) {
    List<ValidityCheck> more = new ArrayList<>(checks);
    more.removeIf(c -> c.flag().equals(check.flag()));
    more.add(check);
    return new Validity(more);
  }
}
