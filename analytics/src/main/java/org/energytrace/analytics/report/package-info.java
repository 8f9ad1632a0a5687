/**
 * The M&amp;V report (the documented output tree and a plain-text rendering) and the province's
 * programme report: CP indicators, saving bands at the stated confidence, energy and CO2 totals,
 * sector and district breakdowns, SEC against norms, key energy users.
 */
package org.energytrace.analytics.report;
