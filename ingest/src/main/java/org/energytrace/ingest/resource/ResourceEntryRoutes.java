package org.energytrace.ingest.resource;

import static org.energytrace.ingest.resource.ResourceParams.code;
import static org.energytrace.ingest.resource.ResourceParams.enterprise;
import static org.energytrace.ingest.resource.ResourceParams.kind;
import static org.energytrace.ingest.resource.ResourceParams.reason;
import static org.energytrace.ingest.resource.ResourceParams.span;
import static org.energytrace.ingest.resource.ResourceParams.str;
import static org.energytrace.ingest.resource.ResourceParams.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.resource.StockPeriod;
import org.energytrace.analytics.units.Figures;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.Problem;
import org.energytrace.ingest.upload.RequestRows;
import org.energytrace.ingest.upload.UploadAnswers;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;
import org.energytrace.ingest.web.UploadRequest;

/**
 * The resources an enterprise's sites track and their entries (issue 17, docs/resources.md):
 * declaring ({@code putResource}, {@code listResources}), entries of unmetered ones ({@code
 * postResourceEntries}, {@code listResourceEntries} with the stock ledger's periods) and uploads of
 * entries ({@code previewResourceUpload}, {@code commitResourceUpload}). Each handler runs on a
 * worker thread ({@link ResourceRoutes}).
 */
final class ResourceEntryRoutes {
  private final PgResources store;
  private final ResourceIndicators indicators;
  private final Clock clock;

  ResourceEntryRoutes(PgResources store, ResourceIndicators indicators, Clock clock) {
    this.store = store;
    this.indicators = indicators;
    this.clock = clock;
  }

  Object list(RoutingContext ctx) {
    return Map.of(
        "resources",
        store.list(Principal.scope(ctx), enterprise(ctx)).stream().map(Declared::json).toList());
  }

  Object put(RoutingContext ctx) {
    String code = code(ctx);
    JsonObject b = Params.body(ctx);
    ResourceKind kind = kind(str(b, "kind"));
    PgResources.Spec spec =
        new PgResources.Spec(
            str(b, "site"),
            text(b, "name"),
            kind,
            str(b, "unit"),
            str(b, "carrier"),
            str(b, "meter"),
            str(b, "channel"));
    if (spec.unit() == null) {
      throw DomainException.invalid("unit", "required (e.g. m3, t, kg, kWh, pcs)");
    }
    return store
        .put(Principal.scope(ctx), enterprise(ctx), code, spec, Who.of(ctx), clock.instant())
        .json();
  }

  Object postEntries(RoutingContext ctx) {
    String code = code(ctx);
    JsonObject b = Params.body(ctx);
    Object v = b.getValue("entries");
    if (!(v instanceof JsonArray entries) || entries.isEmpty()) {
      throw DomainException.invalid("entries", "required: a non-empty list of entries");
    }
    // the API takes the same rows as an upload and checks them the same way
    byte[] csv =
        RequestRows.csv(
            "resource,type,day,quantity,unit,ref,amount,currency",
            entries,
            "entries",
            "entry",
            true,
            e ->
                new Object[] {
                  code,
                  e.getValue("type"),
                  e.getValue("day"),
                  e.getValue("quantity"),
                  e.getValue("unit"),
                  e.getValue("ref"),
                  amountCell(e.getValue("amount")),
                  e.getValue("currency")
                });
    EntryFile.Declared known = store.known(Principal.scope(ctx), enterprise(ctx), clock.instant());
    if (!known.resources().containsKey(code)) {
      throw new NotFoundException("no resource " + code);
    }
    Parsed<EntryFile.Row> parsed = EntryFile.parseCsv("request", csv, known);
    if (!parsed.valid()) {
      return new Blocking.Answer(
          422,
          UploadAnswers.requestProblems(
              parsed, "entries", p -> p.column() == null ? "" : "." + p.column()));
    }
    PgResourceEntries.Stored n =
        store.putEntries(
            Principal.scope(ctx),
            enterprise(ctx),
            parsed.rows(),
            Who.of(ctx),
            reason(b.getValue("reason")),
            clock.instant());
    // an earlier figure of the same entry replaced is said, with its value; and what the stock
    // ledger around the entries' days now says is wrong (a period used below zero), at once rather
    // than only on the pages that compute with it
    return Map.of(
        "stored",
        n.stored(),
        "replaced",
        n.replaced(),
        "ledger_problems",
        ledgerProblems(ctx, parsed.rows()));
  }

