package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.who;
import static org.energytrace.ingest.web.Params.query;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.UploadAnswers;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Uploads;

/**
 * The registry import: a CSV or XLSX file previewed ({@code previewRegistryImport}: its rows and
 * problems, and the upload_id naming its rows), then the same file committed with that upload_id
 * ({@code commitRegistryImport}).
 */
final class RegistryImportRoutes {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final PgProgramme store;
  private final Clock clock;

  RegistryImportRoutes(PgProgramme store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private static Parsed<RegistryFile.Row> parseUpload(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    boolean xlsx = type != null && type.startsWith(XLSX);
    if (type != null && !xlsx && !type.startsWith("text/csv") && !type.startsWith("text/plain")) {
      throw DomainException.invalid(
          "Content-Type", "send the registry as text/csv or " + XLSX + "; got " + type);
    }
    String name =
        Optional.ofNullable(query(ctx, "file_name"))
            .orElse(xlsx ? "registry.xlsx" : "registry.csv");
    // spooled to a temporary file by the gate's RequestBodies (deleted when the request ends)
    byte[] bytes = Uploads.of(ctx).map(Uploads.Upload::bytes).orElse(new byte[0]);
    return xlsx ? RegistryFile.parseXlsx(name, bytes) : RegistryFile.parseCsv(name, bytes);
  }

  /** {@code previewRegistryImport}: the rows read and the problems found, nothing stored. */
  Object preview(RoutingContext ctx) {
    Parsed<RegistryFile.Row> parsed = parseUpload(ctx);
    Map<String, Object> m = UploadAnswers.problems(parsed);
    List<Object> rows = new ArrayList<>();
    for (RegistryFile.Row r : parsed.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("row", r.row());
      row.put("enterprise", r.enterprise());
      row.putAll(r.profile().json());
      rows.add(row);
    }
    m.put("rows", rows);
    return m;
  }

  /** {@code commitRegistryImport}: 422 with the problems of a file that is not valid. */
  Object commit(RoutingContext ctx) {
    String uploadId = query(ctx, "upload_id");
    if (uploadId == null) {
      throw DomainException.invalid("upload_id", "the upload_id of the preview is required");
    }
    Parsed<RegistryFile.Row> parsed = parseUpload(ctx);
    if (!parsed.valid()) {
      return new Blocking.Answer(422, UploadAnswers.problems(parsed));
    }
    parsed.requirePreviewed(uploadId);
    PgProgramme.Committed c = store.commitImport(who(ctx), parsed, clock.instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("upload_id", c.uploadId());
    out.put("rows", c.rows());
    out.put("changed", c.changed());
    out.put("already_committed", c.alreadyCommitted());
    return out;
  }
}
