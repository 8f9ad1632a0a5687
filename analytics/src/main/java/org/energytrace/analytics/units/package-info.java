/** Energy carriers, units and conversions (kWh, GJ, TOE, CO2), kept as versioned data. */
package org.energytrace.analytics.units;
