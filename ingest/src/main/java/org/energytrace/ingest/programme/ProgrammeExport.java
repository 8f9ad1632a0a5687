package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.energytrace.analytics.report.CpOfficer;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.analytics.report.CpStep;
import org.energytrace.analytics.report.EnergyUse;
import org.energytrace.analytics.report.Facility;
import org.energytrace.analytics.report.KeyEnergyUserThreshold;
import org.energytrace.analytics.report.ProgrammeData;
import org.energytrace.analytics.report.ProgrammeInput;
import org.energytrace.analytics.report.ProgrammeTargets;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.analytics.report.ResourceSaving;
import org.energytrace.analytics.report.Training;
import org.energytrace.analytics.resource.FacilityEnergy;
import org.energytrace.analytics.resource.Resource;
import org.energytrace.analytics.resource.ResourceAmount;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.units.MissingFactor;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.EnteredEnergy;
import org.energytrace.ingest.tenant.Scope;

/**
 * Reads the registry: every facility in a scope with its steps, officers, savings and energy, in a
 * handful of queries, both as the analytics' {@link Facility} (the programme input, exactly what
 * {@code analytics programme} reads) and as the API shows it (with who recorded what and when, the
 * evidence's hash, each saving's baseline and each year's energy source: the rows {@link
 * RegistryRows} reads), and the key-energy-user status of a facility.
 *
 * <p>A saving is <b>verified</b> when the EnPI baseline it names has been approved by an auditor
 * ({@code enpi_baseline.approved_at}, V60; a superseded version stays approved for the savings
 * computed on it) and an assigned auditor signed off a period covering the saving's as verified (or
 * verified with reservations; {@link #SIGNOFF}), with {@code verified_on} the sign-off's date in
 * the province's time zone; otherwise it is <b>indicative</b>. Energy of a year is the declared
 * amount of a carrier where there is one, else the metered one (main meters' interval energy, local
 * years).
 */
public final class ProgrammeExport {
  /** The province whose programme this is (the input's label). */
  public static final String PROVINCE = "Bình Dương";

  /** Where local dates (approval days, metered years) are taken. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** The confidence savings are stated at unless asked otherwise (IPMVP's usual 90 %). */
  public static final double CONFIDENCE = 0.9;

  private final DataSource dataSource;
  private final ProgrammeData data;
  private final PgProgrammeTargets targets;
  private final EnteredEnergy entered;
  private final PeriodEnergy periodEnergy;

  public ProgrammeExport(DataSource dataSource) {
    this.dataSource = dataSource;
    this.data = ProgrammeData.bundled();
    this.targets = new PgProgrammeTargets(dataSource);
    this.entered = new EnteredEnergy(dataSource);
    this.periodEnergy = new PeriodEnergy(dataSource, entered);
  }

  /** The province's stored target sets in the order recorded (empty: the bundled table). */
  public List<ProgrammeTargets> targets() {
    return targets.sets();
  }

  /** One facility as read: its profile, its analytics record and its rows for the API. */
  record Loaded(
      String code,
      FacilityProfile profile,
      Facility facility,
      List<Map<String, Object>> steps,
      List<Map<String, Object>> officers,
      List<Map<String, Object>> savings,
      List<Map<String, Object>> energy) {}

  /**
   * The programme input of the facilities in {@code scope}: what {@code analytics programme} reads
   * ({@code ProgrammeInputJson.write} of it), with the province's stored targets. Savings stated at
   * another confidence than {@code confidence} are left out (the input holds one confidence).
   */
  public ProgrammeInput input(
      Scope scope, LocalDate asOf, ReportPeriod period, double confidence, Integer gridYear) {
    List<Facility> facilities = new ArrayList<>();
    for (Loaded l : load(scope, null, confidence).values()) {
      facilities.add(l.facility());
    }
    return new ProgrammeInput(PROVINCE, asOf, period, confidence, gridYear, facilities, targets());
  }

  /** The registered facilities in scope, by code. */
  Map<String, Loaded> load(Scope scope, String only, double confidence) {
    Map<String, Loaded> loaded =
        Sql.with(
            dataSource,
            "reading the programme registry",
            c -> {
              c.setReadOnly(true);
              return load(c, scope, only, confidence);
            });
    // the energy no meter reads (coal by deliveries and stock counts), read after the registry's
    // connection is given back: a year and carrier already metered or declared keeps its amount
    for (String code : entered.holders(loaded.keySet())) {
      loaded.put(code, withEntered(loaded.get(code), entered.of(Scope.ALL, code)));
    }
    return loaded;
  }

