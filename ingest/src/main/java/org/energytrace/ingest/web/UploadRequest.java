package org.energytrace.ingest.web;

import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.function.Supplier;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.UploadAnswers;

/**
 * The file of an upload operation as its handler reads it (production quantities, resource entries,
 * the programme's registry): CSV, or the XLSX type, named by the query's {@code file_name} or after
 * its format; and the commit every upload makes of a previewed file.
 *
 * @param name the file name the answers give
 * @param xlsx whether the file is an XLSX workbook (else CSV)
 * @param bytes the file's bytes (none when no file was sent)
 */
public record UploadRequest(String name, boolean xlsx, byte[] bytes) {
  /** The Content-Type of an XLSX workbook. */
  public static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /**
   * Blocking: reads the request's file, named by the query's {@code file_name} (else {@code
   * upload.csv} or {@code upload.xlsx}), as {@link #read(RoutingContext, Function, Supplier,
   * String)} does.
   */
  public static UploadRequest read(RoutingContext ctx, Function<String, String> refusal) {
    return read(ctx, refusal, () -> ctx.queryParams().get("file_name"), "upload");
  }

  /**
   * Blocking: reads the request's file, after its Content-Type (CSV, plain text or XLSX; another is
   * refused as {@code refusal} words it for the type).
   *
   * @param name the name the request gives the file, or null (asked after the Content-Type)
   * @param base the name of a file the request does not name, without its extension
   */
  public static UploadRequest read(
      RoutingContext ctx, Function<String, String> refusal, Supplier<String> name, String base) {
    String type = ctx.request().getHeader("Content-Type");
    boolean xlsx = type != null && type.startsWith(XLSX);
    if (type != null && !xlsx && !type.startsWith("text/csv") && !type.startsWith("text/plain")) {
      throw DomainException.invalid("Content-Type", refusal.apply(type));
    }
    String given = name.get();
    // spooled to a temporary file by the gate's RequestBodies (deleted when the request ends)
    byte[] bytes = Uploads.of(ctx).map(Uploads.Upload::bytes).orElse(new byte[0]);
    return new UploadRequest(given != null ? given : base + (xlsx ? ".xlsx" : ".csv"), xlsx, bytes);
  }

  /** How a feature reads a file of one format, given what it knows of the enterprise. */
  @FunctionalInterface
  public interface Reader<K, R> {
    Parsed<R> read(String name, byte[] bytes, K known);
  }

  /** The file read as CSV by {@code csv}, or as XLSX by {@code workbook}. */
  public <K, R> Parsed<R> parse(K known, Reader<K, R> csv, Reader<K, R> workbook) {
    return xlsx ? workbook.read(name, bytes, known) : csv.read(name, bytes, known);
  }

  /**
   * The commit of a previewed file: the upload id is required; a file with problems is answered 422
   * with them, one whose rows are not those previewed 409; else {@code store} stores the rows.
   *
   * @param uploadId the upload id of the preview, null when the request has none
   * @param parse reads and checks the file (called once the upload id is there)
   */
  public static <R> Object commit(
      String uploadId, Supplier<Parsed<R>> parse, Function<Parsed<R>, Object> store) {
    if (uploadId == null) {
      throw DomainException.invalid("upload_id", "the upload_id of the preview is required");
    }
    Parsed<R> parsed = parse.get();
    if (!parsed.valid()) {
      return new Blocking.Answer(422, UploadAnswers.problems(parsed));
    }
    parsed.requirePreviewed(uploadId);
    return store.apply(parsed);
  }
}
