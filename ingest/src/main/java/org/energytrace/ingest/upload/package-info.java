/**
 * What the file uploads share (production counts, resource entries, the programme registry):
 * reading a CSV file or the first sheet of an XLSX workbook ({@link
 * org.energytrace.ingest.upload.XlsxSheet}, streamed, with archive limits) into a header and rows
 * of cells ({@link org.energytrace.ingest.upload.UploadTable}), and the upload id over the rows. It
 * imports nothing of ingest.
 */
package org.energytrace.ingest.upload;
