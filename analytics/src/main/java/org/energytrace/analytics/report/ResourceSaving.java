package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.resource.ResourceKind;

/**
 * A facility's saving of one resource per unit of product over [{@code from}, {@code to}]: the
 * fraction with its band at {@code confidence}, the amount saved in {@code unit} with its
 * half-width, the money it is worth, and whether an auditor verified it (on {@code verifiedOn}) or
 * it is indicative only.
 *
 * @param carrier ENERGY only: the carrier as named in the conversion table
 * @param money null when not valued
 * @param reference the baseline version and dossier SHA-256 it rests on (free text; may be empty)
 */
public record ResourceSaving(
    String resource,
    ResourceKind kind,
    String carrier,
    String unit,
    Status status,
    LocalDate verifiedOn,
    LocalDate from,
    LocalDate to,
    double fraction,
    double fractionLow,
    double fractionHigh,
    double confidence,
    double amount,
    double halfWidth,
    Double money,
    String currency,
    String reference) {

  /** Verified by an auditor, or indicative (computed, not verified). */
  public enum Status {
    VERIFIED,
    INDICATIVE
  }

  public ResourceSaving {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    currency = currency == null ? "VND" : currency;
    reference = reference == null ? "" : reference;
    if (to.isBefore(from)) {
      throw bad(resource, "the saving period ends before it starts");
    }
    if (kind == ResourceKind.ENERGY && (carrier == null || carrier.isBlank())) {
      throw bad(resource, "an energy saving names its carrier");
    }
    if (kind != ResourceKind.ENERGY && carrier != null) {
      throw bad(resource, "water and materials have no carrier (never converted to energy)");
    }
    if ((status == Status.VERIFIED) != (verifiedOn != null)) {
      throw bad(resource, "a verified saving has verified_on, an indicative one has not");
    }
    if (!(fractionLow <= fraction && fraction <= fractionHigh)
        || !Double.isFinite(fractionLow)
        || !Double.isFinite(fractionHigh)) {
      throw bad(resource, "the fraction must lie in its finite band [low, high]");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw bad(resource, "confidence must be in (0, 1)");
    }
    if (!Double.isFinite(amount) || !(halfWidth >= 0) || !Double.isFinite(halfWidth)) {
      throw bad(resource, "amount must be finite and half_width finite and >= 0");
    }
    if (money != null && !Double.isFinite(money)) {
      throw bad(resource, "money must be finite");
    }
  }

  public boolean verified() {
    return status == Status.VERIFIED;
  }

  private static AnalyticsException bad(String resource, String problem) {
    return new AnalyticsException(Code.INVALID_INPUT, "saving of " + resource + ": " + problem);
  }
}
