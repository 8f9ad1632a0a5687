package org.energytrace.ingest.resource;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.resource.StockPeriod;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.resource.PgResources.Who;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.verification.BaselineLifecycle;
import org.energytrace.ingest.verification.TransitionRefused;
import org.energytrace.ingest.verification.VerificationRoutes;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Uploads;

/**
 * The resource API (issue 17, docs/resources.md) under {@code /api/v1/enterprises/{enterprise}}:
 * declaring the resources a site tracks ({@code putResource}, {@code listResources}), entries of
 * unmetered ones ({@code postResourceEntries}, {@code listResourceEntries} with the stock ledger's
 * periods), uploads of entries ({@code previewResourceUpload}, {@code commitResourceUpload}), the
 * indicator of a resource per unit of product ({@code getResourceIndicator}) and the facility's TOE
 * ({@code getResourceToe}). Access is decided by the gate ({@code auth.AccessPolicy}); every query
 * takes the caller's scope. Work runs on worker threads.
 */
public final class ResourceRoutes {
  private static final String BASE = "/api/v1/enterprises/:enterprise";
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** The longest span a query reads (days). */
  static final long MAX_SPAN_DAYS = 3 * 366;

  private final Vertx vertx;
  private final PgResources store;
  private final ResourceIndicators indicators;
  private final PgResourceBaselines baselines;
  private final Clock clock;

  public ResourceRoutes(
      Vertx vertx,
      PgResources store,
      ResourceIndicators indicators,
      PgResourceBaselines baselines,
      Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.indicators = indicators;
    this.baselines = baselines;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get(BASE + "/resources").handler(ctx -> run(ctx, () -> list(ctx)));
    router.put(BASE + "/resources/:resource").handler(ctx -> run(ctx, () -> put(ctx)));
    router
        .post(BASE + "/resources/:resource/entries")
        .handler(ctx -> run(ctx, () -> postEntries(ctx)));
    router
        .get(BASE + "/resources/:resource/entries")
        .handler(ctx -> run(ctx, () -> listEntries(ctx)));
    router
        .get(BASE + "/resources/:resource/indicator")
        .handler(ctx -> run(ctx, () -> indicator(ctx)));
    router.post(BASE + "/resource-uploads/preview").handler(ctx -> run(ctx, () -> preview(ctx)));
    router.post(BASE + "/resource-uploads/commit").handler(ctx -> run(ctx, () -> commit(ctx)));
    router.get(BASE + "/resource-toe").handler(ctx -> run(ctx, () -> toe(ctx)));
    String stored = BASE + "/resources/:resource/baselines";
    router.get(stored).handler(ctx -> run(ctx, () -> listBaselines(ctx)));
    router.post(stored).handler(ctx -> run(ctx, () -> createBaseline(ctx)));
    router
        .post(stored + "/:version/submit")
        .handler(ctx -> run(ctx, () -> step(ctx, BaselineLifecycle.Step.SUBMIT, "comment")));
    router
        .post(stored + "/:version/approve")
        .handler(ctx -> run(ctx, () -> step(ctx, BaselineLifecycle.Step.APPROVE, "opinion")));
    router
        .post(stored + "/:version/return")
        .handler(ctx -> run(ctx, () -> step(ctx, BaselineLifecycle.Step.RETURN, "comments")));
  }

  // ---- stored baselines (their lifecycle as EnPI baselines', docs/verification.md §1) ----

  private Object listBaselines(RoutingContext ctx) {
    String code = code(ctx);
    return Map.of(
        "resource",
        code,
        "baselines",
        baselines.list(scope(ctx), enterprise(ctx), code).stream()
            .map(PgResourceBaselines.Stored::json)
            .toList());
  }

  private Object createBaseline(RoutingContext ctx) {
    String code = code(ctx);
    JsonObject b = body(ctx);
    String product = str(b, "product");
    if (product == null) {
      throw DomainException.invalid("product", "required: the product the SEC is per unit of");
    }
    LocalDate from = day(b, "from");
    LocalDate to = day(b, "to");
    span(from, to, "to");
    ModelSelector.Request model = model(str(b, "model"));
    PgResourceBaselines.NewVersion v =
        indicators.baselineFit(scope(ctx), enterprise(ctx), code, product, from, to, model);
    return new Status(
        201,
        baselines
            .create(scope(ctx), enterprise(ctx), code, v, who(ctx), clock.instant())
            .json()
            .getMap());
  }

