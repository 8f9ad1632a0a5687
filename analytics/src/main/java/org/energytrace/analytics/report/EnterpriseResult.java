package org.energytrace.analytics.report;

import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.domain.Enterprise;

/**
 * What the province knows about one enterprise for a programme report: its metadata (sites may be
 * empty), CP status, its verified saving (null when it has none), its yearly energy use per carrier
 * (for the key-energy-user list; empty when unknown) and the id of its sector norm (null when none
 * applies).
 */
public record EnterpriseResult(
    Enterprise enterprise,
    CpStatus cp,
    VerifiedSaving saving,
    List<CarrierAmount> annualConsumption,
    String normId) {

  public EnterpriseResult {
    Objects.requireNonNull(enterprise, "enterprise");
    Objects.requireNonNull(cp, "cp");
    annualConsumption = List.copyOf(annualConsumption);
  }
}
