package org.energytrace.analytics.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * An energy performance indicator (ISO 50006): the energy of the signed {@code meters} in {@code
 * basis} per unit of the summed output of {@code productIds} (which must share one unit).
 */
public record EnpiDefinition(
    String id,
    String name,
    EnpiScope scope,
    List<MeterTerm> meters,
    List<String> productIds,
    EnpiBasis basis) {

  public EnpiDefinition {
    Names.require(id, "EnPI id");
    name = name == null ? id : name;
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(basis, "basis");
    meters = List.copyOf(meters);
    productIds = List.copyOf(productIds);
    if (meters.stream().noneMatch(m -> m.sign() > 0)) {
      throw new AnalyticsException(Code.INVALID_INPUT, "EnPI " + id + " adds no meter");
    }
    if (productIds.isEmpty()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "EnPI " + id + " covers no product");
    }
    if (new HashSet<>(meters.stream().map(MeterTerm::meterId).toList()).size() != meters.size()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "EnPI " + id + " lists a meter twice");
    }
    if (new HashSet<>(productIds).size() != productIds.size()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "EnPI " + id + " lists a product twice");
    }
  }
}
