package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.date;
import static org.energytrace.ingest.programme.ProgrammeParams.sector;
import static org.energytrace.ingest.programme.ProgrammeParams.today;
import static org.energytrace.ingest.web.Params.query;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.report.Facility;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * The registry's facilities ({@code /api/v1/programme/facilities}): the list with each facility's
 * CP stage, one facility with its lifecycle, officers, energy and savings, and putting its profile.
 */
final class FacilityRoutes {
  static final List<String> STAGES =
      List.of(
          "not_reached",
          "aware",
          "potential_assessed",
          "assessment_done",
          "applying",
          "savings_verified");

  private final PgProgramme store;
  private final ProgrammeExport export;
  private final Clock clock;

  FacilityRoutes(PgProgramme store, ProgrammeExport export, Clock clock) {
    this.store = store;
    this.export = export;
    this.clock = clock;
  }

  /** {@code listProgrammeFacilities}. */
  Object list(RoutingContext ctx) {
    LocalDate asOf = date(ctx, "as_of").orElse(today(clock));
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
      m.put("stage_to_be_reverified", toBeReverified(l, s, asOf));
      m.put("potential", f.hasPotential(asOf));
      m.put("officers", f.officers().stream().filter(o -> o.registered(asOf)).count());
      m.put(
          "officers_trained",
          f.officers().stream().filter(o -> o.registered(asOf) && o.trained(asOf)).count());
      m.put("key_energy_user", export.keyEnergyUser(l, asOf.getYear() - 1));
      rows.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", asOf.toString());
    out.put("facilities", rows);
    return out;
  }

  /** {@code getProgrammeFacility}. */
  Object facility(RoutingContext ctx) {
    LocalDate asOf = date(ctx, "as_of").orElse(today(clock));
    ProgrammeExport.Loaded l = export.one(Principal.scope(ctx), ctx.pathParam("enterprise"));
    Facility f = l.facility();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enterprise", l.code());
    m.put("profile", l.profile().json());
    m.put("as_of", asOf.toString());
    Map<String, Object> cp = new LinkedHashMap<>();
    String stage = stage(f, asOf);
    cp.put("stage", stage);
    cp.put("stage_to_be_reverified", toBeReverified(l, stage, asOf));
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
    m.put("key_energy_user", export.keyEnergyUser(l, asOf.getYear() - 1));
    return m;
  }

  /**
   * Whether the stage is "savings verified" on a saving that is indicative today: the period its
   * auditor signed off is to be re-verified (a figure revised or data stored for a sealed day after
   * the signed dossier, docs/verification.md), so the stage stands on a saving no longer verified
   * until a sign-off on a newer dossier. The stage itself stays (the facility did verify savings,
   * and it keeps applying CP); the list and the page say so beside it.
   */
  static boolean toBeReverified(ProgrammeExport.Loaded l, String stage, LocalDate asOf) {
    if (!stage.equals("savings_verified")) {
      return false;
    }
    Object saving = null;
    for (Map<String, Object> step : l.steps()) {
      if ("savings_verified".equals(step.get("stage"))
          && step.get("withdrawn") == null
          && !LocalDate.parse((String) step.get("date")).isAfter(asOf)) {
        saving = step.get("saving"); // the steps come in the order they happened: the last wins
      }
    }
    for (Map<String, Object> row : l.savings()) {
      if (saving != null && saving.equals(row.get("id"))) {
        return !"verified".equals(row.get("status"));
      }
    }
    return false;
  }

  /** The facility's CP stage on {@code asOf} as the API names it ({@code not_reached}: none). */
  static String stage(Facility f, LocalDate asOf) {
    return f.stage(asOf).map(PgProgramme::wire).orElse("not_reached");
  }

  /** {@code putProgrammeFacility}: 201 when the entry is new. */
  Object putProfile(RoutingContext ctx) {
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(FacilityProfile.fieldSet());
    FacilityProfile p = FacilityProfile.read(f).orElseThrow(() -> f.first());
    if (!f.ok()) {
      throw f.first();
    }
    String enterprise = ctx.pathParam("enterprise");
    if (!TopicName.ID.matcher(enterprise).matches()) {
      throw DomainException.invalid("enterprise", "must match " + TopicName.ID.pattern());
    }
    boolean created =
        store.putProfile(Who.of(ctx), Principal.scope(ctx), enterprise, p, clock.instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("enterprise", enterprise);
    out.put("profile", p.json());
    return created ? Blocking.Answer.created(out) : out;
  }
}
