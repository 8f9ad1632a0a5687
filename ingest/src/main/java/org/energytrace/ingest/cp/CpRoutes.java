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
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;

/**
 * The CP assessment API (issue 18): an enterprise's assessments under {@code
 * /api/v1/enterprises/{enterprise}/cp-assessments} (put, get, the balance filled from stored data,
 * options, the report) and the officers' search {@code /api/v1/cp-assessments}. Access is decided
 * by the gate ({@code auth.AccessPolicy}); every read takes the caller's scope.
 */
public final class CpRoutes {
  private static final String BASE = "/api/v1/enterprises/:enterprise/cp-assessments/:assessment";

  private final PgCpAssessments store;
  private final CpCatalogue catalogue;
  private final PgCpPublic content;
  private final PgCpGuidance guidance;
  private final PgCpHighlights highlights;
  private final CpAchievements achievements;
  private final Clock clock;
  private final Blocking blocking;

  public CpRoutes(
      Vertx vertx,
      PgCpAssessments store,
      CpCatalogue catalogue,
      PgCpPublic content,
      PgCpGuidance guidance,
      PgCpHighlights highlights,
      CpAchievements achievements,
      Clock clock) {
    this.highlights = highlights;
    this.achievements = achievements;
    this.store = store;
    this.catalogue = catalogue;
    this.content = content;
    this.guidance = guidance;
    this.clock = clock;
    this.blocking = Blocking.noStore(vertx);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    bind(api, "searchCpAssessments", this::search);
    bind(api, "listCpCatalogue", ctx -> catalogue.catalogue());
    bind(api, "listCpPublic", ctx -> publicSection());
    bind(api, "putCpPublicItem", this::putItem);
    bind(api, "recordCpAttendance", this::attend);
    bind(api, "listCpContent", ctx -> content());
    bind(api, "putCpGuidance", this::putGuidance);
    bind(api, "getCpGuidanceDocument", this::guidanceDocument);
    bind(api, "publishCpAchievement", this::publishAchievement);
    bind(api, "putCpPilotSite", this::putPilot);
    bind(api, "putCpAssessment", this::put);
    bind(api, "getCpAssessment", this::get);
    bind(api, "prefillCpBalance", this::prefill);
    bind(api, "putCpOption", this::putOption);
    bind(api, "getCpReport", this::report);
  }

  /** A handler's work on a worker thread; its result is answered by {@link #answer}. */
  @FunctionalInterface
  private interface Work {
    Object run(RoutingContext ctx) throws Exception;
  }

  private void bind(ApiRouter api, String operationId, Work work) {
    api.bind(
        operationId, ctx -> blocking.run(ctx, () -> work.run(ctx)).onSuccess(r -> answer(ctx, r)));
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
    if (!List.of("pdf", "xlsx", "docx").contains(format)) {
      throw DomainException.invalid("format", "pdf, xlsx or docx, got '" + format + "'");
    }
    if (lang == null) {
      lang = "vi";
    }
    if (!List.of("vi", "en").contains(lang)) {
      throw DomainException.invalid("lang", "vi or en, got '" + lang + "'");
    }
    Map<String, Object> a = withVerified(store.get(Principal.scope(ctx), e, code), e, code);
    CpReport r = new CpReport(lang);
    String name = "cp-" + e + "-" + code + "-" + lang + "." + format;
    return switch (format) {
      case "pdf" -> new File("application/pdf", name, r.pdf(a));
      case "xlsx" ->
          new File(
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, r.xlsx(a));
      default ->
          new File(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              name,
              r.docx(a));
    };
  }

  /**
   * The public CP section: published items only, the published guidance notes with the catalogue
   * entries they cite, and the catalogue's entries.
   */
  private Object publicSection() {
    List<Map<String, Object>> items = content.published();
    Map<String, Object> cat = catalogue.catalogue();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("activities", items.stream().filter(i -> !"plan".equals(i.get("kind"))).toList());
    out.put("plans", items.stream().filter(i -> "plan".equals(i.get("kind"))).toList());
    List<Map<String, Object>> notes = guidance.published();
    for (Map<String, Object> n : notes) {
      n.put("entries", cited(cat, n));
    }
    out.put("guidance", notes);
    out.put("achievements", highlights.achievements(false));
    out.put("pilot_sites", highlights.pilots(false));
    out.put("catalogue", cat);
    return out;
  }

