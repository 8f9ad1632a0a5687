package org.energytrace.analytics.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** Validation shared by the domain records. */
final class Names {

  private Names() {}

  static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new AnalyticsException(Code.INVALID_INPUT, what + " must not be blank");
    }
  }

  static <T> void unique(Collection<T> items, Function<T, String> id, String what) {
    Set<String> seen = new HashSet<>();
    for (T item : items) {
      if (!seen.add(id.apply(item))) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, "duplicate " + what + " id '" + id.apply(item) + "'");
      }
    }
  }
}
