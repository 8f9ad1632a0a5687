package org.energytrace.analytics.resource;

import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** A quantity of a resource in the resource's own unit. */
public record ResourceAmount(Resource resource, double amount) {

  public ResourceAmount {
    Objects.requireNonNull(resource, "resource");
    if (!Double.isFinite(amount)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "amount of " + resource.id() + " must be finite");
    }
  }
}
