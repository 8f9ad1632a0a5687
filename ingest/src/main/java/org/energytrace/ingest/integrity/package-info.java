/**
 * Tamper evidence in the database (issue 15, docs/verification.md §3–§4): day seals per channel and
 * production series made by a job after a grace period ({@link
 * org.energytrace.ingest.integrity.PgSeals}), revision links for late data stored through the
 * application, the integrity check that recomputes the digests from the stored rows and walks the
 * seal and audit chains ({@code GET …/integrity}), and the nightly check whose result goes to
 * metrics and readiness ({@link org.energytrace.ingest.integrity.IntegrityJob}). The algorithms are
 * the analytics module's ({@code analytics.integrity}); this package stores and schedules.
 */
package org.energytrace.ingest.integrity;
