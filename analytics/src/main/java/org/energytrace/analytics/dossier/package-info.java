/**
 * The verification dossier (issue 15; docs/verification.md): {@link
 * org.energytrace.analytics.dossier.DossierWriter#write} turns {@link
 * org.energytrace.analytics.dossier.DossierContents} and the server's Ed25519 key pair into the ZIP
 * (manifest with every file's SHA-256, detached signature, the {@code analytics mv} CSVs, readings
 * and seals, adjustments, audit entries, {@code figures.json}); {@link
 * org.energytrace.analytics.dossier.DossierFigures#compute} gives the report's key figures (ingest
 * renders report.pdf/xlsx from them); {@link
 * org.energytrace.analytics.dossier.DossierChecker#check} is the auditor's offline check behind
 * {@code analytics verify}. Pure: bytes in, bytes or a result out.
 */
package org.energytrace.analytics.dossier;
