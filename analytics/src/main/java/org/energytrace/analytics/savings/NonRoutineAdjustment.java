package org.energytrace.analytics.savings;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * A non-routine adjustment (IPMVP "static factors"): a change of a condition the baseline model
 * does not carry — a new line, a changed product mix, capacity, operating hours — added to the
 * adjusted baseline over the days [{@code from}, {@code to}]. Positive adds energy to the baseline
 * (a new load the baseline never had), negative removes it. Only {@link Status#APPROVED}
 * adjustments are applied; the others are listed as not applied.
 *
 * @param value FIXED_PER_DAY: energy per day; FIXED_PER_PERIOD: energy over the whole [from, to];
 *     PERCENTAGE: percent of the routine adjusted baseline (5 = +5 %); MODEL_TERM with a FIXED
 *     coefficient: energy per unit of {@code variable}; NaN for a REFITTED coefficient
 * @param variable MODEL_TERM only: the reporting-data column the term reads (e.g. {@code
 *     new_line_t})
 * @param coefficient MODEL_TERM only: FIXED (given) or REFITTED (estimated from the reporting
 *     residuals; docs/mv-method.md)
 * @param stdError the stated standard uncertainty (1σ) of {@code value}, in its unit; 0 when none
 *     is stated — a fixed adjustment then adds no uncertainty (docs/mv-method.md, "FSU")
 */
public record NonRoutineAdjustment(
    String id,
    LocalDate from,
    LocalDate to,
    Kind kind,
    double value,
    String variable,
    CoefficientSource coefficient,
    double stdError,
    String justification,
    String attachment,
    Status status,
    String decidedBy) {

  /** How the adjustment's energy is stated. */
  public enum Kind {
    FIXED_PER_DAY,
    FIXED_PER_PERIOD,
    PERCENTAGE,
    MODEL_TERM
  }

  /** Where a MODEL_TERM coefficient comes from. */
  public enum CoefficientSource {
    FIXED,
    REFITTED
  }

  /** The auditor's decision (issue 15: an assigned auditor approves or rejects). */
  public enum Status {
    PROPOSED,
    APPROVED,
    REJECTED
  }

  public NonRoutineAdjustment {
    if (id == null || id.isBlank()) {
      throw bad("?", "id must not be blank");
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    justification = justification == null ? "" : justification;
    attachment = attachment == null ? "" : attachment;
    decidedBy = decidedBy == null ? "" : decidedBy;
    if (to.isBefore(from)) {
      throw bad(id, "ends (" + to + ") before it starts (" + from + ")");
    }
    if (justification.isBlank()) {
      throw bad(id, "needs a justification (IPMVP: every non-routine adjustment is documented)");
    }
    if (!(stdError >= 0) || !Double.isFinite(stdError)) {
      throw bad(id, "std_error must be finite and >= 0");
    }
    if (kind == Kind.MODEL_TERM) {
      if (variable == null || variable.isBlank()) {
        throw bad(id, "a model term names its variable (a column of the reporting data)");
      }
      Objects.requireNonNull(coefficient, "coefficient source of " + id);
      if (coefficient == CoefficientSource.FIXED && !Double.isFinite(value)) {
        throw bad(id, "a fixed coefficient must be a finite number");
      }
      if (coefficient == CoefficientSource.REFITTED) {
        value = Double.NaN;
        if (stdError != 0) {
          throw bad(id, "a refitted coefficient has its own standard error; do not state one");
        }
      }
    } else {
      if (variable != null || coefficient != null) {
        throw bad(id, "only a model term has a variable and a coefficient source");
      }
      if (!Double.isFinite(value)) {
        throw bad(id, "value must be a finite number");
      }
      if (kind == Kind.PERCENTAGE && !(value > -100)) {
        throw bad(id, "a percentage must be above -100");
      }
    }
  }

  /** Days the adjustment covers (inclusive). */
  public long days() {
    return to.toEpochDay() - from.toEpochDay() + 1;
  }

  public boolean approved() {
    return status == Status.APPROVED;
  }

  /** The snake_case name used in JSON ({@code fixed_per_day}, ...). */
  public static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static AnalyticsException bad(String id, String problem) {
    return new AnalyticsException(Code.INVALID_INPUT, "adjustment " + id + ": " + problem);
  }
}
