package org.energytrace.ingest.programme;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.analytics.report.Facility;
import org.energytrace.analytics.report.ProgrammeCalculator;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeInput;
import org.energytrace.analytics.report.ProgrammeInputJson;
import org.energytrace.analytics.report.ProgrammeScope;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Uploads;

/**
 * The programme API (issue 16) under {@code /api/v1/programme}: the registry's facilities (list,
 * one with its lifecycle, put a profile), CP steps with their evidence, CP officers and training,
 * declared energy, savings, the registry import (CSV preview, then commit), the area officers'
 * areas, the programme input export and the indicators. Access is decided by the gate ({@code
 * auth.AccessPolicy}); every read also takes the caller's scope, so a district officer sees the
 * facilities of their districts only. Work runs on worker threads.
 */
public final class ProgrammeRoutes {
  private static final String BASE = "/api/v1/programme";
  private static final String FACILITY = BASE + "/facilities/:enterprise";
  private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
  private static final Pattern CARRIER = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
  private static final List<String> STAGES =
      List.of(
          "not_reached",
          "aware",
          "potential_assessed",
          "assessment_done",
          "applying",
          "savings_verified");

  private final Vertx vertx;
  private final PgProgramme store;
  private final ProgrammeExport export;
  private final Clock clock;

  public ProgrammeRoutes(Vertx vertx, PgProgramme store, ProgrammeExport export, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.export = export;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get(BASE + "/facilities").handler(ctx -> run(ctx, () -> list(ctx)));
    router.get(FACILITY).handler(ctx -> run(ctx, () -> facility(ctx)));
    router.put(FACILITY).handler(ctx -> run(ctx, () -> putProfile(ctx)));
    router.post(FACILITY + "/cp-steps").handler(ctx -> run(ctx, () -> recordStep(ctx)));
    router.get(FACILITY + "/cp-steps/:step/attachment").handler(this::attachment);
    router.put(FACILITY + "/officers/:officer").handler(ctx -> run(ctx, () -> putOfficer(ctx)));
    router
        .post(FACILITY + "/officers/:officer/trainings")
        .handler(ctx -> run(ctx, () -> recordTraining(ctx)));
    router.put(FACILITY + "/energy/:year").handler(ctx -> run(ctx, () -> putEnergy(ctx)));
    router.post(FACILITY + "/savings").handler(ctx -> run(ctx, () -> recordSaving(ctx)));
    router.post(BASE + "/registry/preview").handler(ctx -> run(ctx, () -> preview(ctx)));
    router.post(BASE + "/registry/commit").handler(ctx -> run(ctx, () -> commit(ctx)));
    router.put(BASE + "/officer-areas/:username").handler(ctx -> run(ctx, () -> putArea(ctx)));
    router.get(BASE + "/input").handler(ctx -> run(ctx, () -> input(ctx)));
    router.get(BASE + "/indicators").handler(ctx -> run(ctx, () -> indicators(ctx)));
  }

  // ---- reads ----

