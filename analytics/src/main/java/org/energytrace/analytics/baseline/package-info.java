/**
 * Baseline models (ratio/SEC, OLS with one coefficient per product, change-point 3P/4P/5P), their
 * Guideline 14 fit statistics, DOE EnPI/SEP validity checks and the automatic model choice.
 */
package org.energytrace.analytics.baseline;
