/**
 * Avoided energy (IPMVP), normalised savings, the Guideline 14 Annex B fractional savings
 * uncertainty with the Sun–Baltazar α, minimum detectable saving and progress against programme
 * targets; the one verifiability rule ({@link org.energytrace.analytics.savings.Verifiability}: a
 * saving from a baseline that fails the validity rules is "indicative, not verifiable" and its
 * {@link org.energytrace.analytics.savings.TargetProgress} is INDICATIVE, never MET); non-routine
 * adjustments (IPMVP static factors) applied when approved and reported apart ({@link
 * org.energytrace.analytics.savings.SavingsCalculator#withAdjustments}, {@link
 * org.energytrace.analytics.savings.AdjustmentsJson} for {@code adjustments.json}).
 */
package org.energytrace.analytics.savings;