  private Object list(RoutingContext ctx) {
    LocalDate asOf = date(ctx, "as_of").orElse(today());
    String district = query(ctx, "district");
    String sector = sector(ctx);
    String park = query(ctx, "park");
    String stage = query(ctx, "stage");
    if (stage != null && !STAGES.contains(stage)) {
      throw DomainException.invalid("stage", "must be one of " + String.join(", ", STAGES));
    }
    List<Object> rows = new ArrayList<>();
    for (ProgrammeExport.Loaded l :
        export.load(Principal.scope(ctx), null, ProgrammeExport.CONFIDENCE).values()) {
      Facility f = l.facility();
      String s = stage(f, asOf);
      if ((district != null && !district.equals(f.district()))
          || (sector != null && !f.vsic().startsWith(sector))
          || (park != null && !park.equals(f.industrialPark()))
          || (stage != null && !stage.equals(s))) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enterprise", l.code());
      m.put("legal_name_vi", l.profile().legalNameVi());
      m.put("short_name", l.profile().shortName());
      m.put("vsic", f.vsic());
      m.put("district", l.profile().district());
      m.put("commune", l.profile().commune());
      m.put("industrial_park", l.profile().industrialPark());
      m.put("size", l.profile().size());
      m.put("latitude", l.profile().latitude());
      m.put("longitude", l.profile().longitude());
      m.put("registered", f.registered(asOf));
      m.put("stage", s);
      m.put("potential", f.hasPotential(asOf));
      m.put("officers", f.officers().stream().filter(o -> o.registered(asOf)).count());
      m.put(
          "officers_trained",
          f.officers().stream().filter(o -> o.registered(asOf) && o.trained(asOf)).count());
      m.put("key_energy_user", export.keyEnergyUser(f, asOf.getYear() - 1));
      rows.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", asOf.toString());
    out.put("facilities", rows);
    return out;
  }

  private Object facility(RoutingContext ctx) {
    LocalDate asOf = date(ctx, "as_of").orElse(today());
    ProgrammeExport.Loaded l = export.one(Principal.scope(ctx), ctx.pathParam("enterprise"));
    Facility f = l.facility();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enterprise", l.code());
    m.put("profile", l.profile().json());
    m.put("as_of", asOf.toString());
    Map<String, Object> cp = new LinkedHashMap<>();
    cp.put("stage", stage(f, asOf));
    cp.put("potential", f.hasPotential(asOf));
    cp.put("potential_contradicted", f.potentialContradicted(asOf));
    // the history: every step recorded, also those dated after as_of (marked)
    List<Object> steps = new ArrayList<>();
    for (Map<String, Object> s : l.steps()) {
      Map<String, Object> step = new LinkedHashMap<>(s);
      step.put("after_as_of", LocalDate.parse((String) s.get("date")).isAfter(asOf));
      steps.add(step);
    }
    cp.put("steps", steps);
    m.put("cp", cp);
    List<Object> officers = new ArrayList<>();
    for (int i = 0; i < l.officers().size(); i++) {
      Map<String, Object> o = new LinkedHashMap<>(l.officers().get(i));
      o.put("trained", f.officers().get(i).trained(asOf));
      officers.add(o);
    }
    m.put("officers", officers);
    m.put("energy", l.energy());
    m.put("savings", l.savings());
    m.put("key_energy_user", export.keyEnergyUser(f, asOf.getYear() - 1));
    return m;
  }

  private static String stage(Facility f, LocalDate asOf) {
    return f.stage(asOf).map(PgProgramme::wire).orElse("not_reached");
  }

  private void attachment(RoutingContext ctx) {
    long step;
    try {
      step = Long.parseLong(ctx.pathParam("step"));
    } catch (NumberFormatException e) {
      HttpErrors.badRequest(ctx, "step", "must be a step id (an integer)");
      return;
    }
    String enterprise = ctx.pathParam("enterprise");
    vertx
        .executeBlocking(() -> store.attachment(Principal.scope(ctx), enterprise, step), false)
        .onSuccess(
            a ->
                ctx.response()
                    .putHeader(
                        "Content-Type",
                        a.contentType() == null ? "application/octet-stream" : a.contentType())
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\""
                            + a.name().replaceAll("[^A-Za-z0-9._-]", "_")
                            + "\"")
                    .putHeader("X-Content-SHA256", a.sha256())
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Cache-Control", "no-store")
                    .end(io.vertx.core.buffer.Buffer.buffer(a.bytes())))
        .onFailure(e -> failure(ctx, e));
  }

  private Object input(RoutingContext ctx) {
    return new Raw(ProgrammeInputJson.write(programmeInput(ctx)));
  }

  private Object indicators(RoutingContext ctx) {
    ProgrammeInput in = programmeInput(ctx);
    ProgrammeScope scope =
        new ProgrammeScope(query(ctx, "district"), sector(ctx), query(ctx, "park"));
    return new Raw(ProgrammeCalculator.indicators(in, scope, ProgrammeData.bundled()).json());
  }