  private Object step(RoutingContext ctx, BaselineLifecycle.Step step, String field) {
    String code = code(ctx);
    int version = version(ctx.pathParam("version"));
    String text = VerificationRoutes.text(ctx, field, step != BaselineLifecycle.Step.SUBMIT);
    Principal p = Principal.of(ctx);
    return baselines
        .take(
            Actor.of(p, SecurityHandler.clientIp(ctx)),
            p.scope(),
            enterprise(ctx),
            code,
            version,
            step,
            text,
            clock.instant())
        .json();
  }

  private static int version(String v) {
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw DomainException.invalid("version", "must be a version number from 1, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw DomainException.invalid("version", "must be an integer, got '" + v + "'");
    }
  }

  private static ModelSelector.Request model(String mv) {
    try {
      return ModelSelector.Request.valueOf(
          (mv == null ? "auto" : mv).toUpperCase(Locale.ROOT).replace("-", ""));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("model", "must be auto, ratio, ols or changepoint");
    }
  }

  private static LocalDate day(JsonObject b, String field) {
    String value = str(b, field);
    if (value == null) {
      throw DomainException.invalid(field, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(value)
        .orElseThrow(
            () -> DomainException.invalid(field, Instants.EXPECTED_DAY + ", got '" + value + "'"));
  }

  // ---- handlers (on worker threads) ----

  private Object list(RoutingContext ctx) {
    return Map.of(
        "resources", store.list(scope(ctx), enterprise(ctx)).stream().map(Declared::json).toList());
  }

  private Object put(RoutingContext ctx) {
    String code = code(ctx);
    JsonObject b = body(ctx);
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
    return store.put(scope(ctx), enterprise(ctx), code, spec, who(ctx), clock.instant()).json();
  }

  private Object postEntries(RoutingContext ctx) {
    String code = code(ctx);
    JsonObject b = body(ctx);
    Object v = b.getValue("entries");
    if (!(v instanceof JsonArray entries) || entries.isEmpty()) {
      throw DomainException.invalid("entries", "required: a non-empty list of entries");
    }
    // the API takes the same rows as an upload and checks them the same way
    StringBuilder csv = new StringBuilder("resource,type,day,quantity,unit,ref,amount,currency\n");
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.getValue(i) instanceof JsonObject e)) {
        throw DomainException.invalid("entries[" + i + "]", "each entry is an object");
      }
      csv.append(cell(code))
          .append(',')
          .append(cell(e.getValue("type")))
          .append(',')
          .append(cell(e.getValue("day")))
          .append(',')
          .append(cell(e.getValue("quantity")))
          .append(',')
          .append(cell(e.getValue("unit")))
          .append(',')
          .append(cell(e.getValue("ref")))
          .append(',')
          .append(cell(amountCell(e.getValue("amount"))))
          .append(',')
          .append(cell(e.getValue("currency")))
          .append('\n');
    }
    Map<String, EntryFile.Known> known = store.known(scope(ctx), enterprise(ctx));
    if (!known.containsKey(code)) {
      throw new org.energytrace.ingest.errors.NotFoundException("no resource " + code);
    }
    EntryFile.Parsed parsed =
        EntryFile.parseCsv("request", csv.toString().getBytes(StandardCharsets.UTF_8), known);
    if (!parsed.valid()) {
      return new Status(422, problems(parsed, "entries"));
    }
    int n =
        store.putEntries(
            scope(ctx),
            enterprise(ctx),
            parsed.rows(),
            who(ctx),
            reason(b.getValue("reason")),
            clock.instant());
    return Map.of("stored", n);
  }

  private Object listEntries(RoutingContext ctx) {
    String code = code(ctx);
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    span(from, to, "to");
    Declared d = store.get(scope(ctx), enterprise(ctx), code);
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
        ResourceIndicators.Ledger ledger = indicators.ledger(d, from, to, notes);
        if (ledger != null) {
          for (StockPeriod p : ledger.periods()) {
            periods.add(
                new JsonObject()
                    .put("from", p.from().toString())
                    .put("to", p.to().toString())
                    .put("opening", p.opening())
                    .put("deliveries", p.deliveries())
                    .put("closing", p.closing())
                    .put("used", p.used())
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

  private Object indicator(RoutingContext ctx) {
    String code = code(ctx);
    String stored = ctx.queryParams().get("baseline");
    if (stored != null) {
      // against a stored baseline: its product, period and model
      PgResourceBaselines.Stored b =
          baselines.get(scope(ctx), enterprise(ctx), code, version(stored));
      LocalDate from = date(ctx, "from");
      LocalDate to = date(ctx, "to");
      span(from, to, "to");
      return indicators.indicator(scope(ctx), enterprise(ctx), b, from, to, confidence(ctx));
    }
    String product = ctx.queryParams().get("product");
    if (product == null || product.isBlank()) {
      throw DomainException.invalid("product", "required: the product the SEC is per unit of");
    }
    LocalDate baselineFrom = date(ctx, "baseline_from");
    LocalDate baselineTo = date(ctx, "baseline_to");
    span(baselineFrom, baselineTo, "baseline_to");
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    span(from, to, "to");
    if (!from.isAfter(baselineTo)) {
      throw DomainException.invalid("from", "the reporting period starts after the baseline's");
    }
    ModelSelector.Request model = model(ctx.queryParams().get("model"));
    double confidence = confidence(ctx);
    return indicators.indicator(
        scope(ctx),
        enterprise(ctx),
        code,
        product,
        baselineFrom,
        baselineTo,
        from,
        to,
        model,
        confidence);
  }

  private static double confidence(RoutingContext ctx) {
    double confidence;
    String cv = ctx.queryParams().get("confidence");
    try {
      confidence = cv == null ? 90 : Double.parseDouble(cv);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("confidence", "must be a number of percent, e.g. 90");
    }
    if (!(confidence > 0 && confidence < 100)) {
      throw DomainException.invalid("confidence", "must be between 0 and 100, got " + cv);
    }
    return confidence;
  }

  private Object toe(RoutingContext ctx) {
    String y = ctx.queryParams().get("year");
    int year;
    try {
      year = Integer.parseInt(y == null ? "" : y);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("year", "required: a year such as 2026");
    }
    if (year < 2000 || year > 2100) {
      throw DomainException.invalid("year", "must be between 2000 and 2100, got " + year);
    }
    return indicators.toe(scope(ctx), enterprise(ctx), year);
  }

  private EntryFile.Parsed parseUpload(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    boolean xlsx = type != null && type.startsWith(XLSX);
    String name = ctx.queryParams().get("file_name");
    if (name == null) {
      name = xlsx ? "upload.xlsx" : "upload.csv";
    }
    if (type != null && !xlsx && !type.startsWith("text/csv") && !type.startsWith("text/plain")) {
      throw DomainException.invalid("Content-Type", "send the file as text/csv or " + XLSX);
    }
    byte[] bytes = Uploads.of(ctx).map(Uploads.Upload::bytes).orElse(new byte[0]);
    Map<String, EntryFile.Known> known = store.known(scope(ctx), enterprise(ctx));
    return xlsx ? EntryFile.parseXlsx(name, bytes, known) : EntryFile.parseCsv(name, bytes, known);
  }

  private Object preview(RoutingContext ctx) {
    EntryFile.Parsed parsed = parseUpload(ctx);
    Map<String, Object> m = problems(parsed, null);
    m.put(
        "rows",
        parsed.rows().stream()
            .map(
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
                        .put("currency", r.currency()))
            .toList());
    return m;
  }

  private Object commit(RoutingContext ctx) {
    String uploadId = ctx.queryParams().get("upload_id");
    if (uploadId == null || uploadId.isBlank()) {
      throw DomainException.invalid("upload_id", "the upload_id of the preview is required");
    }
    reason(ctx.queryParams().get("reason"));
    EntryFile.Parsed parsed = parseUpload(ctx);
    if (!parsed.valid()) {
      return new Status(422, problems(parsed, null));
    }
    if (!uploadId.equals(parsed.uploadId())) {
      throw DomainException.conflict(
          "upload_id",
          "the file's rows are not those previewed (their upload_id is " + parsed.uploadId() + ")");
    }
    PgResources.Committed c =
        store.commit(
            scope(ctx),
            enterprise(ctx),
            parsed,
            who(ctx),
            reason(ctx.queryParams().get("reason")),
            clock.instant());
    return Map.of(
        "upload_id", c.uploadId(), "stored", c.rows(), "already_committed", c.alreadyCommitted());
  }

  private static Map<String, Object> problems(EntryFile.Parsed parsed, String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file_name", parsed.fileName());
    m.put("valid", parsed.valid());
    m.put("upload_id", parsed.uploadId());
    m.put(
        "errors",
        parsed.problems().stream()
            .map(
                p ->
                    new JsonObject()
                        .put("row", p.row())
                        .put("column", p.column())
                        .put("column_letter", p.letter())
                        .put(
                            "message",
                            prefix == null
                                ? p.text()
                                : prefix
                                    + "["
                                    + (p.row() - 2)
                                    + "]"
                                    + (p.column() == null ? "" : "." + p.column())
                                    + ": "
                                    + p.message()))
            .toList());
    return m;
  }

  // ---- plumbing ----

  /** An answer with another status than 200. */
  private record Status(int status, Object body) {}

  private void run(RoutingContext ctx, Callable<Object> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            result -> {
              if (result instanceof Status s) {
                json(ctx, s.status(), s.body());
              } else {
                json(ctx, 200, result);
              }
            })
        .onFailure(e -> failure(ctx, e));
  }

  private static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof TransitionRefused r && r.status() == 409) {
      HttpErrors.send(
          ctx,
          409,
          new JsonObject()
              .put("error", "conflict")
              .put("parameter", "version")
              .put("state", r.state())
              .put("message", r.getMessage()));
    } else if (e instanceof TransitionRefused r) {
      HttpErrors.send(ctx, r.status(), "forbidden", r.getMessage());
    } else if (e instanceof DomainException d) {
      HttpErrors.refused(ctx, d);
    } else if (e instanceof AnalyticsException a) {
      // the data cannot give an answer (too few periods, a stock count missing, a negative use)
      HttpErrors.unprocessable(ctx, a.code().name().toLowerCase(Locale.ROOT), a.getMessage());
    } else {
      HttpErrors.failed(ctx, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void json(RoutingContext ctx, int status, Object body) {
    String text =
        body instanceof Map<?, ?> m
            ? new JsonObject((Map<String, Object>) m).encode()
            : ((JsonObject) body).encode();
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(text);
  }

  private static Scope scope(RoutingContext ctx) {
    return Principal.scope(ctx);
  }

  private static Who who(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    return new Who(p.subject(), p.role().wire(), SecurityHandler.clientIp(ctx));
  }

  private static String enterprise(RoutingContext ctx) {
    return ctx.pathParam("enterprise");
  }

  private static String code(RoutingContext ctx) {
    String code = ctx.pathParam("resource");
    if (code == null || !CODE.matcher(code).matches()) {
      throw DomainException.invalid(
          "resource", "a resource id is 1 to 64 letters, digits, '_', '.' or '-'");
    }
    return code;
  }

  private static ResourceKind kind(String s) {
    if (s == null) {
      throw DomainException.invalid("kind", "required: energy, water or material");
    }
    try {
      return ResourceKind.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("kind", "must be energy, water or material, got '" + s + "'");
    }
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject b = ctx.body() == null ? null : ctx.body().asJsonObject();
      if (b == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      return b;
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
  }

  /** A string field (null when absent), refused with its name when of another type or too long. */
  private static String str(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(field, "must be a string");
    }
    if (s.isBlank()) {
      return null;
    }
    if (s.length() > 128 || s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw DomainException.invalid(field, "at most 128 characters without control characters");
    }
    return s.strip();
  }

  /**
   * The reason of a correction (docs/resources.md "Audited revisions"): required when a changed
   * entry is used by an approved resource baseline; null when absent or blank.
   */
  static String reason(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid("reason", "must be a string");
    }
    if (s.length() > 2000) {
      throw DomainException.invalid("reason", "at most 2000 characters");
    }
    if (s.chars()
        .anyMatch(
            ch ->
                (ch < 0x20 && ch != '\n' && ch != '\t')
                    || ch == 0x7f
                    || Character.isSurrogate((char) ch))) {
      throw DomainException.invalid("reason", "must be text without control characters");
    }
    return s.isBlank() ? null : s.strip();
  }

  private static String text(JsonObject b, String field) {
    String s = str(b, field);
    if (s != null && s.chars().anyMatch(ch -> Character.isSurrogate((char) ch))) {
      throw DomainException.invalid(field, "must be valid text without surrogates");
    }
    return s;
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      throw DomainException.invalid(name, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(value)
        .orElseThrow(
            () -> DomainException.invalid(name, Instants.EXPECTED_DAY + ", got '" + value + "'"));
  }

  private static void span(LocalDate from, LocalDate to, String field) {
    if (to.isBefore(from)) {
      throw DomainException.invalid(field, "must not be before the start (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) > MAX_SPAN_DAYS) {
      throw DomainException.invalid(field, "a span is at most " + MAX_SPAN_DAYS + " days");
    }
  }

  /** A JSON number as the upload would write it (no exponent), anything else as it is. */
  private static Object amountCell(Object v) {
    if (v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))) {
      try {
        return new java.math.BigDecimal(n.toString()).toPlainString();
      } catch (NumberFormatException e) {
        return n;
      }
    }
    return v;
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