  /**
   * The catalogue entries a note cites, in its order (those no longer in the catalogue left out).
   */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cited(Map<String, Object> cat, Map<String, Object> n) {
    Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Object e : (List<Object>) cat.get("entries")) {
      Map<String, Object> m = (Map<String, Object>) e;
      byId.put(((Number) m.get("id")).longValue(), m);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object id : (List<Object>) n.get("cites")) {
      Map<String, Object> e = byId.get(((Number) id).longValue());
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** For the officers' page: every item (drafts too) with its attendees, and every note. */
  private Object content() {
    Map<String, List<Map<String, Object>>> attendance = content.attendance();
    List<Map<String, Object>> items = content.all();
    for (Map<String, Object> i : items) {
      i.put("attendees", attendance.getOrDefault((String) i.get("code"), List.of()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("guidance", guidance.all());
    out.put("achievements", highlights.achievements(true));
    out.put("pilot_sites", highlights.pilots(true));
    return out;
  }

  private Object attend(RoutingContext ctx) {
    String item = code(ctx, "item");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(java.util.Set.of("enterprise", "person", "role", "officer"));
    String enterprise = f.matching("enterprise", true, TopicName.ID, "an enterprise id");
    String person = f.text("person", true, 200);
    String role = f.oneOf("role", true, List.of("cp_officer", "manager", "staff"));
    String officer = f.matching("officer", false, CpInput.CODE, "a CP officer code");
    firstProblem(f);
    if ("cp_officer".equals(role) != (officer != null)) {
      throw DomainException.invalid(
          "officer",
          "cp_officer".equals(role)
              ? "required for a CP officer (their code in the programme registry)"
              : "only a CP officer has an officer code");
    }
    Map<String, Object> out =
        content.attend(
            who(ctx),
            item,
            new PgCpPublic.Attendee(enterprise, person, role, officer),
            clock.instant());
    return Boolean.TRUE.equals(out.get("recorded")) ? new Created(out) : out;
  }

  private static void firstProblem(Fields f) {
    if (!f.ok()) {
      Fields.Problem p = f.problems().get(0);
      throw DomainException.invalid(p.field(), p.message());
    }
  }

  private Object putGuidance(RoutingContext ctx) {
    String code = code(ctx, "note");
    JsonObject b = body(ctx);
    Fields f = new Fields(b.getMap(), "");
    f.only(
        java.util.Set.of(
            "sector", "title_vi", "title_en", "body_vi", "body_en", "cites", "published"));
    String sector =
        f.matching(
            "sector", true, java.util.regex.Pattern.compile("[0-9]{1,4}"), "a VSIC code or prefix");
    String titleVi = f.text("title_vi", true, 300);
    String titleEn = f.text("title_en", false, 300);
    String bodyVi = f.text("body_vi", true, 20000);
    String bodyEn = f.text("body_en", false, 20000);
    Boolean published = f.bool("published", false);
    firstProblem(f);
    List<Long> cites = new ArrayList<>();
    Object raw = b.getValue("cites");
    if (raw != null && !(raw instanceof JsonArray)) {
      throw DomainException.invalid("cites", "a list of catalogue entry ids");
    }
    JsonArray list = raw == null ? new JsonArray() : (JsonArray) raw;
    if (list.size() > 100) {
      throw DomainException.invalid("cites", "at most 100 entries");
    }
    for (int i = 0; i < list.size(); i++) {
      Object v = list.getValue(i);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw DomainException.invalid("cites[" + i + "]", "a catalogue entry id (an integer)");
      }
      cites.add(n.longValue());
    }
    @SuppressWarnings("unchecked")
    List<Object> entries = (List<Object>) catalogue.catalogue().get("entries");
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (Object e : entries) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) e;
      ids.add(((Number) m.get("id")).longValue());
    }
    for (int i = 0; i < cites.size(); i++) {
      if (!ids.contains(cites.get(i))) {
        throw DomainException.invalid(
            "cites[" + i + "]", "no entry " + cites.get(i) + " in the measures catalogue");
      }
    }
    PgCpGuidance.Note note =
        new PgCpGuidance.Note(
            sector, titleVi, titleEn, bodyVi, bodyEn, cites, published != null && published);
    boolean created = guidance.put(who(ctx), code, note, clock.instant());
    Map<String, Object> out = note.json(code);
    return created ? new Created(out) : out;
  }

  private Object guidanceDocument(RoutingContext ctx) {
    String code = code(ctx, "note");
    String lang = lang(ctx);
    Map<String, Object> note =
        guidance
            .published(code)
            .orElseThrow(() -> new NotFoundException("no published guidance note " + code));
    List<Map<String, Object>> entries = cited(catalogue.catalogue(), note);
    return new File(
        "application/pdf",
        "cp-guidance-" + code + "-" + lang + ".pdf",
        new CpGuidanceDocument(lang).pdf(note, entries));
  }

  private Object publishAchievement(RoutingContext ctx) {
    String label = ctx.pathParam("period");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(java.util.Set.of("published"));
    Boolean published = f.bool("published", true);
    firstProblem(f);
    var period = achievements.closed(label);
    return highlights.publishAchievement(
        who(ctx), period.label(), published, () -> achievements.figures(period), clock.instant());
  }

  private Object putPilot(RoutingContext ctx) {
    String code = code(ctx, "pilot");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(
        java.util.Set.of(
            "enterprise", "site", "title_vi", "title_en", "body_vi", "body_en", "published"));
    String enterprise = f.matching("enterprise", true, TopicName.ID, "an enterprise id");
    String site = f.matching("site", true, TopicName.ID, "a site id");
    String titleVi = f.text("title_vi", true, 300);
    String titleEn = f.text("title_en", false, 300);
    String bodyVi = f.text("body_vi", false, 5000);
    String bodyEn = f.text("body_en", false, 5000);
    Boolean published = f.bool("published", false);
    firstProblem(f);
    PgCpHighlights.Pilot p =
        new PgCpHighlights.Pilot(
            enterprise, site, titleVi, titleEn, bodyVi, bodyEn, published != null && published);
    boolean created = highlights.putPilot(who(ctx), code, p, clock.instant());
    Map<String, Object> out = p.json(code);
    return created ? new Created(out) : out;
  }

  private static String lang(RoutingContext ctx) {
    String lang = query(ctx, "lang");
    if (lang == null) {
      return "vi";
    }
    if (!List.of("vi", "en").contains(lang)) {
      throw DomainException.invalid("lang", "vi or en, got '" + lang + "'");
    }
    return lang;
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

  private static void answer(RoutingContext ctx, Object result) {
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
