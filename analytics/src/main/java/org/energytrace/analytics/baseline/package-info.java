/**
 * Baseline models (ratio/SEC, OLS with one coefficient per product, change-point 3P/4P/5P with
 * physically signed slopes), their Guideline 14 fit statistics, DOE EnPI/SEP and CalTRACK validity
 * checks, the automatic model choice, and the CalTRACK daily rollup of interval data.
 */
package org.energytrace.analytics.baseline;
