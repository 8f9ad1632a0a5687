/**
 * Tabular documents rendered as PDF (OpenPDF, DejaVu Sans so that Vietnamese prints) and XLSX
 * (POI): a title, a few lines under it, then titled tables whose cells are text or numbers shown as
 * text. In the workbook each table is a sheet and a number is a numeric cell, so a spreadsheet can
 * sum it. Used by the programme reports (issue 16). {@link Labels}: the words of the bilingual
 * reports (CP assessment, programme, dossier), read from {@code /labels/*.properties}.
 */
package org.energytrace.ingest.documents;
