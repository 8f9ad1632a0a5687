package org.energytrace.ingest.enpi;

import static org.energytrace.ingest.enpi.EnpiParams.arr;
import static org.energytrace.ingest.enpi.EnpiParams.enterprise;
import static org.energytrace.ingest.enpi.EnpiParams.param;
import static org.energytrace.ingest.enpi.EnpiParams.reason;
import static org.energytrace.ingest.enpi.EnpiParams.revision;
import static org.energytrace.ingest.enpi.EnpiParams.str;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.production.ProductionFile;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.UploadAnswers;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;
import org.energytrace.ingest.web.Uploads;

/**
 * Production quantities of an enterprise (issue 5): written by the API ({@code postProduction}),
 * listed ({@code listProduction}) and uploaded as a file, previewed then committed ({@code
 * previewProductionUpload}, {@code commitProductionUpload}). Each handler runs on a worker thread
 * ({@link EnpiRoutes}).
 */
final class ProductionQuantityRoutes {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final PgProduction production;
  private final Clock clock;

  ProductionQuantityRoutes(PgProduction production, Clock clock) {
    this.production = production;
    this.clock = clock;
  }

  Object post(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    Map<String, String> products = production.productLines(Principal.scope(ctx), enterprise(ctx));
    // the API takes the same rows as an upload and checks them the same way
    StringBuilder csv = new StringBuilder("line,product,day,quantity\n");
    JsonArray quantities = arr(b, "quantities");
    for (int i = 0; i < quantities.size(); i++) {
      if (!(quantities.getValue(i) instanceof JsonObject q)) {
        throw DomainException.invalid("quantities[" + i + "]", "each quantity is an object");
      }
      csv.append(cell(q.getValue("line")))
          .append(',')
          .append(cell(q.getValue("product")))
          .append(',')
          .append(cell(q.getValue("day")))
          .append(',')
          .append(cell(q.getValue("quantity")))
          .append('\n');
    }
    Parsed<ProductionFile.Row> parsed =
        ProductionFile.parseCsv(
            "request", csv.toString().getBytes(StandardCharsets.UTF_8), products);
    if (!parsed.valid()) {
      return new Blocking.Answer(
          422,
          UploadAnswers.problems(
              parsed,
              p ->
                  "quantities["
                      + (p.row() - 2)
                      + "]"
                      + (p.columnLabel() == null ? "" : ", column " + p.columnLabel())
                      + ": "
                      + p.message()));
    }
    int n =
        production.put(
            Principal.scope(ctx),
            enterprise(ctx),
            parsed.rows(),
            revision(ctx, reason(str(b, "reason", null))),
            clock.instant());
    return Map.of("stored", n);
  }

  Object list(RoutingContext ctx) {
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    EnpiAnalytics.checkSpan(from, to);
    return Map.of(
        "quantities",
        production
            .list(Principal.scope(ctx), enterprise(ctx), ctx.queryParams().get("product"), from, to)
            .stream()
            .map(
                s ->
                    new JsonObject()
                        .put("product", s.product())
                        .put("line", s.line())
                        .put("day", s.day().toString())
                        .put("quantity", s.quantity())
                        .put("unit", s.unit())
                        .put("source", s.source()))
            .toList());
  }

  private Parsed<ProductionFile.Row> parseUpload(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    boolean xlsx = type != null && type.startsWith(XLSX);
    String name = param(ctx, "file_name", xlsx ? "upload.xlsx" : "upload.csv");
    if (type != null && !xlsx && !type.startsWith("text/csv") && !type.startsWith("text/plain")) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          "Content-Type",
          "send the file as text/csv or " + XLSX + "; got " + type);
    }
    // spooled to a temporary file by the gate's RequestBodies (deleted when the request ends)
    byte[] bytes = Uploads.of(ctx).map(Uploads.Upload::bytes).orElse(new byte[0]);
    Map<String, String> products = production.productLines(Principal.scope(ctx), enterprise(ctx));
    return xlsx
        ? ProductionFile.parseXlsx(name, bytes, products)
        : ProductionFile.parseCsv(name, bytes, products);
  }

  Object preview(RoutingContext ctx) {
    return UploadAnswers.preview(
        parseUpload(ctx),
        r ->
            new JsonObject()
                .put("row", r.row())
                .put("product", r.product())
                .put("day", r.day().toString())
                .put("quantity", r.quantity()));
  }

  Object commit(RoutingContext ctx) {
    String uploadId = ctx.queryParams().get("upload_id");
    if (uploadId == null) {
      throw DomainException.invalid("upload_id", "the upload_id of the preview is required");
    }
    Parsed<ProductionFile.Row> parsed = parseUpload(ctx);
    if (!parsed.valid()) {
      return new Blocking.Answer(422, UploadAnswers.problems(parsed));
    }
    parsed.requirePreviewed(uploadId);
    PgProduction.Committed c =
        production.commit(
            Principal.scope(ctx),
            enterprise(ctx),
            parsed,
            revision(ctx, reason(ctx.queryParams().get("reason"))),
            clock.instant());
    return Map.of(
        "upload_id", c.uploadId(), "stored", c.rows(), "already_committed", c.alreadyCommitted());
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
