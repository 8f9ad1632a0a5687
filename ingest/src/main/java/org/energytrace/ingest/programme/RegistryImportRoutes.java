package org.energytrace.ingest.programme;

import static org.energytrace.ingest.web.Params.query;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.UploadAnswers;
import org.energytrace.ingest.web.UploadRequest;

/**
 * The registry import: a CSV or XLSX file previewed ({@code previewRegistryImport}: its rows and
 * problems, and the upload_id naming its rows), then the same file committed with that upload_id
 * ({@code commitRegistryImport}).
 */
final class RegistryImportRoutes {
  static final String XLSX = UploadRequest.XLSX;

  private final PgProgramme store;
  private final Clock clock;

  RegistryImportRoutes(PgProgramme store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private static Parsed<RegistryFile.Row> parseUpload(RoutingContext ctx) {
    UploadRequest file =
        UploadRequest.read(
            ctx,
            type -> "send the registry as text/csv or " + XLSX + "; got " + type,
            () -> query(ctx, "file_name"),
            "registry");
    return file.xlsx()
        ? RegistryFile.parseXlsx(file.name(), file.bytes())
        : RegistryFile.parseCsv(file.name(), file.bytes());
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
    return UploadRequest.commit(
        query(ctx, "upload_id"), () -> parseUpload(ctx), parsed -> stored(ctx, parsed));
  }

  private Object stored(RoutingContext ctx, Parsed<RegistryFile.Row> parsed) {
    PgProgramme.Committed c = store.commitImport(Who.of(ctx), parsed, clock.instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("upload_id", c.uploadId());
    out.put("rows", c.rows());
    out.put("changed", c.changed());
    out.put("already_committed", c.alreadyCommitted());
    return out;
  }
}
