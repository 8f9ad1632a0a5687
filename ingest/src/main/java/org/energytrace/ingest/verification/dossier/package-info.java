/**
 * The verification dossier (issue 15, docs/verification.md §5): {@code GET …/enpis/{enpi}/dossier}
 * gathers the baseline and reporting CSVs, the EnPI's stored rows with their day seals and audit
 * entries, renders report.pdf and report.xlsx from the figures the offline verifier recomputes, and
 * signs the manifest with the server's Ed25519 key ({@link
 * org.energytrace.ingest.verification.dossier.ServerKey}, public key at {@code
 * /.well-known/energytrace/dossier-key.pem}). The ZIP format and the check are the analytics
 * module's ({@code analytics.dossier}).
 */
package org.energytrace.ingest.verification.dossier;
