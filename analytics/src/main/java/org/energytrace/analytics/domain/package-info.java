/**
 * The plant model the EnPIs are defined on (ISO 50006): enterprise → site → meters and production
 * lines → products, EnPI definitions (which meters with which sign, which products, which energy
 * accounting) and the pure function that turns daily meter and production totals into an EnPI's
 * daily energy and production series, stating every conversion and every gap.
 */
package org.energytrace.analytics.domain;