  /** {@code l} with the entered energy of the years and carriers it has no amount of. */
  private static Loaded withEntered(Loaded l, List<EnteredEnergy.Year> years) {
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    for (Map<String, Object> e : l.energy()) {
      rows.put(e.get("year") + "/" + e.get("carrier"), e);
    }
    for (EnteredEnergy.Year y : years) {
      RegistryRows.addEntered(
          rows,
          y.year() + "/" + y.carrier(),
          y,
          RegistryRows.energyRow(y.year(), y.carrier(), y.unit(), y.amount(), "entered"));
    }
    List<Map<String, Object>> energy = new ArrayList<>(rows.values());
    Facility with =
        l.facility().withEnergy(energy.stream().map(ProgrammeExport::energyUse).toList());
    return new Loaded(l.code(), l.profile(), with, l.steps(), l.officers(), l.savings(), energy);
  }

  static EnergyUse energyUse(Map<String, Object> e) {
    return new EnergyUse(
        (Integer) e.get("year"),
        (String) e.get("carrier"),
        (String) e.get("unit"),
        (Double) e.get("amount"));
  }

  /** A registered facility: its enterprise's id and code, and its profile. */
  private record Registered(long id, String code, FacilityProfile profile) {}

  private Map<String, Loaded> load(Connection c, Scope scope, String only, double confidence)
      throws SQLException {
    Map<Long, String> codes = new LinkedHashMap<>();
    Map<String, FacilityProfile> profiles = new TreeMap<>();
    for (Registered r :
        Sql.list(
            c,
            "SELECT f.enterprise_id, e.code, "
                + PgProgramme.PROFILE_COLUMNS
                + " FROM programme_facility f JOIN enterprise e USING (enterprise_id)"
                + " WHERE "
                + Scope.SQL_ENTERPRISE.formatted("e.code")
                + " AND (?::text IS NULL OR e.code = ?) ORDER BY e.code",
            ps -> Sql.bind(ps, scope.bind(c, ps, 1), Sql.text(only), Sql.text(only)),
            rs -> new Registered(rs.getLong(1), rs.getString(2), PgProgramme.profile(rs, 3)))) {
      codes.put(r.id(), r.code());
      profiles.put(r.code(), r.profile());
    }
    Long[] ids = codes.keySet().toArray(new Long[0]);
    Map<String, List<Map<String, Object>>> steps = RegistryRows.STEPS.of(c, ids, codes);
    Map<String, List<Map<String, Object>>> officers = RegistryRows.officers(c, ids, codes);
    Map<String, List<Map<String, Object>>> savings = RegistryRows.SAVINGS.of(c, ids, codes);
    Map<String, List<Map<String, Object>>> energy = RegistryRows.energy(c, ids, codes);
    Map<String, Loaded> out = new LinkedHashMap<>();
    for (var p : profiles.entrySet()) {
      String code = p.getKey();
      FacilityProfile f = p.getValue();
      List<Map<String, Object>> st = steps.getOrDefault(code, List.of());
      List<Map<String, Object>> of = officers.getOrDefault(code, List.of());
      List<Map<String, Object>> sv = savings.getOrDefault(code, List.of());
      List<Map<String, Object>> en = energy.getOrDefault(code, List.of());
      Facility facility =
          new Facility(
              code,
              f.shortName() == null ? f.legalNameVi() : f.shortName(),
              f.vsic(),
              f.district(),
              f.commune(),
              f.industrialPark(),
              f.registeredOn(),
              f.leftOn(),
              f.keyEnergyUserListed(),
              // a withdrawn verification counts on no date, as its saving no longer counts
              // verified on any (SIGNOFF reads the current sign-offs); the history keeps it
              st.stream()
                  .filter(s -> s.get("withdrawn") == null)
                  .map(ProgrammeExport::cpStep)
                  .toList(),
              of.stream().map(ProgrammeExport::cpOfficer).toList(),
              sv.stream()
                  .filter(s -> ((Double) s.get("confidence")) == confidence)
                  .map(ProgrammeExport::resourceSaving)
                  .toList(),
              en.stream().map(ProgrammeExport::energyUse).toList());
      out.put(code, new Loaded(code, f, facility, st, of, sv, en));
    }
    return out;
  }

  /** One facility, or not found (also when out of scope). */
  Loaded one(Scope scope, String enterprise) {
    Loaded l =
        scope.permits(enterprise) ? load(scope, enterprise, CONFIDENCE).get(enterprise) : null;
    if (l == null) {
      throw new NotFoundException("facility " + enterprise + " not found in the registry");
    }
    return l;
  }

  /**
   * The energy per carrier of {@code l} (read by {@link #one}) over {@code from}..{@code to}, days
   * of one year: declared for the year, else metered or entered over those days ({@link
   * PeriodEnergy}).
   */
  List<Object> energyBetween(Loaded l, LocalDate from, LocalDate to) {
    return periodEnergy.of(l.code(), l.energy(), from, to);
  }

  // ---- to the analytics' records ----

