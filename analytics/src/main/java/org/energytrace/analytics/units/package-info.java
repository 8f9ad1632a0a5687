/**
 * Energy carriers, units and conversions (kWh, MJ, TOE, CO2) and sector SEC norms, kept as
 * versioned data tables with source and validity dates; {@link
 * org.energytrace.analytics.units.Units} converts between compatible units of measure (t ↔ kg, hl ↔
 * m³, kWh ↔ MJ) and refuses across dimensions; a factor a table lacks for a year is a {@link
 * org.energytrace.analytics.units.MissingFactor} naming carrier and year ({@code
 * ConversionTable.missing}, {@code EmissionFactors.missing}), never a guess.
 */
package org.energytrace.analytics.units;