  /**
   * {@code deleteResourceEntry}: an entry entered by mistake deleted, with what the stock ledger
   * around its day now holds wrong (a delivery deleted may leave a period used below zero).
   */
  Object deleteEntry(RoutingContext ctx) {
    String code = code(ctx);
    String type = ctx.pathParam("type");
    if (!EntryFile.TYPES.contains(type)) {
      throw DomainException.invalid(
          "type", "one of " + String.join(", ", EntryFile.TYPES) + ", got '" + type + "'");
    }
    LocalDate day = Params.day("day", ctx.pathParam("day"));
    String ref = ctx.queryParams().get("ref");
    JsonObject deleted =
        store.deleteEntry(
            Principal.scope(ctx),
            enterprise(ctx),
            code,
            type,
            day,
            ref == null ? "" : ref.strip(),
            Who.of(ctx),
            clock.instant());
    return Map.of("deleted", deleted, "ledger_problems", ledgerProblems(ctx, code, day, day));
  }

  /**
   * The stock ledger's problems over the stored entries' days and two months either side (entries
   * are accepted in any order, so a count may stand alone until its deliveries are entered); none
   * for a resource without stock counts.
   */
  private List<String> ledgerProblems(RoutingContext ctx, List<EntryFile.Row> rows) {
    return ledgerProblems(ctx, rows, false);
  }

  /**
   * {@link #ledgerProblems(RoutingContext, List)}; with {@code pending}, as the ledger would be
   * once the rows are stored (an upload's preview): the preview said nothing of a count that made a
   * period used below zero, only its commit did.
   */
  private List<String> ledgerProblems(
      RoutingContext ctx, List<EntryFile.Row> rows, boolean pending) {
    Map<String, List<EntryFile.Row>> byResource = new LinkedHashMap<>();
    rows.forEach(r -> byResource.computeIfAbsent(r.resource(), k -> new ArrayList<>()).add(r));
    List<String> problems = new ArrayList<>();
    byResource.forEach(
        (code, its) -> {
          LocalDate first =
              its.stream().map(EntryFile.Row::day).min(LocalDate::compareTo).orElseThrow();
          LocalDate last =
              its.stream().map(EntryFile.Row::day).max(LocalDate::compareTo).orElseThrow();
          List<PgResources.Entry> stored =
              pending
                  ? its.stream()
                      .map(
                          r ->
                              new PgResources.Entry(
                                  r.type(),
                                  r.day(),
                                  r.ref(),
                                  r.quantity(),
                                  r.unit(),
                                  "upload",
                                  0,
                                  r.amount(),
                                  r.currency()))
                      .toList()
                  : List.of();
          problems.addAll(ledgerProblems(ctx, code, first, last, stored));
        });
    return problems;
  }

  /**
   * The stock ledger's problems of resource {@code code} over [first, last] and two months either
   * side, each as "code: problem"; none for a resource without stock counts there.
   */
  private List<String> ledgerProblems(
      RoutingContext ctx, String code, LocalDate first, LocalDate last) {
    return ledgerProblems(ctx, code, first, last, List.of());
  }

  private List<String> ledgerProblems(
      RoutingContext ctx,
      String code,
      LocalDate first,
      LocalDate last,
      List<PgResources.Entry> pending) {
    Declared d = store.get(Principal.scope(ctx), enterprise(ctx), code);
    List<String> found = new ArrayList<>();
    try {
      indicators.ledger(
          d, first.minusMonths(2), last.plusMonths(2), new ArrayList<>(), found, pending);
    } catch (AnalyticsException e) {
      found.add(e.getMessage());
    }
    return found.stream().map(f -> code + ": " + f).toList();
  }