  static CpStep cpStep(Map<String, Object> s) {
    return new CpStep(
        CpStage.valueOf(((String) s.get("stage")).toUpperCase(Locale.ROOT)),
        LocalDate.parse((String) s.get("date")),
        (String) s.get("detail"),
        (Boolean) s.get("potential"),
        (String) s.get("recorded_by"));
  }

  @SuppressWarnings("unchecked")
  static CpOfficer cpOfficer(Map<String, Object> o) {
    List<Training> trainings = new ArrayList<>();
    for (Map<String, Object> t : (List<Map<String, Object>>) o.get("trainings")) {
      trainings.add(
          new Training(
              (String) t.get("course"),
              LocalDate.parse((String) t.get("date")),
              (String) t.get("certificate"),
              (Boolean) t.get("completed")));
    }
    String appointed = (String) o.get("appointed_on");
    return new CpOfficer(
        (String) o.get("code"),
        (String) o.get("name"),
        appointed == null ? null : LocalDate.parse(appointed),
        trainings);
  }

  @SuppressWarnings("unchecked")
  static ResourceSaving resourceSaving(Map<String, Object> s) {
    boolean verified = "verified".equals(s.get("status"));
    Map<String, Object> b = (Map<String, Object>) s.get("baseline");
    String reference = (String) s.get("reference");
    if (b != null) {
      String base = "baseline " + b.get("enpi") + " v" + b.get("version");
      reference = reference == null ? base : base + "; " + reference;
    }
    return new ResourceSaving(
        (String) s.get("resource"),
        ResourceKind.valueOf(((String) s.get("kind")).toUpperCase(Locale.ROOT)),
        (String) s.get("carrier"),
        (String) s.get("unit"),
        verified ? ResourceSaving.Status.VERIFIED : ResourceSaving.Status.INDICATIVE,
        verified ? LocalDate.parse((String) s.get("verified_on")) : null,
        LocalDate.parse((String) s.get("from")),
        LocalDate.parse((String) s.get("to")),
        (Double) s.get("fraction"),
        (Double) s.get("fraction_low"),
        (Double) s.get("fraction_high"),
        (Double) s.get("confidence"),
        (Double) s.get("amount"),
        (Double) s.get("half_width"),
        (Double) s.get("money"),
        (String) s.get("currency"),
        reference);
  }

  // ---- key energy user ----

  /**
   * Key-energy-user status of {@code l} for {@code year}: TOE of its energy that year (declared,
   * else metered and entered) against the threshold valid at the end of the year, as the indicators
   * compute it; not {@code complete} when a metered carrier has days without data.
   */
  Map<String, Object> keyEnergyUser(Loaded l, int year) {
    Map<String, Object> m = keyEnergyUser(l.facility(), year);
    // a metered year is the days its meters have data for: a meter installed in November gave
    // the year's TOE from 54 days, "complete"
    int expected =
        year == LocalDate.now(ZONE).getYear()
            ? LocalDate.now(ZONE).getDayOfYear() - 1
            : LocalDate.of(year, 12, 31).getDayOfYear();
    List<String> partial = new ArrayList<>();
    for (Map<String, Object> e : l.energy()) {
      if (e.get("year").equals(year)
          && "metered".equals(e.get("source"))
          && e.get("days") instanceof Integer days
          && days < expected) {
        partial.add(e.get("carrier") + " " + days + " of " + expected + " days");
      }
    }
    if (!partial.isEmpty() && m.get("toe") != null) {
      m.put("complete", false);
      m.put(
          "note",
          "metered energy of "
              + year
              + " covers "
              + String.join(", ", partial)
              + ": the year's TOE is understated");
    }
    return m;
  }

  private Map<String, Object> keyEnergyUser(Facility f, int year) {
    List<ResourceAmount> amounts = new ArrayList<>();
    for (EnergyUse e : f.energy()) {
      if (e.year() == year) {
        amounts.add(
            new ResourceAmount(Resource.energy(e.carrier(), e.carrier(), e.unit()), e.amount()));
      }
    }
    KeyEnergyUserThreshold threshold =
        KeyEnergyUserThreshold.bundled(data.keyEnergyUserThresholdId(), LocalDate.of(year, 12, 31));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", year);
    m.put("threshold_toe", threshold.threshold());
    m.put("threshold_source", threshold.source());
    m.put("on_national_list", f.keyEnergyUserListed());
    if (amounts.isEmpty()) {
      m.put("toe", null);
      m.put("complete", false);
      m.put("key_energy_user", f.keyEnergyUserListed());
      m.put("note", "no energy declared or metered for " + year);
      return m;
    }
    FacilityEnergy.ToeTotal total = FacilityEnergy.toe(amounts, year, data.conversions());
    m.put("toe", total.toe());
    m.put("complete", total.complete());
    m.put("missing_factors", total.missing().stream().map(MissingFactor::message).toList());
    m.put("key_energy_user", total.toe() >= threshold.threshold() || f.keyEnergyUserListed());
    m.put("note", null);
    return m;
  }
}
