/**
 * What the file uploads share (production counts, resource entries, the programme registry):
 * reading a CSV file or the first sheet of an XLSX workbook ({@link
 * org.energytrace.ingest.upload.XlsxSheet}, streamed, with archive limits) into a header and rows
 * of cells ({@link org.energytrace.ingest.upload.UploadTable}), the loop over the rows before a
 * feature's own checks of the cells ({@link org.energytrace.ingest.upload.RowChecks}), the outcome
 * ({@link org.energytrace.ingest.upload.Parsed}: rows, {@link org.energytrace.ingest.upload.Problem
 * problems} and the upload id over the rows) and the answers of a preview or a refused commit
 * ({@link org.energytrace.ingest.upload.UploadAnswers}). It imports nothing of ingest above the
 * ground (only {@code errors}).
 */
package org.energytrace.ingest.upload;