  Object listEntries(RoutingContext ctx) {
    String code = code(ctx);
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    span("from", from, "to", to);
    Declared d = store.get(Principal.scope(ctx), enterprise(ctx), code);
    Map<String, Object> m = new LinkedHashMap<>(d.json().getMap());
    m.put(
        "entries",
        store.entries(d, from, to).stream()
            .map(
                e ->
                    new JsonObject()
                        .put("type", e.type())
                        .put("day", e.day().toString())
                        .put("ref", e.ref())
                        .put("quantity", e.quantity())
                        .put("unit", e.unit())
                        .put("source", e.source())
                        .put("revision", e.revision())
                        .put("amount", e.amount() == null ? null : e.amount().doubleValue())
                        .put("currency", e.currency()))
            .toList());
    if (!d.metered()) {
      List<String> notes = new ArrayList<>();
      List<Object> periods = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      try {
        // one wrong count no longer empties the list: every period, the wrong one named
        ResourceIndicators.Ledger ledger = indicators.ledger(d, from, to, notes, problems);
        if (ledger != null) {
          for (StockPeriod p : ledger.periods()) {
            periods.add(
                new JsonObject()
                    .put("from", p.from().toString())
                    .put("to", p.to().toString())
                    .put("opening", Figures.rounded(p.opening()))
                    .put("deliveries", Figures.rounded(p.deliveries()))
                    .put("closing", Figures.rounded(p.closing()))
                    .put("used", Figures.rounded(p.used()))
                    .put("unit", d.resource().unit()));
          }
        }
      } catch (AnalyticsException e) {
        problems.add(e.getMessage());
      }
      m.put("stock_periods", periods);
      m.put("notes", notes);
      m.put("problems", problems);
    }
    return m;
  }

  private Parsed<EntryFile.Row> parseUpload(RoutingContext ctx) {
    UploadRequest file =
        UploadRequest.read(ctx, type -> "send the file as text/csv or " + UploadRequest.XLSX);
    EntryFile.Declared known = store.known(Principal.scope(ctx), enterprise(ctx), clock.instant());
    return file.parse(known, EntryFile::parseCsv, EntryFile::parseXlsx);
  }

  Object preview(RoutingContext ctx) {
    Parsed<EntryFile.Row> parsed = parseUpload(ctx);
    if (parsed.valid()) {
      // what the commit would refuse against the stored entries, named by row
      List<Problem> clashes =
          store.countClashes(Principal.scope(ctx), enterprise(ctx), parsed.rows());
      if (!clashes.isEmpty()) {
        parsed = new Parsed<>(parsed.fileName(), parsed.rows(), clashes, parsed.uploadId());
      }
    }
    Map<String, Object> out =
        UploadAnswers.preview(
            parsed,
            r ->
                new JsonObject()
                    .put("row", r.row())
                    .put("resource", r.resource())
                    .put("type", r.type())
                    .put("day", r.day().toString())
                    .put("quantity", r.quantity())
                    .put("unit", r.unit())
                    .put("ref", r.ref())
                    .put("amount", r.amount() == null ? null : r.amount().doubleValue())
                    .put("currency", r.currency()));
    // what the stock ledger would hold wrong once the file is committed (none while it has errors)
    out.put(
        "ledger_problems", parsed.valid() ? ledgerProblems(ctx, parsed.rows(), true) : List.of());
    return out;
  }

  Object commit(RoutingContext ctx) {
    String uploadId = ctx.queryParams().get("upload_id");
    return UploadRequest.commit(
        uploadId == null || uploadId.isBlank() ? null : uploadId,
        () -> {
          reason(ctx.queryParams().get("reason"));
          return parseUpload(ctx);
        },
        parsed -> {
          PgResources.Committed c =
              store.commit(
                  Principal.scope(ctx),
                  enterprise(ctx),
                  parsed,
                  Who.of(ctx),
                  reason(ctx.queryParams().get("reason")),
                  clock.instant());
          Map<String, Object> out = new LinkedHashMap<>();
          out.putAll(UploadAnswers.committed(c.uploadId(), c.rows(), c.alreadyCommitted()));
          out.put("replaced", c.replaced());
          out.put("ledger_problems", ledgerProblems(ctx, parsed.rows()));
          return out;
        });
  }

  private static Object amountCell(Object v) {
    if (v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))) {
      try {
        return RequestRows.number(n.toString());
      } catch (NumberFormatException e) {
        return n;
      }
    }
    return v;
  }
}
