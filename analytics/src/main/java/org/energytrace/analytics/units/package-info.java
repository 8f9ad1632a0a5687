/**
 * Energy carriers, units and conversions (kWh, MJ, TOE, CO2) and sector SEC norms, kept as
 * versioned data tables with source and validity dates.
 */
package org.energytrace.analytics.units;
