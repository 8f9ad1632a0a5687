package org.energytrace.ingest.cp;

import static org.energytrace.ingest.cp.CpParams.code;
import static org.energytrace.ingest.cp.CpParams.enterprise;
import static org.energytrace.ingest.web.Params.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.programme.ProgrammeExport;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * The CP public section (issue 18): the measures catalogue's public notes ({@code listCpPublic},
 * {@code putCpPublicItem}, attendance), content and guidance ({@code listCpContent}, {@code
 * putCpGuidance}, {@code getCpGuidanceDocument}), achievements and pilot sites. Each handler runs
 * on a worker thread ({@link CpRoutes}).
 */
final class CpPublicRoutes {
  private final CpCatalogue catalogue;
  private final PgCpPublic content;
  private final PgCpGuidance guidance;
  private final PgCpHighlights highlights;
  private final CpAchievements achievements;
  private final Clock clock;

  CpPublicRoutes(
      CpCatalogue catalogue,
      PgCpPublic content,
      PgCpGuidance guidance,
      PgCpHighlights highlights,
      CpAchievements achievements,
      Clock clock) {
    this.catalogue = catalogue;
    this.content = content;
    this.guidance = guidance;
    this.highlights = highlights;
    this.achievements = achievements;
    this.clock = clock;
  }

  /**
   * The public CP section: published items only, the published guidance notes with the catalogue
   * entries they cite, and the catalogue's entries.
   */
  Object publicSection() {
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
  Object content() {
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

  Object attend(RoutingContext ctx) {
    String item = code(ctx, "item");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(java.util.Set.of("enterprise", "person", "role", "officer"));
    String enterprise = f.matching("enterprise", true, TopicName.ID, "an enterprise id");
    String person = f.text("person", true, 200);
    String role = f.oneOf("role", true, List.of("cp_officer", "manager", "staff"));
    String officer = f.matching("officer", false, CpInput.CODE, "a CP officer code");
    f.throwFirst();
    if ("cp_officer".equals(role) != (officer != null)) {
      throw DomainException.invalid(
          "officer",
          "cp_officer".equals(role)
              ? "required for a CP officer (their code in the programme registry)"
              : "only a CP officer has an officer code");
    }
    Map<String, Object> out =
        content.attend(
            Who.of(ctx),
            item,
            new PgCpPublic.Attendee(enterprise, person, role, officer),
            clock.instant());
    return Boolean.TRUE.equals(out.get("recorded")) ? Blocking.Answer.created(out) : out;
  }

  Object putGuidance(RoutingContext ctx) {
    String code = code(ctx, "note");
    JsonObject b = Params.nonEmptyBody(ctx);
    Fields f = new Fields(b.getMap(), "");
    f.only(
        java.util.Set.of(
            "sector", "title_vi", "title_en", "body_vi", "body_en", "cites", "published"));
    String sector =
        f.matching(
            "sector", true, java.util.regex.Pattern.compile("[0-9]{1,4}"), "a VSIC code or prefix");
    CpTexts texts = CpTexts.read(f, true, 20000);
    boolean published = published(f);
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
    PgCpGuidance.Note note = new PgCpGuidance.Note(sector, texts, cites, published);
    boolean created = guidance.put(Who.of(ctx), code, note, clock.instant());
    Map<String, Object> out = note.json(code);
    return created ? Blocking.Answer.created(out) : out;
  }

  Object guidanceDocument(RoutingContext ctx) {
    String code = code(ctx, "note");
    String lang = lang(ctx);
    Map<String, Object> note =
        guidance
            .published(code)
            .orElseThrow(() -> new NotFoundException("no published guidance note " + code));
    List<Map<String, Object>> entries = cited(catalogue.catalogue(), note);
    return new Blocking.File(
        "application/pdf",
        "cp-guidance-" + code + "-" + lang + ".pdf",
        new CpGuidanceDocument(lang).pdf(note, entries));
  }

  Object publishAchievement(RoutingContext ctx) {
    String label = ctx.pathParam("period");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(java.util.Set.of("published"));
    Boolean published = f.bool("published", true);
    f.throwFirst();
    var period = achievements.closed(label);
    Map<String, Object> figures = published ? achievements.figures(period) : null;
    if (figures != null && ((Number) figures.get("facilities")).intValue() == 0) {
      // a period before the programme had any facility published an empty row of zeros
      throw DomainException.conflict(
          "period", "no facility was in the programme in " + label + ": nothing to publish");
    }
    return highlights.publishAchievement(
        Who.of(ctx),
        period.label(),
        published,
        () -> figures != null ? figures : achievements.figures(period),
        clock.instant());
  }

  Object putPilot(RoutingContext ctx) {
    String code = code(ctx, "pilot");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(
        java.util.Set.of(
            "enterprise", "site", "title_vi", "title_en", "body_vi", "body_en", "published"));
    String enterprise = f.matching("enterprise", true, TopicName.ID, "an enterprise id");
    String site = f.matching("site", true, TopicName.ID, "a site id");
    CpTexts texts = CpTexts.read(f, false, 5000);
    PgCpHighlights.Pilot p = new PgCpHighlights.Pilot(enterprise, site, texts, published(f));
    boolean created = highlights.putPilot(Who.of(ctx), code, p, clock.instant());
    Map<String, Object> out = p.json(code);
    return created ? Blocking.Answer.created(out) : out;
  }

  /**
   * Reads {@code published} (false when absent) after the texts of a note or a pilot site, then
   * refuses the first bad field of {@code f}.
   */
  private static boolean published(Fields f) {
    Boolean published = f.bool("published", false);
    f.throwFirst();
    return published != null && published;
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

  Object putItem(RoutingContext ctx) {
    String code = code(ctx, "item");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
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
    CpTexts texts = CpTexts.read(f, false, 5000);
    LocalDate date = f.date("date", false);
    Double attendance = f.number("attendance", false, 0, 1_000_000);
    Double year = f.number("plan_year", false, 2000, 2100);
    Boolean published = f.bool("published", false);
    f.throwFirst();
    if (attendance != null && attendance != Math.rint(attendance)) {
      throw DomainException.invalid("attendance", "a number of people (an integer)");
    }
    if (attendance != null
        && date != null
        && date.isAfter(LocalDate.now(clock.withZone(ProgrammeExport.ZONE)))) {
      throw DomainException.invalid(
          "attendance",
          "the activity is dated "
              + date
              + ", in the future: give its attendance once it took place");
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
            texts,
            date,
            attendance == null ? null : attendance.intValue(),
            year == null ? null : year.intValue(),
            published != null && published);
    boolean created = content.put(Who.of(ctx), code, item, clock.instant());
    Map<String, Object> out = item.json(code);
    return created ? Blocking.Answer.created(out) : out;
  }
}
