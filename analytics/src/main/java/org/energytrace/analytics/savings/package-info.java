/**
 * Avoided energy (IPMVP), normalised savings, the Guideline 14 Annex B fractional savings
 * uncertainty with the Sun–Baltazar α, minimum detectable saving and progress against programme
 * targets.
 */
package org.energytrace.analytics.savings;
