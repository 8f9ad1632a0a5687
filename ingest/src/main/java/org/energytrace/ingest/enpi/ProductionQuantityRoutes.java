package org.energytrace.ingest.enpi;

import static org.energytrace.ingest.enpi.EnpiParams.arr;
import static org.energytrace.ingest.enpi.EnpiParams.enterprise;
import static org.energytrace.ingest.enpi.EnpiParams.reason;
import static org.energytrace.ingest.enpi.EnpiParams.revision;
import static org.energytrace.ingest.enpi.EnpiParams.str;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.production.ProductionFile;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.RequestRows;
import org.energytrace.ingest.upload.UploadAnswers;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;
import org.energytrace.ingest.web.UploadRequest;

/**
 * Production quantities of an enterprise (issue 5): written by the API ({@code postProduction}),
 * listed ({@code listProduction}) and uploaded as a file, previewed then committed ({@code
 * previewProductionUpload}, {@code commitProductionUpload}). Each handler runs on a worker thread
 * ({@link EnpiRoutes}).
 */
final class ProductionQuantityRoutes {
  private final PgProduction production;
  private final Clock clock;

  ProductionQuantityRoutes(PgProduction production, Clock clock) {
    this.production = production;
    this.clock = clock;
  }

  Object post(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    ProductionFile.Products products =
        production.products(Principal.scope(ctx), enterprise(ctx), clock.instant());
    JsonArray quantities = arr(b, "quantities");
    if (quantities.isEmpty()) {
      // as resource entries say it (it was "quantities[-2]: the file has no data rows")
      throw DomainException.invalid("quantities", "required: a non-empty list of quantities");
    }
    // the API takes the same rows as an upload and checks them the same way
    byte[] csv =
        RequestRows.csv(
            "line,product,day,quantity",
            quantities,
            "quantities",
            "quantity",
            false,
            q ->
                new Object[] {
                  q.getValue("line"),
                  q.getValue("product"),
                  q.getValue("day"),
                  q.getValue("quantity")
                });
    Parsed<ProductionFile.Row> parsed = ProductionFile.parseCsv("request", csv, products);
    if (!parsed.valid()) {
      return new Blocking.Answer(
          422,
          UploadAnswers.requestProblems(
              parsed,
              "quantities",
              // the field of the request, as resource entries name it (quantities[0].day)
              p -> p.column() == null ? "" : "." + p.column()));
    }
    PgProduction.Put n =
        production.put(
            Principal.scope(ctx),
            enterprise(ctx),
            parsed.rows(),
            revision(ctx, reason(str(b, "reason", null))),
            clock.instant());
    // an earlier figure of the same day replaced is said, with its value
    return Map.of("stored", n.stored(), "replaced", n.replaced());
  }

  /**
   * {@code deleteProductionQuantity}: a quantity entered by mistake deleted; the answer says the
   * counters' figure the day now uses (null: none).
   */
  Object delete(RoutingContext ctx) {
    PgProduction.Deleted d =
        production.delete(
            Principal.scope(ctx),
            enterprise(ctx),
            ctx.pathParam("product"),
            Params.day("day", ctx.pathParam("day")),
            revision(ctx, null),
            clock.instant());
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("deleted", d.quantity());
    out.put("counters", d.counters().isPresent() ? d.counters().getAsDouble() : null);
    return out;
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
    UploadRequest file =
        UploadRequest.read(
            ctx, type -> "send the file as text/csv or " + UploadRequest.XLSX + "; got " + type);
    ProductionFile.Products products =
        production.products(Principal.scope(ctx), enterprise(ctx), clock.instant());
    return file.parse(products, ProductionFile::parseCsv, ProductionFile::parseXlsx);
  }

  Object preview(RoutingContext ctx) {
    Parsed<ProductionFile.Row> parsed = parseUpload(ctx);
    Map<String, Object> out =
        new java.util.LinkedHashMap<>(
            UploadAnswers.preview(
                parsed,
                r ->
                    new JsonObject()
                        .put("row", r.row())
                        .put("product", r.product())
                        .put("day", r.day().toString())
                        .put("quantity", r.quantity())));
    // said before the commit refuses it: a figure an approved baseline or a verified period used
    out.put(
        "reason_needed",
        parsed.valid()
            ? production
                .reasonNeeded(Principal.scope(ctx), enterprise(ctx), parsed.rows())
                .orElse(null)
            : null);
    return out;
  }

  Object commit(RoutingContext ctx) {
    return UploadRequest.commit(
        ctx.queryParams().get("upload_id"),
        () -> parseUpload(ctx),
        parsed -> {
          PgProduction.Committed c =
              production.commit(
                  Principal.scope(ctx),
                  enterprise(ctx),
                  parsed,
                  revision(ctx, reason(ctx.queryParams().get("reason"))),
                  clock.instant());
          Map<String, Object> out =
              new java.util.LinkedHashMap<>(
                  UploadAnswers.committed(c.uploadId(), c.rows(), c.alreadyCommitted()));
          out.put("replaced", c.replaced());
          return out;
        });
  }
}
