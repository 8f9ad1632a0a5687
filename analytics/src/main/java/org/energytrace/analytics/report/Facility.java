package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * A facility of the provincial registry as the programme sees it (issue 16): identity and location,
 * its dated CP steps, its CP officers, its savings per resource and its yearly energy per carrier.
 * {@code registeredOn} null means in the registry since before any date asked about; {@code leftOn}
 * the day it left the programme (null: it has not), from which it counts nowhere.
 */
public record Facility(
    String id,
    String name,
    String vsic,
    String district,
    String commune,
    String industrialPark,
    LocalDate registeredOn,
    LocalDate leftOn,
    boolean keyEnergyUserListed,
    List<CpStep> cpSteps,
    List<CpOfficer> officers,
    List<ResourceSaving> savings,
    List<EnergyUse> energy) {

  public Facility {
    if (id == null || id.isBlank()) {
      throw new AnalyticsException(Code.INVALID_INPUT, "facility id must not be blank");
    }
    name = name == null ? id : name;
    if (vsic == null || !vsic.matches("[0-9]{1,5}")) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "facility " + id + ": VSIC code must be digits, got " + vsic);
    }
    district = district == null ? "" : district;
    commune = commune == null ? "" : commune;
    industrialPark = industrialPark == null ? "" : industrialPark;
    cpSteps = cpSteps.stream().sorted(Comparator.comparing(CpStep::date)).toList();
    officers = List.copyOf(officers);
    savings = List.copyOf(savings);
    energy = List.copyOf(energy);
    if (leftOn != null && registeredOn != null && !leftOn.isAfter(registeredOn)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "facility " + id + ": left_on " + leftOn + " is not after registered_on " + registeredOn);
    }
  }

  /** The same facility with {@code energy} as its energy use. */
  public Facility withEnergy(List<EnergyUse> energy) {
    return new Facility(
        id,
        name,
        vsic,
        district,
        commune,
        industrialPark,
        registeredOn,
        leftOn,
        keyEnergyUserListed,
        cpSteps,
        officers,
        savings,
        energy);
  }

  /** In the programme on {@code asOf}: registered by then and not left yet. */
  public boolean registered(LocalDate asOf) {
    return (registeredOn == null || !registeredOn.isAfter(asOf))
        && (leftOn == null || asOf.isBefore(leftOn));
  }

  /** The furthest stage reached on {@code asOf} (empty: not yet reached). */
  public Optional<CpStage> stage(LocalDate asOf) {
    return cpSteps.stream()
        .filter(s -> !s.date().isAfter(asOf))
        .map(CpStep::stage)
        .max(Comparator.naturalOrder());
  }

  /** The latest potential assessment on or before {@code asOf}, if any. */
  public Optional<CpStep> potentialAssessment(LocalDate asOf) {
    return cpSteps.stream()
        .filter(s -> s.stage() == CpStage.POTENTIAL_ASSESSED && !s.date().isAfter(asOf))
        .reduce((a, b) -> b);
  }

  public boolean reached(CpStage stage, LocalDate asOf) {
    return stage(asOf).map(s -> s.compareTo(stage) >= 0).orElse(false);
  }

  /**
   * Whether the facility has CP potential on {@code asOf}: its latest assessment says yes; or it
   * has none but has reached a later step (an assessment done or CP applied imply potential).
   */
  public boolean hasPotential(LocalDate asOf) {
    Optional<CpStep> assessed = potentialAssessment(asOf);
    if (reached(CpStage.APPLYING, asOf)) {
      return true;
    }
    return assessed.map(s -> s.potential()).orElse(reached(CpStage.ASSESSMENT_DONE, asOf));
  }

  /** Whether a declared "no potential" is contradicted by a later step (reported as a note). */
  public boolean potentialContradicted(LocalDate asOf) {
    return potentialAssessment(asOf).map(s -> !s.potential()).orElse(false)
        && reached(CpStage.APPLYING, asOf);
  }
}
