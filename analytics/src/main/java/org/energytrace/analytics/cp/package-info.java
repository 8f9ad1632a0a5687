/**
 * Cleaner-production assessments (issue 18), the pure part: the method's six steps and eighteen
 * tasks, the eight option types and the screening figures of an option (simple payback). Records
 * in, records out, no I/O; the assessments themselves are stored by {@code ingest.cp}.
 */
package org.energytrace.analytics.cp;
