package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.tenant.Scope;

/**
 * Reads the registry: every facility in a scope with its steps, officers, savings and energy, in a
 * handful of queries, both as the analytics' {@link Facility} (the programme input, exactly what
 * {@code analytics programme} reads) and as the API shows it (with who recorded what and when, the
 * evidence's hash, each saving's baseline and each year's energy source).
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

  public ProgrammeExport(DataSource dataSource) {
    this.dataSource = dataSource;
    this.data = ProgrammeData.bundled();
    this.targets = new PgProgrammeTargets(dataSource);
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
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      return load(c, scope, only, confidence);
    } catch (SQLException e) {
      throw StoreException.of("reading the programme registry", e);
    }
  }

  private Map<String, Loaded> load(Connection c, Scope scope, String only, double confidence)
      throws SQLException {
    Map<Long, String> codes = new LinkedHashMap<>();
    Map<String, FacilityProfile> profiles = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT f.enterprise_id, e.code, "
                + PgProgramme.PROFILE_COLUMNS
                + " FROM programme_facility f JOIN enterprise e USING (enterprise_id)"
                + " WHERE "
                + Scope.SQL_ENTERPRISE.formatted("e.code")
                + " AND (?::text IS NULL OR e.code = ?) ORDER BY e.code")) {
      int i = scope.bind(c, ps, 1);
      ps.setString(i, only);
      ps.setString(i + 1, only);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          codes.put(rs.getLong(1), rs.getString(2));
          profiles.put(rs.getString(2), PgProgramme.profile(rs, 3));
        }
      }
    }
    Long[] ids = codes.keySet().toArray(new Long[0]);
    Map<String, List<Map<String, Object>>> steps =
        group(c, STEPS, ids, codes, ProgrammeExport::step);
    Map<String, List<Map<String, Object>>> officers = officers(c, ids, codes);
    Map<String, List<Map<String, Object>>> savings =
        group(c, SAVINGS, ids, codes, ProgrammeExport::saving);
    Map<String, List<Map<String, Object>>> energy = energy(c, ids, codes);
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
              en.stream()
                  .map(
                      e ->
                          new EnergyUse(
                              (Integer) e.get("year"),
                              (String) e.get("carrier"),
                              (String) e.get("unit"),
                              (Double) e.get("amount")))
                  .toList());
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

  // ---- rows ----

  @FunctionalInterface
  private interface RowMapper {
    Map<String, Object> map(ResultSet rs) throws SQLException;
  }

  private static Map<String, List<Map<String, Object>>> group(
      Connection c, String select, Long[] ids, Map<Long, String> codes, RowMapper mapper)
      throws SQLException {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(select + " WHERE x.enterprise_id = ANY(?)" + ORDER.get(select))) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(codes.get(rs.getLong("enterprise_id")), k -> new ArrayList<>())
              .add(mapper.map(rs));
        }
      }
    }
    return out;
  }

  static final String STEPS =
      "SELECT x.enterprise_id, x.step_id, x.stage, x.step_date, x.detail, x.potential,"
          + " x.saving_id, x.recorded_by, x.recorded_at, x.attachment_name, x.attachment_type,"
          + " x.attachment_sha256, x.attachment_size,"
          // the sign-off a "savings verified" step rests on, and its withdrawal (V74)
          + " x.signoff_id, sg.opinion AS signoff_opinion, sg.dossier_sha256 AS signoff_sha256,"
          + " sg.signed_by_account AS signoff_account, sg.signed_at AS signoff_at,"
          + " sg.period_from AS signoff_from, sg.period_to AS signoff_to,"
          + " sg.baseline_version AS signoff_baseline, sn.code AS signoff_enpi,"
          + " x.withdrawn_on, x.withdrawn_by, x.withdrawn_signoff_id, x.withdrawn_reason"
          + " FROM programme_cp_step x"
          + " LEFT JOIN period_signoff sg ON sg.signoff_id = x.signoff_id"
          + " LEFT JOIN enpi sn ON sn.enpi_id = sg.enpi_id";

  /**
   * The earliest current sign-off that verifies a saving: an assigned auditor's opinion verified
   * (or verified with reservations) on a period of the saving's EnPI against its baseline version
   * that covers the saving's period (docs/verification.md §1.2).
   */
  static final String SIGNOFF =
      " LEFT JOIN LATERAL (SELECT s.signed_at, s.opinion FROM period_signoff s"
          + " WHERE s.enpi_id = b.enpi_id AND s.baseline_version = b.version"
          + " AND s.superseded_by IS NULL"
          + " AND s.opinion IN ('verified', 'verified_with_reservations')"
          + " AND s.period_from <= x.period_from AND s.period_to >= x.period_to"
          + " ORDER BY s.signed_at, s.signoff_id LIMIT 1) so ON true";

  static final String SAVINGS =
      "SELECT x.enterprise_id, x.saving_id, x.resource, x.kind, x.carrier, x.unit, x.period_from,"
          + " x.period_to, x.fraction, x.fraction_low, x.fraction_high, x.confidence, x.amount,"
          + " x.half_width, x.money, x.currency, x.reference, x.recorded_by, x.recorded_at,"
          + " n.code AS enpi, b.version, b.status AS baseline_status, b.approved_at,"
          + " so.signed_at AS verified_at, x.signoff_id AS recorded_from_signoff"
          + " FROM programme_saving x LEFT JOIN enpi_baseline b USING (baseline_id)"
          + " LEFT JOIN enpi n ON n.enpi_id = b.enpi_id"
          + SIGNOFF;

  private static final Map<String, String> ORDER =
      Map.of(
          STEPS, " ORDER BY x.step_date, x.step_id", SAVINGS, " ORDER BY x.period_to, x.saving_id");

  static Map<String, Object> step(Connection c, long stepId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STEPS + " WHERE x.step_id = ?")) {
      ps.setLong(1, stepId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return step(rs);
      }
    }
  }

  static Map<String, Object> step(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getLong("step_id"));
    m.put("stage", rs.getString("stage"));
    m.put("date", rs.getObject("step_date", LocalDate.class).toString());
    m.put("detail", rs.getString("detail"));
    m.put("potential", rs.getObject("potential"));
    m.put("saving", rs.getObject("saving_id"));
    m.put("recorded_by", rs.getString("recorded_by"));
    m.put("recorded_at", rs.getObject("recorded_at", OffsetDateTime.class).toInstant().toString());
    if (rs.getString("attachment_sha256") != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", rs.getString("attachment_name"));
      a.put("content_type", rs.getString("attachment_type"));
      a.put("sha256", rs.getString("attachment_sha256"));
      a.put("size", rs.getInt("attachment_size"));
      m.put("attachment", a);
    } else {
      m.put("attachment", null);
    }
    long signoff = rs.getLong("signoff_id");
    if (rs.wasNull()) {
      m.put("signoff", null);
    } else {
      // the link to the verification: the sign-off, its opinion and its dossier's SHA-256
      Map<String, Object> so = new LinkedHashMap<>();
      so.put("id", signoff);
      so.put("enpi", rs.getString("signoff_enpi"));
      so.put("baseline_version", rs.getInt("signoff_baseline"));
      so.put("from", rs.getObject("signoff_from", LocalDate.class).toString());
      so.put("to", rs.getObject("signoff_to", LocalDate.class).toString());
      so.put("opinion", rs.getString("signoff_opinion"));
      so.put("dossier_sha256", rs.getString("signoff_sha256"));
      so.put("signed_by_account", rs.getString("signoff_account"));
      so.put("signed_at", rs.getObject("signoff_at", OffsetDateTime.class).toInstant().toString());
      m.put("signoff", so);
    }
    LocalDate withdrawn = rs.getObject("withdrawn_on", LocalDate.class);
    if (withdrawn == null) {
      m.put("withdrawn", null);
    } else {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("on", withdrawn.toString());
      w.put("by", rs.getString("withdrawn_by"));
      w.put("signoff", rs.getLong("withdrawn_signoff_id"));
      w.put("reason", rs.getString("withdrawn_reason"));
      m.put("withdrawn", w);
    }
    return m;
  }

  static Map<String, Object> saving(Connection c, long savingId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SAVINGS + " WHERE x.saving_id = ?")) {
      ps.setLong(1, savingId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return saving(rs);
      }
    }
  }

  static Map<String, Object> saving(ResultSet rs) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", rs.getLong("saving_id"));
    m.put("resource", rs.getString("resource"));
    m.put("kind", rs.getString("kind"));
    m.put("carrier", rs.getString("carrier"));
    m.put("unit", rs.getString("unit"));
    m.put("from", rs.getObject("period_from", LocalDate.class).toString());
    m.put("to", rs.getObject("period_to", LocalDate.class).toString());
    m.put("fraction", rs.getDouble("fraction"));
    m.put("fraction_low", rs.getDouble("fraction_low"));
    m.put("fraction_high", rs.getDouble("fraction_high"));
    m.put("confidence", rs.getDouble("confidence"));
    m.put("amount", rs.getDouble("amount"));
    m.put("half_width", rs.getDouble("half_width"));
    m.put("money", rs.getObject("money"));
    m.put("currency", rs.getString("currency"));
    m.put("reference", rs.getString("reference"));
    long from = rs.getLong("recorded_from_signoff");
    // the sign-off whose period's figures it holds (null: recorded by hand)
    m.put("signoff", rs.wasNull() ? null : from);
    // verified once an auditor signed off a period covering it against its approved baseline
    OffsetDateTime approved = rs.getObject("approved_at", OffsetDateTime.class);
    OffsetDateTime verified = rs.getObject("verified_at", OffsetDateTime.class);
    boolean counts = approved != null && verified != null;
    m.put("status", counts ? "verified" : "indicative");
    m.put("verified_on", counts ? verified.atZoneSameInstant(ZONE).toLocalDate().toString() : null);
    if (rs.getString("enpi") != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("enpi", rs.getString("enpi"));
      b.put("version", rs.getInt("version"));
      b.put("status", rs.getString("baseline_status"));
      m.put("baseline", b);
    } else {
      m.put("baseline", null);
    }
    m.put("recorded_by", rs.getString("recorded_by"));
    m.put("recorded_at", rs.getObject("recorded_at", OffsetDateTime.class).toInstant().toString());
    return m;
  }

  private static Map<String, List<Map<String, Object>>> officers(
      Connection c, Long[] ids, Map<Long, String> codes) throws SQLException {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            OFFICERS
                + " WHERE o.enterprise_id = ANY(?) ORDER BY o.code, t.training_date, t.course")) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      try (ResultSet rs = ps.executeQuery()) {
        officers(rs, codes, out);
      }
    }
    return out;
  }

  static Optional<Map<String, Object>> officer(Connection c, long enterpriseId, String code)
      throws SQLException {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            OFFICERS
                + " WHERE o.enterprise_id = ? AND o.code = ? ORDER BY t.training_date, t.course")) {
      ps.setLong(1, enterpriseId);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        officers(rs, Map.of(enterpriseId, "x"), out);
      }
    }
    return out.getOrDefault("x", List.of()).stream().findFirst();
  }

  private static final String OFFICERS =
      "SELECT o.enterprise_id, o.code, o.name, o.appointed_on, o.email, o.phone, t.course,"
          + " t.training_date, t.certificate, t.completed, t.recorded_by"
          + " FROM programme_officer o LEFT JOIN programme_training t USING (officer_id)";

  @SuppressWarnings("unchecked")
  private static void officers(
      ResultSet rs, Map<Long, String> codes, Map<String, List<Map<String, Object>>> out)
      throws SQLException {
    Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
    while (rs.next()) {
      String facility = codes.get(rs.getLong(1));
      String key = facility + "/" + rs.getString(2);
      Map<String, Object> o = byKey.get(key);
      if (o == null) {
        o = new LinkedHashMap<>();
        o.put("code", rs.getString(2));
        o.put("name", rs.getString(3));
        LocalDate appointed = rs.getObject(4, LocalDate.class);
        o.put("appointed_on", appointed == null ? null : appointed.toString());
        o.put("email", rs.getString(5));
        o.put("phone", rs.getString(6));
        o.put("trainings", new ArrayList<Map<String, Object>>());
        byKey.put(key, o);
        out.computeIfAbsent(facility, k -> new ArrayList<>()).add(o);
      }
      if (rs.getString(7) != null) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("course", rs.getString(7));
        t.put("date", rs.getObject(8, LocalDate.class).toString());
        t.put("certificate", rs.getString(9));
        t.put("completed", rs.getBoolean(10));
        t.put("recorded_by", rs.getString(11));
        ((List<Map<String, Object>>) o.get("trainings")).add(t);
      }
    }
  }

  /** Declared energy per year and carrier, and metered where nothing is declared. */
  private static Map<String, List<Map<String, Object>>> energy(
      Connection c, Long[] ids, Map<Long, String> codes) throws SQLException {
    Map<String, Map<String, Map<String, Object>>> byKey = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ie.enterprise_id,"
                + " extract(year FROM ie.ts_start AT TIME ZONE coalesce(s.time_zone, ?))::int,"
                + " m.carrier, m.energy_unit, sum(ie.energy)"
                + " FROM interval_energy ie JOIN channel ch ON ch.channel_id = ie.channel_id"
                + " JOIN meter m ON m.meter_id = ch.meter_id JOIN site s ON s.site_id = m.site_id"
                + " WHERE ie.enterprise_id = ANY(?) AND m.role = 'main' AND m.carrier IS NOT NULL"
                + " AND ch.name = m.energy_channel GROUP BY 1, 2, 3, 4")) {
      ps.setString(1, ZONE.getId());
      ps.setArray(2, c.createArrayOf("bigint", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          put(
              byKey,
              codes.get(rs.getLong(1)),
              rs.getInt(2),
              rs.getString(3),
              rs.getString(4),
              rs.getDouble(5),
              "metered");
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT enterprise_id, year, carrier, unit, amount FROM programme_energy"
                + " WHERE enterprise_id = ANY(?)")) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          put(
              byKey,
              codes.get(rs.getLong(1)),
              rs.getInt(2),
              rs.getString(3),
              rs.getString(4),
              rs.getDouble(5),
              "declared");
        }
      }
    }
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    byKey.forEach((k, rows) -> out.put(k, new ArrayList<>(rows.values())));
    return out;
  }

  private static void put(
      Map<String, Map<String, Map<String, Object>>> byKey,
      String facility,
      int year,
      String carrier,
      String unit,
      double amount,
      String source) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", year);
    m.put("carrier", carrier);
    m.put("unit", unit);
    m.put("amount", amount);
    m.put("source", source);
    // declared rows are read last: they replace the metered amount of their year and carrier
    byKey.computeIfAbsent(facility, k -> new TreeMap<>()).put(year + "/" + carrier, m);
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
   * Key-energy-user status of {@code f} for {@code year}: TOE of its energy that year (declared or
   * metered) against the threshold valid at the end of the year, as the indicators compute it.
   */
  Map<String, Object> keyEnergyUser(Facility f, int year) {
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
