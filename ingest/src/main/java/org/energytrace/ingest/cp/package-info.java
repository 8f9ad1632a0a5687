/**
 * Cleaner-production assessments (issue 18, docs/cleaner-production.md): a site's assessment by the
 * six-step method (team, process steps with their inputs and outputs, the status of the 18 tasks,
 * the focus step's material and energy balance pre-filled from stored meter data and production,
 * waste causes), its options with their screening figures, the assessment report (PDF, XLSX; vi,
 * en) and the officers' search over the assessments of their area. Routes in {@link
 * org.energytrace.ingest.cp.CpRoutes}, storage in {@link
 * org.energytrace.ingest.cp.PgCpAssessments}, the report in {@link
 * org.energytrace.ingest.cp.CpReport}; the method and payback rules in {@code analytics.cp}.
 */
package org.energytrace.ingest.cp;
