/**
 * The M&amp;V report (the documented output tree and a plain-text rendering) and the province's
 * programme: {@link org.energytrace.analytics.report.ProgrammeCalculator#indicators} computes the
 * CP indicators as of a date from {@link org.energytrace.analytics.report.ProgrammeInput} (the
 * record tree ingest exports; {@link org.energytrace.analytics.report.ProgrammeInputJson} reads and
 * writes its JSON) with numerator, denominator and facilities per figure; {@link
 * org.energytrace.analytics.report.ProgrammeCalculator#compute} keeps the per-enterprise period
 * report (saving bands at the stated confidence, energy and CO2 totals, sector and district
 * breakdowns, SEC against norms, key energy users).
 */
package org.energytrace.analytics.report;
