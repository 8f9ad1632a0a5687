package org.energytrace.analytics.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.energytrace.analytics.units.ConversionFactor;

/**
 * The conversion applied to one meter over a run of days: the table row ({@code factor}, with its
 * table, version, source and accounting) and the resulting multiplier into the EnPI's unit.
 */
public record MeterConversion(
    String meterId,
    String carrier,
    String unit,
    ConversionFactor factor,
    double toEnpiUnit,
    String enpiUnit,
    LocalDate firstDay,
    LocalDate lastDay) {

  public MeterConversion {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(lastDay, "lastDay");
  }
}
