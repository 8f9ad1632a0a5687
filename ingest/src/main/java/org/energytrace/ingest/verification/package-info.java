/**
 * Verification (issue 15, docs/verification.md): the baseline lifecycle with independent approval,
 * non-routine adjustments and period sign-off. A baseline goes draft → submitted (by the
 * enterprise) → approved or returned with comments (by an auditor assigned to the enterprise,
 * assignment not expired) → superseded when a newer version of the EnPI's baseline is approved; a
 * returned baseline can be submitted again. The enterprise proposes non-routine adjustments (IPMVP
 * static factors) an assigned auditor approves or rejects; an assigned auditor signs a reporting
 * period off against an approved baseline (opinion, comments, the dossier's SHA-256), a later
 * sign-off of the same period superseding the earlier. The rules ({@link
 * org.energytrace.ingest.verification.BaselineLifecycle}, {@link
 * org.energytrace.ingest.verification.PeriodSignoff}, {@link
 * org.energytrace.ingest.verification.Adjustment}), their application in one transaction with its
 * audit entries ({@link org.energytrace.ingest.verification.PgBaselineLifecycle}, {@link
 * org.energytrace.ingest.verification.PgSignoffs}, {@link
 * org.energytrace.ingest.verification.PgAdjustments}), what the savings read of them ({@link
 * org.energytrace.ingest.verification.PgPeriodRecords}) and the routes ({@link
 * org.energytrace.ingest.verification.VerificationRoutes}, {@link
 * org.energytrace.ingest.verification.PeriodRoutes}). What a sign-off records beyond itself (the
 * programme's "savings verified" step) is a {@link
 * org.energytrace.ingest.verification.SignoffFollowUp} the composition root wires in.
 *
 * <p>Still to come here: frozen EnPI versions and audited revisions of production
 * (docs/verification.md, "Not done yet"); seals and the dossier are built in their own packages.
 */
package org.energytrace.ingest.verification;
