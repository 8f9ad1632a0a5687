/**
 * Tamper evidence, the pure part (issue 15; docs/verification.md gives the exact bytes): the
 * canonical day digest of a channel's readings ({@link
 * org.energytrace.analytics.integrity.DayDigest}) or of a production series' quantities, the
 * per-series chain of day seals with revisions for late data ({@link
 * org.energytrace.analytics.integrity.SealChain}), its check against recomputed digests ({@link
 * org.energytrace.analytics.integrity.SealCheck}) and the append-only audit-log hash chain over RFC
 * 8785 canonical JSON ({@link org.energytrace.analytics.integrity.AuditChain}). Ingest calls these
 * when it seals a day, when it writes an audit entry, and when {@code /integrity} or the nightly
 * job recomputes; the offline verifier calls the same code on a dossier.
 */
package org.energytrace.analytics.integrity;