  /**
   * The input the indicators are computed from: as of the period's last day with the period set, or
   * as of {@code as_of} (default today) without one.
   */
  private ProgrammeInput programmeInput(RoutingContext ctx) {
    String label = query(ctx, "period");
    ReportPeriod period = null;
    if (label != null) {
      try {
        period = ReportPeriod.parse(label);
      } catch (AnalyticsException e) {
        throw DomainException.invalid(
            "period", "a half-year 2026-H1 or a year 2026, got '" + label + "'");
      }
    }
    Optional<LocalDate> asOf = date(ctx, "as_of");
    LocalDate on = asOf.orElse(period == null ? today() : period.to());
    Integer gridYear = null;
    String g = query(ctx, "grid_year");
    if (g != null) {
      try {
        gridYear = Integer.parseInt(g);
      } catch (NumberFormatException e) {
        throw DomainException.invalid("grid_year", "must be a year, got '" + g + "'");
      }
      if (gridYear < 2000 || gridYear > 2100) {
        throw DomainException.invalid("grid_year", "must be a year between 2000 and 2100");
      }
    }
    return export.input(Principal.scope(ctx), on, period, ProgrammeExport.CONFIDENCE, gridYear);
  }

  // ---- writes ----

  private Object putProfile(RoutingContext ctx) {
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(FacilityProfile.fieldSet());
    FacilityProfile p = FacilityProfile.read(f).orElseThrow(() -> first(f));
    if (!f.ok()) {
      throw first(f);
    }
    String enterprise = ctx.pathParam("enterprise");
    if (!TopicName.ID.matcher(enterprise).matches()) {
      throw DomainException.invalid("enterprise", "must match " + TopicName.ID.pattern());
    }
    boolean created =
        store.putProfile(who(ctx), Principal.scope(ctx), enterprise, p, clock.instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("enterprise", enterprise);
    out.put("profile", p.json());
    return created ? new Created(out) : out;
  }

  private Object recordStep(RoutingContext ctx) {
    JsonObject b = body(ctx);
    Fields f = new Fields(b.getMap(), "");
    f.only(Set.of("stage", "date", "detail", "potential", "saving", "attachment"));
    String stage = f.oneOf("stage", true, STAGES.subList(1, STAGES.size()));
    LocalDate date = f.date("date", true);
    String detail = f.text("detail", false, 1000);
    Boolean potential = f.bool("potential", false);
    Double saving = f.number("saving", false, 1, 9e15);
    throwFirst(f);
    if (saving != null && saving != Math.rint(saving)) {
      throw DomainException.invalid("saving", "the id of a saving (an integer)");
    }
    CpStage s = CpStage.valueOf(stage.toUpperCase(Locale.ROOT));
    if (date.isAfter(today())) {
      throw DomainException.invalid(
          "date", "a step is recorded once it happened; " + date + " is in the future");
    }
    if (s == CpStage.AWARE
        && (detail == null || !List.of("workshop", "visit", "material").contains(detail))) {
      throw DomainException.invalid(
          "detail", "how the facility became aware: workshop, visit or material");
    }
    if ((s == CpStage.POTENTIAL_ASSESSED) != (potential != null)) {
      throw DomainException.invalid(
          "potential",
          s == CpStage.POTENTIAL_ASSESSED
              ? "required: whether the facility has CP potential (true or false)"
              : "only a potential_assessed step says potential");
    }
    if ((s == CpStage.SAVINGS_VERIFIED) != (saving != null)) {
      throw DomainException.invalid(
          "saving",
          s == CpStage.SAVINGS_VERIFIED
              ? "required: the id of the verified saving (recordProgrammeSaving)"
              : "only a savings_verified step names a saving");
    }
    Inputs.Attachment attachment = parseAttachment(b.getValue("attachment"));
    Inputs.Step step =
        new Inputs.Step(
            s, date, detail, potential, saving == null ? null : saving.longValue(), attachment);
    return new Created(
        store.recordStep(
            who(ctx), Principal.scope(ctx), ctx.pathParam("enterprise"), step, clock.instant()));
  }

  /** {@code {name, content_type?, data (base64)}} of at most {@link PgProgramme#MAX_ATTACHMENT}. */
  private static Inputs.Attachment parseAttachment(Object raw) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject a)) {
      throw DomainException.invalid("attachment", "must be an object {name, content_type, data}");
    }
    Fields f = new Fields(a.getMap(), "attachment.");
    f.only(Set.of("name", "content_type", "data"));
    String name = f.text("name", true, 200);
    String type =
        f.matching(
            "content_type",
            false,
            Pattern.compile("[a-z]+/[a-z0-9.+-]+"),
            "a media type such as application/pdf");
    Object data = a.getValue("data");
    throwFirst(f);
    if (!(data instanceof String d) || d.isEmpty()) {
      throw DomainException.invalid("attachment.data", "required: the file, base64-encoded");
    }
    if (d.length() > (PgProgramme.MAX_ATTACHMENT / 3 + 1) * 4 + 8) {
      throw DomainException.invalid(
          "attachment.data", "at most " + PgProgramme.MAX_ATTACHMENT + " bytes once decoded");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(d);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("attachment.data", "not base64 (RFC 4648)");
    }
    if (bytes.length > PgProgramme.MAX_ATTACHMENT) {
      throw DomainException.invalid(
          "attachment.data", "at most " + PgProgramme.MAX_ATTACHMENT + " bytes once decoded");
    }
    if (bytes.length == 0) {
      throw DomainException.invalid("attachment.data", "an empty file");
    }
    return new Inputs.Attachment(name, type, bytes, sha256(bytes));
  }

  private Object putOfficer(RoutingContext ctx) {
    String code = code(ctx.pathParam("officer"), "officer");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(Set.of("name", "appointed_on", "email", "phone"));
    Inputs.Officer o =
        new Inputs.Officer(
            f.text("name", true, 200),
            f.date("appointed_on", false),
            f.matching("email", false, FacilityProfile.EMAIL, "an e-mail address"),
            f.text("phone", false, 40));
    throwFirst(f);
    return store.putOfficer(
        who(ctx), Principal.scope(ctx), ctx.pathParam("enterprise"), code, o, clock.instant());
  }

  private Object recordTraining(RoutingContext ctx) {
    String code = code(ctx.pathParam("officer"), "officer");
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(Set.of("course", "date", "certificate", "completed"));
    String course = f.text("course", true, 300);
    LocalDate date = f.date("date", true);
    String certificate = f.text("certificate", false, 200);
    Boolean completed = f.bool("completed", true);
    throwFirst(f);
    return new Created(
        store.recordTraining(
            who(ctx),
            Principal.scope(ctx),
            ctx.pathParam("enterprise"),
            code,
            new Inputs.Training(course, date, certificate, completed),
            clock.instant()));
  }

  private Object putEnergy(RoutingContext ctx) {
    int year;
    try {
      year = Integer.parseInt(ctx.pathParam("year"));
    } catch (NumberFormatException e) {
      throw DomainException.invalid("year", "must be a year, got '" + ctx.pathParam("year") + "'");
    }
    if (year < 2000 || year > today().getYear()) {
      throw DomainException.invalid("year", "a past or the current year from 2000, got " + year);
    }
    JsonObject b = body(ctx);
    if (!(b.getValue("energy") instanceof JsonArray list)) {
      throw DomainException.invalid("energy", "required: a list of {carrier, unit, amount}");
    }
    if (b.size() != 1) {
      throw DomainException.invalid("body", "only the field energy");
    }
    List<Inputs.Energy> rows = new ArrayList<>();
    Set<String> carriers = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof JsonObject e)) {
        throw DomainException.invalid(
            "energy[" + i + "]", "must be an object {carrier, unit, amount}");
      }
      Fields f = new Fields(e.getMap(), "energy[" + i + "].");
      f.only(Set.of("carrier", "unit", "amount"));
      String carrier =
          f.matching(
              "carrier",
              true,
              CARRIER,
              "a carrier as named in the conversion table (electricity, coal_grade_3_4, ...)");
      String unit = f.text("unit", true, 20);
      Double amount = f.number("amount", true, 0, 1e15);
      throwFirst(f);
      if (!carriers.add(carrier)) {
        throw DomainException.invalid("energy[" + i + "].carrier", carrier + " appears twice");
      }
      rows.add(new Inputs.Energy(carrier, unit, amount));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("year", year);
    out.put(
        "energy",
        store.putEnergy(
            who(ctx),
            Principal.scope(ctx),
            ctx.pathParam("enterprise"),
            year,
            rows,
            clock.instant()));
    return out;
  }

  private Object recordSaving(RoutingContext ctx) {
    Fields f = new Fields(body(ctx).getMap(), "");
    f.only(
        Set.of(
            "resource",
            "kind",
            "carrier",
            "unit",
            "from",
            "to",
            "fraction",
            "fraction_low",
            "fraction_high",
            "confidence",
            "amount",
            "half_width",
            "money",
            "currency",
            "enpi",
            "baseline_version",
            "reference"));
    String resource =
        f.matching("resource", true, CARRIER, "a resource name (lower case, digits, _)");
    String kind = f.oneOf("kind", true, List.of("energy", "water", "material"));
    String carrier =
        f.matching("carrier", false, CARRIER, "a carrier as named in the conversion table");
    String unit = f.text("unit", true, 20);
    LocalDate from = f.date("from", true);
    LocalDate to = f.date("to", true);
    Double fraction = f.number("fraction", true, -10, 1);
    Double low = f.number("fraction_low", true, -10, 1);
    Double high = f.number("fraction_high", true, -10, 1);
    Double confidence = f.number("confidence", false, 0.5, 0.999);
    Double amount = f.number("amount", true, -1e15, 1e15);
    Double halfWidth = f.number("half_width", false, 0, 1e15);
    Double money = f.number("money", false, -1e18, 1e18);
    String currency =
        f.matching("currency", false, Pattern.compile("[A-Z]{3}"), "an ISO 4217 code such as VND");
    String enpi = f.matching("enpi", false, TopicName.ID, "an EnPI code");
    Double version = f.number("baseline_version", false, 1, 1e6);
    String reference = f.text("reference", false, 500);
    throwFirst(f);
    if (version != null && version != Math.rint(version)) {
      throw DomainException.invalid("baseline_version", "a version number (an integer)");
    }
    if (to.isBefore(from)) {
      throw DomainException.invalid("to", "the saving period ends before it starts");
    }
    if (to.isAfter(today())) {
      throw DomainException.invalid("to", "a saving is recorded once its period has ended");
    }
    if (!(low <= fraction && fraction <= high)) {
      throw DomainException.invalid("fraction", "must lie in [fraction_low, fraction_high]");
    }
    if (kind.equals("energy") != (carrier != null)) {
      throw DomainException.invalid(
          "carrier",
          kind.equals("energy")
              ? "required for an energy saving"
              : "water and materials have no carrier");
    }
    if ((enpi == null) != (version == null)) {
      throw DomainException.invalid(
          enpi == null ? "enpi" : "baseline_version",
          "name both the EnPI and its baseline version, or neither");
    }
    Inputs.Saving s =
        new Inputs.Saving(
            resource,
            kind,
            carrier,
            unit,
            from,
            to,
            fraction,
            low,
            high,
            confidence == null ? ProgrammeExport.CONFIDENCE : confidence,
            amount,
            halfWidth == null ? 0 : halfWidth,
            money,
            currency == null ? "VND" : currency,
            enpi,
            version == null ? null : version.intValue(),
            reference);
    return new Created(
        store.recordSaving(
            who(ctx), Principal.scope(ctx), ctx.pathParam("enterprise"), s, clock.instant()));
  }

  private Object putArea(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    JsonObject b = body(ctx);
    boolean districts = b.containsKey("districts");
    if (districts == b.containsKey("parks") || b.size() != 1) {
      throw DomainException.invalid("body", "give either districts or parks (a list of names)");
    }
    String field = districts ? "districts" : "parks";
    if (!(b.getValue(field) instanceof JsonArray list)) {
      throw DomainException.invalid(field, "must be a list of names");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Fields f = new Fields(Map.of("name", list.getValue(i) == null ? "" : list.getValue(i)), "");
      String n = f.text("name", true, 200);
      if (!f.ok()) {
        throw DomainException.invalid(field + "[" + i + "]", f.problems().get(0).message());
      }
      names.add(n);
    }
    return store.putArea(
        who(ctx),
        username,
        new Inputs.Area(districts ? "district" : "park", names),
        clock.instant());
  }

  // ---- the registry import ----

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private RegistryFile.Parsed parseUpload(RoutingContext ctx) {
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

  private Object preview(RoutingContext ctx) {
    RegistryFile.Parsed parsed = parseUpload(ctx);
    Map<String, Object> m = problems(parsed);
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

  private Object commit(RoutingContext ctx) {
    String uploadId = query(ctx, "upload_id");
    if (uploadId == null) {
      throw DomainException.invalid("upload_id", "the upload_id of the preview is required");
    }
    RegistryFile.Parsed parsed = parseUpload(ctx);
    if (!parsed.valid()) {
      return new Status(422, problems(parsed));
    }
    if (!uploadId.equals(parsed.uploadId())) {
      throw DomainException.conflict(
          "upload_id",
          "the file's rows are not those previewed (their upload_id is " + parsed.uploadId() + ")");
    }
    PgProgramme.Committed c = store.commitImport(who(ctx), parsed, clock.instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("upload_id", c.uploadId());
    out.put("rows", c.rows());
    out.put("changed", c.changed());
    out.put("already_committed", c.alreadyCommitted());
    return out;
  }

  private static Map<String, Object> problems(RegistryFile.Parsed parsed) {
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
                            "row "
                                + p.row()
                                + (p.columnLabel() == null ? "" : ", column " + p.columnLabel())
                                + ": "
                                + p.message()))
            .toList());
    return m;
  }

  // ---- plumbing ----

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ProgrammeExport.ZONE));
  }

  private static Who who(RoutingContext ctx) {
    return Who.of(Principal.of(ctx), SecurityHandler.clientIp(ctx));
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

  private static String sector(RoutingContext ctx) {
    String s = query(ctx, "sector");
    if (s != null && !s.matches("[0-9]{1,4}")) {
      throw DomainException.invalid(
          "sector", "a VSIC code or prefix (1 to 4 digits), got '" + s + "'");
    }
    return s;
  }

  private static Optional<LocalDate> date(RoutingContext ctx, String name) {
    String v = query(ctx, name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      LocalDate d = LocalDate.parse(v);
      if (d.getYear() < 1900 || d.getYear() > 2100) {
        throw DomainException.invalid(name, "a date between 1900 and 2100");
      }
      return Optional.of(d);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(name, "must be a date YYYY-MM-DD, got '" + v + "'");
    }
  }

  private static String code(String value, String field) {
    if (value == null || !CODE.matcher(value).matches()) {
      throw DomainException.invalid(field, "must match " + CODE.pattern());
    }
    return value;
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

  private static DomainException first(Fields f) {
    Fields.Problem p = f.problems().get(0);
    return DomainException.invalid(p.field(), p.message());
  }

  private static void throwFirst(Fields f) {
    if (!f.ok()) {
      throw first(f);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON text answered as it is (the analytics' own deterministic JSON). */
  private record Raw(String json) {}

  private record Created(Object body) {}

  private record Status(int status, Object body) {}

  private void run(RoutingContext ctx, Callable<Object> work) {
    vertx
        .executeBlocking(work, false)
        .onSuccess(
            result -> {
              if (result instanceof Raw r) {
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(r.json());
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
    } else if (e instanceof AnalyticsException a) {
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
            : new JsonArray((List<?>) body).encode();
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(text);
  }
}
