package org.energytrace.ingest.enpi;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.MeterRole;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiSpec;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiView;
import org.energytrace.ingest.enpi.PgEnpiStore.MeterEnergySpec;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.production.ProductionFile;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;
import org.energytrace.ingest.web.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EnPI, production and analytics API (issue 5) under {@code /api/v1/enterprises/{enterprise}}:
 * domain (meter energy attributes, site time zones, lines, products, EnPI definitions), production
 * quantities and uploads (preview, then commit), and SEC, CSV export, baselines and savings. Access
 * is decided by the gate ({@code auth.AccessPolicy}); every query here also takes the caller's
 * scope. Work runs on worker threads.
 */
public final class EnpiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(EnpiRoutes.class);
  private static final String BASE = "/api/v1/enterprises/:enterprise";

  private final Vertx vertx;
  private final PgEnpiStore store;
  private final PgProduction production;
  private final EnpiAnalytics analytics;
  private final Tariffs tariffs;
  private final Clock clock;

  /**
   * @param tariffs the prices for {@code money} in savings results (dashboards.tariff_per_kwh,
   *     dashboards.tariff_per_nm3_gas)
   */
  public EnpiRoutes(
      Vertx vertx,
      PgEnpiStore store,
      PgProduction production,
      EnpiAnalytics analytics,
      Tariffs tariffs,
      Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.production = production;
    this.analytics = analytics;
    this.tariffs = tariffs;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.put(BASE + "/sites/:site/time-zone").handler(ctx -> run(ctx, () -> putTimeZone(ctx)));
    router.put(BASE + "/meters/:meter/energy").handler(ctx -> run(ctx, () -> putMeter(ctx)));
    router
        .get(BASE + "/energy-meters")
        .handler(
            ctx ->
                run(
                    ctx,
                    () ->
                        Map.of(
                            "meters",
                            store.energyMeters(scope(ctx), enterprise(ctx)).stream()
                                .map(JsonObject::mapFrom)
                                .toList())));
    router.put(BASE + "/lines/:line").handler(ctx -> run(ctx, () -> putLine(ctx)));
    router
        .get(BASE + "/lines")
        .handler(
            ctx ->
                run(
                    ctx,
                    () ->
                        Map.of(
                            "lines",
                            store.lines(scope(ctx), enterprise(ctx)).stream()
                                .map(JsonObject::mapFrom)
                                .toList())));
    router.put(BASE + "/products/:product").handler(ctx -> run(ctx, () -> putProduct(ctx)));
    router.put(BASE + "/enpis/:enpi").handler(ctx -> run(ctx, () -> putEnpi(ctx)));
    router
        .get(BASE + "/enpis")
        .handler(
            ctx ->
                run(
                    ctx,
                    () ->
                        Map.of(
                            "enpis",
                            store.enpis(scope(ctx), enterprise(ctx)).stream()
                                .map(EnpiRoutes::enpiJson)
                                .toList())));
    router
        .get(BASE + "/enpis/:enpi")
        .handler(
            ctx ->
                run(
                    ctx,
                    () ->
                        enpiJson(store.enpi(scope(ctx), enterprise(ctx), ctx.pathParam("enpi")))));
    router.get(BASE + "/enpis/:enpi/sec").handler(ctx -> run(ctx, () -> sec(ctx)));
    router.get(BASE + "/enpis/:enpi/data.csv").handler(ctx -> run(ctx, () -> csv(ctx)));
    router.post(BASE + "/enpis/:enpi/baselines").handler(ctx -> run(ctx, () -> fit(ctx)));
    router
        .get(BASE + "/enpis/:enpi/baselines")
        .handler(
            ctx ->
                run(
                    ctx,
                    () ->
                        Map.of(
                            "baselines",
                            analytics.listBaselines(
                                scope(ctx), enterprise(ctx), ctx.pathParam("enpi")))));
    router.get(BASE + "/enpis/:enpi/savings").handler(ctx -> run(ctx, () -> savings(ctx)));
    router.get(BASE + "/enpis/:enpi/versions").handler(ctx -> run(ctx, () -> versions(ctx)));
    router.post(BASE + "/production").handler(ctx -> run(ctx, () -> postProduction(ctx)));
    router.get(BASE + "/production").handler(ctx -> run(ctx, () -> listProduction(ctx)));
    router.post(BASE + "/production/uploads/preview").handler(ctx -> run(ctx, () -> preview(ctx)));
    router.post(BASE + "/production/uploads/commit").handler(ctx -> run(ctx, () -> commit(ctx)));
  }

  // ---- handlers (on worker threads) ----

  private Object putTimeZone(RoutingContext ctx) {
    JsonObject b = body(ctx);
    store.putSiteTimeZone(
        scope(ctx), enterprise(ctx), ctx.pathParam("site"), str(b, "time_zone", null));
    return Map.of("site", ctx.pathParam("site"), "time_zone", str(b, "time_zone", null));
  }

  private Object putMeter(RoutingContext ctx) {
    JsonObject b = body(ctx);
    MeterRole role = enumOf(MeterRole.class, "role", str(b, "role", "main"));
    store.putMeterEnergy(
        scope(ctx),
        enterprise(ctx),
        ctx.pathParam("meter"),
        new MeterEnergySpec(
            str(b, "carrier", null),
            str(b, "unit", null),
            role,
            str(b, "boundary", null),
            str(b, "channel", null)),
        author(ctx),
        clock.instant());
    return b.copy().put("meter", ctx.pathParam("meter"));
  }

  private Object putLine(RoutingContext ctx) {
    JsonObject b = body(ctx);
    store.putLine(
        scope(ctx),
        enterprise(ctx),
        ctx.pathParam("line"),
        str(b, "site", null),
        str(b, "name", null));
    return b.copy().put("line", ctx.pathParam("line"));
  }

  private Object putProduct(RoutingContext ctx) {
    JsonObject b = body(ctx);
    store.putProduct(
        scope(ctx),
        enterprise(ctx),
        ctx.pathParam("product"),
        str(b, "line", null),
        str(b, "name", null),
        str(b, "unit", null));
    return b.copy().put("product", ctx.pathParam("product"));
  }

  private Object putEnpi(RoutingContext ctx) {
    JsonObject b = body(ctx);
    JsonObject scopeJson = obj(b, "scope");
    List<MeterTerm> meters = new ArrayList<>();
    JsonArray terms = arr(b, "meters");
    for (int i = 0; i < terms.size(); i++) {
      String at = "meters[" + i + "]";
      if (!(terms.getValue(i) instanceof JsonObject m)) {
        throw DomainException.invalid(at, "each meter is an object {meter, sign}");
      }
      Object sign = m.getValue("sign");
      if (sign != null && !(sign instanceof Integer || sign instanceof Long)) {
        throw DomainException.invalid(at + ".sign", "must be 1 or -1");
      }
      try {
        meters.add(
            new MeterTerm(
                str(m, "meter", null, at + ".meter"),
                sign == null ? 1 : (int) Math.max(-2, Math.min(2, ((Number) sign).longValue()))));
      } catch (AnalyticsException e) {
        throw DomainException.invalid(at, e.getMessage());
      }
    }
    JsonArray codes = arr(b, "products");
    List<String> products = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      if (!(codes.getValue(i) instanceof String code)) {
        throw DomainException.invalid("products[" + i + "]", "must be a product code (a string)");
      }
      products.add(code);
    }
    String enpi = ctx.pathParam("enpi");
    store.putEnpi(
        scope(ctx),
        enterprise(ctx),
        enpi,
        new EnpiSpec(
            str(b, "name", null),
            enumOf(
                EnpiScope.Level.class,
                "scope.level",
                str(scopeJson, "level", "facility", "scope.level")),
            str(scopeJson, "ref", enterprise(ctx), "scope.ref"),
            basis(str(b, "basis", "kwh_final")),
            meters,
            products),
        clock.instant(),
        author(ctx));
    return enpiJson(store.enpi(scope(ctx), enterprise(ctx), enpi));
  }

  /** The EnPI's frozen versions, oldest first; the newest is {@code current}. */
  private Object versions(RoutingContext ctx) {
    var versions = store.versions(scope(ctx), enterprise(ctx), ctx.pathParam("enpi"));
    JsonArray out = new JsonArray();
    for (var v : versions) {
      out.add(
          new JsonObject()
              .put("version", v.version())
              .put("definition", v.definition())
              .put("created_by", v.createdBy())
              .put("created_at", v.createdAt().toString())
              .put("current", v.version() == versions.get(versions.size() - 1).version()));
    }
    return new JsonObject().put("enpi", ctx.pathParam("enpi")).put("versions", out);
  }

  private Object sec(RoutingContext ctx) {
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    Bucket bucket = enumOf(Bucket.class, "bucket", param(ctx, "bucket", "day"));
    String b = ctx.queryParams().get("basis");
    var series =
        analytics.series(
            scope(ctx),
            enterprise(ctx),
            ctx.pathParam("enpi"),
            from,
            to,
            b == null ? null : basis(b));
    String v = ctx.queryParams().get("baseline");
    return analytics.sec(series, bucket, v == null ? null : version(v));
  }

  private Object csv(RoutingContext ctx) {
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    String b = ctx.queryParams().get("basis");
    var series =
        analytics.series(
            scope(ctx),
            enterprise(ctx),
            ctx.pathParam("enpi"),
            from,
            to,
            b == null ? null : basis(b));
    return new Csv(
        EnpiAnalytics.csv(series.series().dataSet(EnpiAnalytics.perProduct(series.series()))));
  }

  private Object fit(RoutingContext ctx) {
    JsonObject b = body(ctx);
    LocalDate from = date("from", str(b, "from", null));
    LocalDate to = date("to", str(b, "to", null));
    ModelSelector.Request model =
        enumOf(ModelSelector.Request.class, "model", str(b, "model", "auto"));
    return new Created(
        analytics.fitBaseline(
            scope(ctx),
            enterprise(ctx),
            ctx.pathParam("enpi"),
            from,
            to,
            model,
            weather(b),
            Principal.of(ctx).subject()));
  }

  /** The optional {@code weather: {variable: cdd|hdd, balance_point?}} of a baseline request. */
  private static WeatherVariable weather(JsonObject b) {
    if (b.getValue("weather") == null) {
      return null;
    }
    JsonObject w = obj(b, "weather");
    Object bp = w.getValue("balance_point");
    if (bp != null && !(bp instanceof Number)) {
      throw DomainException.invalid("weather.balance_point", "must be a number of °C");
    }
    for (String key : w.fieldNames()) {
      if (!key.equals("variable") && !key.equals("balance_point")) {
        throw DomainException.invalid("weather." + key, "unknown field (variable, balance_point)");
      }
    }
    return WeatherVariable.of(
        str(w, "variable", null, "weather.variable"),
        bp == null ? null : ((Number) bp).doubleValue());
  }

  private Object savings(RoutingContext ctx) {
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    double confidence;
    try {
      confidence = Double.parseDouble(param(ctx, "confidence", "90"));
    } catch (NumberFormatException e) {
      throw DomainException.invalid("confidence", "must be a number of percent, e.g. 90");
    }
    if (!(confidence > 0 && confidence < 100)) {
      throw DomainException.invalid("confidence", "must be between 0 and 100, got " + confidence);
    }
    String v = ctx.queryParams().get("baseline");
    if (v == null) {
      throw DomainException.invalid("baseline", "the baseline version is required");
    }
    String year = ctx.queryParams().get("co2_year");
    Integer co2Year = null;
    if (year != null) {
      try {
        co2Year = Integer.parseInt(year);
      } catch (NumberFormatException e) {
        throw DomainException.invalid("co2_year", "must be a year, e.g. 2023");
      }
    }
    return analytics.savings(
        scope(ctx),
        enterprise(ctx),
        ctx.pathParam("enpi"),
        version(v),
        from,
        to,
        confidence,
        co2Year,
        tariffs);
  }

  private Object postProduction(RoutingContext ctx) {
    JsonObject b = body(ctx);
    Map<String, String> products = production.productLines(scope(ctx), enterprise(ctx));
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
    ProductionFile.Parsed parsed =
        ProductionFile.parseCsv(
            "request", csv.toString().getBytes(StandardCharsets.UTF_8), products);
    if (!parsed.valid()) {
      return new Status(422, problems(parsed, "quantities"));
    }
    int n =
        production.put(
            scope(ctx), enterprise(ctx), parsed.rows(), revision(ctx, reason(b)), clock.instant());
    return Map.of("stored", n);
  }

  private Object listProduction(RoutingContext ctx) {
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    EnpiAnalytics.checkSpan(from, to);
    return Map.of(
        "quantities",
        production
            .list(scope(ctx), enterprise(ctx), ctx.queryParams().get("product"), from, to)
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

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private ProductionFile.Parsed parseUpload(RoutingContext ctx) {
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
    Map<String, String> products = production.productLines(scope(ctx), enterprise(ctx));
    return xlsx
        ? ProductionFile.parseXlsx(name, bytes, products)
        : ProductionFile.parseCsv(name, bytes, products);
  }

  private Object preview(RoutingContext ctx) {
    ProductionFile.Parsed parsed = parseUpload(ctx);
    Map<String, Object> m = problems(parsed, null);
    m.put(
        "rows",
        parsed.rows().stream()
            .map(
                r ->
                    new JsonObject()
                        .put("row", r.row())
                        .put("product", r.product())
                        .put("day", r.day().toString())
                        .put("quantity", r.quantity()))
            .toList());
    return m;
  }

  private Object commit(RoutingContext ctx) {
    String uploadId = ctx.queryParams().get("upload_id");
    if (uploadId == null) {
      throw DomainException.invalid("upload_id", "the upload_id of the preview is required");
    }
    ProductionFile.Parsed parsed = parseUpload(ctx);
    if (!parsed.valid()) {
      return new Status(422, problems(parsed, null));
    }
    if (!uploadId.equals(parsed.uploadId())) {
      throw DomainException.conflict(
          "upload_id",
          "the file's rows are not those previewed (their upload_id is " + parsed.uploadId() + ")");
    }
    PgProduction.Committed c =
        production.commit(
            scope(ctx),
            enterprise(ctx),
            parsed,
            revision(ctx, reason(ctx.queryParams().get("reason"))),
            clock.instant());
    return Map.of(
        "upload_id", c.uploadId(), "stored", c.rows(), "already_committed", c.alreadyCommitted());
  }

  private static Map<String, Object> problems(ProductionFile.Parsed parsed, String prefix) {
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
                            (prefix == null ? "row " + p.row() : prefix + "[" + (p.row() - 2) + "]")
                                + (p.columnLabel() == null ? "" : ", column " + p.columnLabel())
                                + ": "
                                + p.message()))
            .toList());
    return m;
  }

  // ---- plumbing ----

  /** A CSV body. */
  private record Csv(String text) {}

  /** A 201 answer. */
  private record Created(Object body) {}

  /** An answer with another status than 200. */
  private record Status(int status, Object body) {}

  private void run(RoutingContext ctx, Callable<Object> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            result -> {
              if (result instanceof Csv c) {
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(c.text());
              } else if (result instanceof Created c) {
                json(ctx, 201, c.body());
              } else if (result instanceof Status s) {
                json(ctx, s.status(), s.body());
              } else {
                json(ctx, 200, result);
              }
            })
        .onFailure(e -> failure(ctx, e));
  }

  private static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof DomainException d) {
      HttpErrors.refused(ctx, d);
    } else if (e instanceof ClassCastException) {
      // a JSON value of the wrong type that no check named (a number for a string, ...)
      json(
          ctx,
          400,
          Map.of(
              "error",
              "bad_request",
              "parameter",
              "body",
              "message",
              "body: a value has the wrong type"));
    } else if (e instanceof IllegalArgumentException) {
      // the domain's own checks (records of the analytics module) say what is wrong
      json(
          ctx,
          400,
          Map.of(
              "error", "bad_request", "parameter", "body", "message", "body: " + e.getMessage()));
    } else if (e instanceof AnalyticsException a) {
      // the data cannot give an answer (too few days, singular model, unknown factor)
      HttpErrors.unprocessable(ctx, a.code().name().toLowerCase(Locale.ROOT), a.getMessage());
    } else {
      // a store failure, or a bug: logged with the request id, never sent (HttpErrors)
      HttpErrors.failed(ctx, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void json(RoutingContext ctx, int status, Object body) {
    String text =
        body instanceof Map<?, ?> m
            ? new JsonObject((Map<String, Object>) m).encode()
            : body instanceof JsonObject j ? j.encode() : new JsonArray((List<?>) body).encode();
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(text);
  }

  private static Scope scope(RoutingContext ctx) {
    return Principal.scope(ctx);
  }

  private static String enterprise(RoutingContext ctx) {
    return ctx.pathParam("enterprise");
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject b = ctx.body().asJsonObject();
      if (b == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      return b;
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
  }

  /** A string field (def when absent or null), refused with its name when of another type. */
  private static String str(JsonObject b, String field, String def) {
    return str(b, field, def, field);
  }

  private static String str(JsonObject b, String key, String def, String name) {
    Object v = b.getValue(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(name, "must be a string");
    }
    return s;
  }

  /** An object field, empty when absent or null. */
  private static JsonObject obj(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw DomainException.invalid(field, "must be an object");
    }
    return o;
  }

  /** A list field, empty when absent or null. */
  private static JsonArray arr(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw DomainException.invalid(field, "must be a list");
    }
    return a;
  }

  private static String param(RoutingContext ctx, String name, String def) {
    String v = ctx.queryParams().get(name);
    return v == null ? def : v;
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    return date(name, ctx.queryParams().get(name));
  }

  private static LocalDate date(String name, String value) {
    if (value == null) {
      throw DomainException.invalid(name, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(value)
        .orElseThrow(
            () -> DomainException.invalid(name, Instants.EXPECTED_DAY + ", got '" + value + "'"));
  }

  private static int version(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("version", "must be an integer, got '" + v + "'");
    }
  }

  private static EnpiBasis basis(String s) {
    if (s == null) {
      throw DomainException.invalid("basis", "must be kwh_final, mj_final or toe_primary");
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "kwh", "kwh_final" -> EnpiBasis.KWH_FINAL;
      case "mj", "mj_final" -> EnpiBasis.MJ_FINAL;
      case "toe", "toe_primary" -> EnpiBasis.TOE_PRIMARY;
      default ->
          throw DomainException.invalid(
              "basis", "must be kwh_final, mj_final or toe_primary (or kwh, mj, toe)");
    };
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw DomainException.invalid(
          field,
          "must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList());
    }
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /**
   * The reason of a correction (docs/verification.md §1.4): required when a changed figure is used
   * by an approved baseline or a verified period; at most 2000 characters.
   */
  private static String reason(JsonObject b) {
    return reason(str(b, "reason", null));
  }

  private static String reason(String reason) {
    if (reason != null && reason.length() > 2000) {
      throw DomainException.invalid("reason", "at most 2000 characters");
    }
    return reason;
  }

  private static PgProduction.Revision revision(RoutingContext ctx, String reason) {
    PgEnpiStore.Author a = author(ctx);
    return new PgProduction.Revision(a.subject(), a.role(), a.clientIp(), reason);
  }

  /** Who changes a definition: the audit entry of a new EnPI version names them. */
  private static PgEnpiStore.Author author(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    return new PgEnpiStore.Author(
        p.subject(), p.role().wire(), org.energytrace.ingest.auth.SecurityHandler.clientIp(ctx));
  }

  private static JsonObject enpiJson(EnpiView v) {
    JsonArray meters = new JsonArray();
    v.meters()
        .forEach(t -> meters.add(new JsonObject().put("meter", t.meterId()).put("sign", t.sign())));
    return new JsonObject()
        .put("enpi", v.enpi())
        .put("name", v.name())
        .put("scope", new JsonObject().put("level", v.scopeLevel()).put("ref", v.scopeRef()))
        .put("basis", v.basis())
        .put("meters", meters)
        .put("products", new JsonArray(v.products()))
        .put("updated_at", v.updatedAt().toString())
        .put("version", v.version());
  }
}
