package org.energytrace.ingest.cp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.HttpErrors;

/**
 * The CP assessment API (issue 18): an enterprise's assessments under {@code
 * /api/v1/enterprises/{enterprise}/cp-assessments} (put, get, the balance filled from stored data,
 * options, the report) and the officers' search {@code /api/v1/cp-assessments}. Access is decided
 * by the gate ({@code auth.AccessPolicy}); every read takes the caller's scope.
 */
public final class CpRoutes {
  private static final String BASE = "/api/v1/enterprises/:enterprise/cp-assessments/:assessment";

  private final Vertx vertx;
  private final PgCpAssessments store;
  private final CpCatalogue catalogue;
  private final PgCpPublic content;
  private final Clock clock;

  public CpRoutes(
      Vertx vertx, PgCpAssessments store, CpCatalogue catalogue, PgCpPublic content, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.catalogue = catalogue;
    this.content = content;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/v1/cp-assessments").handler(ctx -> run(ctx, () -> search(ctx)));
    router.get("/api/v1/cp-catalogue").handler(ctx -> run(ctx, catalogue::catalogue));
    router.get("/api/v1/cp-public").handler(ctx -> run(ctx, this::publicSection));
    router.put("/api/v1/cp-public/items/:item").handler(ctx -> run(ctx, () -> putItem(ctx)));
    router.put(BASE).handler(ctx -> run(ctx, () -> put(ctx)));
    router.get(BASE).handler(ctx -> run(ctx, () -> get(ctx)));
    router.post(BASE + "/balance").handler(ctx -> run(ctx, () -> prefill(ctx)));
    router.put(BASE + "/options/:option").handler(ctx -> run(ctx, () -> putOption(ctx)));
    router.get(BASE + "/report").handler(ctx -> run(ctx, () -> report(ctx)));
  }

  private static PgCpAssessments.Who who(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    return new PgCpAssessments.Who(p.subject(), p.role(), SecurityHandler.clientIp(ctx));
  }

  private static String enterprise(RoutingContext ctx) {
    String e = ctx.pathParam("enterprise");
    if (e == null || !TopicName.ID.matcher(e).matches()) {
      throw DomainException.invalid("enterprise", "must match " + TopicName.ID.pattern());
    }
    return e;
  }

  private static String code(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    if (v == null || !CpInput.CODE.matcher(v).matches()) {
      throw DomainException.invalid(name, "must match " + CpInput.CODE.pattern());
    }
    return v;
  }

  private Object put(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    CpInput.Assessment a = CpInput.assessment(body(ctx));
    boolean created = store.put(who(ctx), Principal.scope(ctx), e, code, a, clock.instant());
    Map<String, Object> out = store.get(Principal.scope(ctx), e, code);
    return created ? new Created(out) : out;
  }

  private Object get(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    return withVerified(store.get(Principal.scope(ctx), e, code), e, code);
  }

  /** Each option linked to an EnPI gets its verified savings beside the expected ones. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> withVerified(Map<String, Object> a, String e, String code) {
    Map<String, Object> verified = catalogue.verifiedOf(e, code);
    for (Map<String, Object> o : (List<Map<String, Object>>) a.get("options")) {
      o.put("verified", verified.get((String) o.get("code")));
    }
    return a;
  }

  private Object prefill(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(java.util.Set.of("from", "to"));
    LocalDate from = f.date("from", true);
    LocalDate to = f.date("to", true);
    if (!f.ok()) {
      Fields.Problem p = f.problems().get(0);
      throw DomainException.invalid(p.field(), p.message());
    }
    if (to.isBefore(from)) {
      throw DomainException.invalid("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) > 366) {
      throw DomainException.invalid("to", "a balance period is at most a year (367 days)");
    }
    store.prefillBalance(who(ctx), Principal.scope(ctx), e, code, from, to, clock.instant());
    return store.get(Principal.scope(ctx), e, code);
  }

  private Object putOption(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    String option = code(ctx, "option");
    CpInput.Option o = CpInput.option(body(ctx));
    boolean created =
        store.putOption(who(ctx), Principal.scope(ctx), e, code, option, o, clock.instant());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> options =
        (List<Map<String, Object>>) store.get(Principal.scope(ctx), e, code).get("options");
    Map<String, Object> out =
        options.stream().filter(x -> option.equals(x.get("code"))).findFirst().orElseThrow();
    return created ? new Created(out) : out;
  }

  private Object report(RoutingContext ctx) {
    String e = enterprise(ctx);
    String code = code(ctx, "assessment");
    String format = query(ctx, "format");
    String lang = query(ctx, "lang");
    if (format == null) {
      format = "pdf";
    }
    if (!List.of("pdf", "xlsx").contains(format)) {
      throw DomainException.invalid("format", "pdf or xlsx, got '" + format + "'");
    }
    if (lang == null) {
      lang = "vi";
    }
    if (!List.of("vi", "en").contains(lang)) {
      throw DomainException.invalid("lang", "vi or en, got '" + lang + "'");
    }
    Map<String, Object> a = withVerified(store.get(Principal.scope(ctx), e, code), e, code);
    CpReport r = new CpReport(lang);
    return format.equals("pdf")
        ? new File("application/pdf", "cp-" + e + "-" + code + "-" + lang + ".pdf", r.pdf(a))
        : new File(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "cp-" + e + "-" + code + "-" + lang + ".xlsx",
            r.xlsx(a));
  }

  /** The public CP section: published items only, and the catalogue's entries. */
  private Object publicSection() {
    List<Map<String, Object>> items = content.published();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("activities", items.stream().filter(i -> !"plan".equals(i.get("kind"))).toList());
    out.put("plans", items.stream().filter(i -> "plan".equals(i.get("kind"))).toList());
    out.put("catalogue", catalogue.catalogue());
    return out;
  }

