package org.energytrace.analytics.domain;

import java.util.Objects;

/**
 * An energy meter: what it measures ({@code carrier}, as named in the conversion table, e.g. {@code
 * electricity}, {@code natural_gas}, {@code diesel}), the unit of its daily totals ({@code kWh},
 * {@code Nm3}, {@code t}, {@code 1000L}), main or sub-meter, and the measurement boundary it
 * belongs to (free text, e.g. {@code site}, {@code line:brewhouse}, {@code outside:canteen}).
 */
public record Meter(String id, String carrier, String unit, MeterRole role, String boundary) {

  public Meter {
    Names.require(id, "meter id");
    Names.require(carrier, "carrier of meter " + id);
    Names.require(unit, "unit of meter " + id);
    Objects.requireNonNull(role, "role");
    boundary = boundary == null ? "" : boundary;
  }
}
