/**
 * The province's cleaner-production programme (issue 16, docs/programme-reporting.md): the registry
 * of facilities (an enterprise's profile, sector, district and park), their dated CP lifecycle with
 * evidence, CP officers and their training, declared energy and recorded savings; the area
 * officers' districts and parks; the export of all of it as the analytics' programme input, and the
 * indicators computed from that input by the same {@code ProgrammeCalculator} as {@code analytics
 * programme}; the province's, a district's and a park's report of a period (PDF, XLSX) from those
 * very indicators. Routes in {@link org.energytrace.ingest.programme.ProgrammeRoutes} and {@link
 * org.energytrace.ingest.programme.ProgrammeReportRoutes}, storage in {@link
 * org.energytrace.ingest.programme.PgProgramme}. The reporting periods, the enterprises' period
 * reports, the late list and the reminders: {@link
 * org.energytrace.ingest.programme.ReportingRoutes}, {@link
 * org.energytrace.ingest.programme.PeriodReports}, {@link
 * org.energytrace.ingest.programme.PgReporting}. The "savings verified" step and saving that follow
 * an auditor's period sign-off, in its transaction: {@link
 * org.energytrace.ingest.programme.SignoffSteps} (answering verification's {@code
 * SignoffFollowUp}). The programme's targets, stored from a date and carried in the programme
 * input: {@link org.energytrace.ingest.programme.ProgrammeTargetRoutes}, {@link
 * org.energytrace.ingest.programme.PgProgrammeTargets}.
 */
package org.energytrace.ingest.programme;