  private Object putItem(RoutingContext ctx) {
    String code = code(ctx, "item");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(
        java.util.Set.of(
            "kind",
            "title_vi",
            "title_en",
            "body_vi",
            "body_en",
            "date",
            "attendance",
            "plan_year",
            "published"));
    String kind =
        f.oneOf("kind", true, List.of("news", "workshop", "training", "study_tour", "plan"));
    String titleVi = f.text("title_vi", true, 300);
    String titleEn = f.text("title_en", false, 300);
    String bodyVi = f.text("body_vi", false, 5000);
    String bodyEn = f.text("body_en", false, 5000);
    LocalDate date = f.date("date", false);
    Double attendance = f.number("attendance", false, 0, 1_000_000);
    Double year = f.number("plan_year", false, 2000, 2100);
    Boolean published = f.bool("published", false);
    if (!f.ok()) {
      Fields.Problem p = f.problems().get(0);
      throw DomainException.invalid(p.field(), p.message());
    }
    if (attendance != null && attendance != Math.rint(attendance)) {
      throw DomainException.invalid("attendance", "a number of people (an integer)");
    }
    if (year != null && year != Math.rint(year)) {
      throw DomainException.invalid("plan_year", "a year (an integer)");
    }
    if ("plan".equals(kind) != (year != null)) {
      throw DomainException.invalid(
          "plan_year", "plan".equals(kind) ? "required for a plan" : "only a plan has a year");
    }
    PgCpPublic.Item item =
        new PgCpPublic.Item(
            kind,
            titleVi,
            titleEn,
            bodyVi,
            bodyEn,
            date,
            attendance == null ? null : attendance.intValue(),
            year == null ? null : year.intValue(),
            published != null && published);
    boolean created = content.put(who(ctx), code, item, clock.instant());
    Map<String, Object> out = item.json(code);
    return created ? new Created(out) : out;
  }

  private Object search(RoutingContext ctx) {
    String district = query(ctx, "district");
    String sector = query(ctx, "sector");
    if (sector != null && !sector.matches("[0-9]{1,4}")) {
      throw DomainException.invalid(
          "sector", "a VSIC code or prefix (1 to 4 digits), got '" + sector + "'");
    }
    String park = query(ctx, "park");
    String type = query(ctx, "option_type");
    if (type != null && !CpInput.OPTION_TYPES.contains(type)) {
      throw DomainException.invalid(
          "option_type", "must be one of " + String.join(", ", CpInput.OPTION_TYPES));
    }
    String status = query(ctx, "status");
    if (status != null && !CpInput.STATUSES.contains(status)) {
      throw DomainException.invalid(
          "status", "must be one of " + String.join(", ", CpInput.STATUSES));
    }
    Double min = null;
    String m = query(ctx, "min_saving");
    if (m != null) {
      try {
        min = Double.parseDouble(m);
      } catch (NumberFormatException ex) {
        min = null;
      }
      if (min == null || !Double.isFinite(min) || min < 0 || min > CpInput.MAX_MONEY) {
        throw DomainException.invalid("min_saving", "a yearly saving in VND, 0 to 1e15");
      }
    }
    List<Object> rows = new ArrayList<>();
    for (PgCpAssessments.Row r : store.search(Principal.scope(ctx))) {
      if ((district != null && !district.equals(r.district()))
          || (park != null && !park.equals(r.park()))
          || (sector != null && (r.vsic() == null || !r.vsic().startsWith(sector)))
          || (type != null && !r.optionTypes().contains(type))
          || (status != null && !status.equals(r.status()))
          || (min != null && r.moneySaving() < min)) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("enterprise", r.enterprise());
      row.put("assessment", r.code());
      row.put("site", r.site());
      row.put("title", r.title());
      row.put("status", r.status());
      row.put("district", r.district());
      row.put("industrial_park", r.park());
      row.put("vsic", r.vsic());
      row.put("option_types", r.optionTypes());
      row.put("options", r.options());
      row.put("implemented", r.implemented());
      row.put("investment", r.investment());
      row.put("money_saving", r.moneySaving());
      row.put("payback_years", PgCpAssessments.payback(r.investment(), r.moneySaving()));
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("assessments", rows);
    return out;
  }

  private static String query(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > 200 || v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw DomainException.invalid(name, "at most 200 printable characters");
    }
    return v.strip();
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject b =
          ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
      if (b == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      return b;
    } catch (DecodeException | ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
  }

  private record Created(Object body) {}

  private record File(String type, String name, byte[] bytes) {}

  private void run(RoutingContext ctx, Callable<Object> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            result -> {
              if (result instanceof File f) {
                ctx.response()
                    .putHeader("Content-Type", f.type())
                    .putHeader("Content-Disposition", "attachment; filename=\"" + f.name() + "\"")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(f.bytes()));
              } else if (result instanceof Created c) {
                json(ctx, 201, c.body());
              } else {
                json(ctx, 200, result);
              }
            })
        .onFailure(e -> failure(ctx, e));
  }

  private static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof DomainException d) {
      HttpErrors.refused(ctx, d);
    } else {
      HttpErrors.failed(ctx, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void json(RoutingContext ctx, int status, Object body) {
    String text =
        body instanceof Map<?, ?> m
            ? new JsonObject((Map<String, Object>) m).encode()
            : new JsonArray((List<?>) body).encode();
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(text);
  }
}
