package org.energytrace.analytics.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A day the EnPI cannot use, and why. Such days are left out, never filled (CalTRACK 2.0: "never
 * fill gaps silently").
 *
 * @param ids the meters or products concerned
 */
public record EnpiGap(LocalDate day, Reason reason, List<String> ids) {

  public enum Reason {
    /** At least one meter of the EnPI has no daily total. */
    ENERGY_MISSING,
    /** At least one product of the EnPI has no daily output. */
    PRODUCTION_MISSING,
    /** Main minus sub-meters is negative: the meters disagree; the day is not used. */
    NET_ENERGY_NEGATIVE
  }

  public EnpiGap {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(reason, "reason");
    ids = List.copyOf(ids);
  }
}
