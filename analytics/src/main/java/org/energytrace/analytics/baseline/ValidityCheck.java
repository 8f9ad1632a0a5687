package org.energytrace.analytics.baseline;

import java.util.Objects;

/**
 * One named validity rule and its outcome, with a sentence a reviewer can read.
 *
 * @param flag stable snake_case key (appears in JSON)
 * @param passed whether the rule holds
 * @param message what was measured and what the rule requires
 */
public record ValidityCheck(String flag, boolean passed, String message) {

  public ValidityCheck {
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(message, "message");
    if (!flag.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("flag must be snake_case: " + flag);
    }
  }
}
