/** The M&amp;V report: the documented output tree (JSON) and a plain-text rendering. */
package org.energytrace.analytics.report;
