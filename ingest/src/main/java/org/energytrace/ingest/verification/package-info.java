/**
 * Verification (issue 15, docs/verification.md): the baseline lifecycle with independent approval.
 * A baseline goes draft → submitted (by the enterprise) → approved or returned with comments (by an
 * auditor assigned to the enterprise, assignment not expired) → superseded when a newer version of
 * the EnPI's baseline is approved; a returned baseline can be submitted again. The rules ({@link
 * org.energytrace.ingest.verification.BaselineLifecycle}), their application in one transaction
 * with its audit entries ({@link org.energytrace.ingest.verification.PgBaselineLifecycle}) and the
 * routes ({@link org.energytrace.ingest.verification.VerificationRoutes}).
 *
 * <p>Still to come here: frozen EnPI versions, audited revisions of production, period sign-off,
 * seals in the database and the dossier endpoint (docs/verification.md, "Not done yet").
 */
package org.energytrace.ingest.verification;
