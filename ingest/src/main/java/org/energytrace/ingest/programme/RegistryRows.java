package org.energytrace.ingest.programme;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.EnteredEnergy;
import org.energytrace.ingest.verification.PgSignoffs;

/**
 * The registry's rows as the API shows them, read in PostgreSQL on the caller's connection: CP
 * steps (with the sign-off a "savings verified" step rests on, and its withdrawal), savings (with
 * their baseline and whether they count as verified, {@link #SIGNOFF}), CP officers with their
 * training, and each year's energy per carrier (declared where there is a declaration, else
 * metered). Read for many facilities at once ({@link ProgrammeExport#load}) or one row at a time
 * (the stores' audit entries).
 */
final class RegistryRows {
  private RegistryRows() {}

  /**
   * Rows of a registry table (aliased {@code x}, with an {@code enterprise_id}) as the API shows
   * them: {@code select}, the column {@code key} that keys them, their {@code order} within a
   * facility and how a row reads.
   */
  record Rows(String select, String key, String order, Sql.Row<Map<String, Object>> mapper) {
    /** The rows of the facilities {@code ids}, by code, in {@code order}. */
    Map<String, List<Map<String, Object>>> of(Connection c, Long[] ids, Map<Long, String> codes)
        throws SQLException {
      Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
      for (Map.Entry<Long, Map<String, Object>> e :
          Sql.list(
              c,
              select + " WHERE x.enterprise_id = ANY(?) ORDER BY " + order,
              Sql.args(ids(c, ids)),
              rs -> Map.entry(rs.getLong("enterprise_id"), mapper.map(rs)))) {
        out.computeIfAbsent(codes.get(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
      }
      return out;
    }

    /** The row keyed {@code id}; it must exist. */
    Map<String, Object> one(Connection c, long id) throws SQLException {
      return Sql.one(c, select + " WHERE " + key + " = ?", Sql.args(id), mapper);
    }
  }

  /** The facilities {@code ids} as the {@code bigint[]} an {@code = ANY(?)} reads. */
  private static Array ids(Connection c, Long[] ids) throws SQLException {
    return c.createArrayOf("bigint", ids);
  }

  private static final String STEP_COLUMNS =
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
   * The current sign-off that verifies a saving: an assigned auditor's opinion verified (or
   * verified with reservations) on a period of the saving's EnPI against its baseline version
   * (docs/verification.md §1.2) whose figures the saving holds — the sign-off recorded them, took
   * over a saving typed in for exactly its period, or (when it could compute none) linked such a
   * saving typed in before any sign-off of the period ({@link SignoffSaving}) — and that is not to
   * be re-verified ({@link PgSignoffs#TO_BE_REVERIFIED}). Any other saving typed in is not what an
   * auditor verified.
   */
  static final String SIGNOFF =
      " LEFT JOIN LATERAL (SELECT s.signed_at, s.opinion FROM period_signoff s"
          + " WHERE s.signoff_id = x.signoff_id"
          + " AND s.enpi_id = b.enpi_id AND s.baseline_version = b.version"
          + " AND s.superseded_by IS NULL"
          + " AND s.opinion IN ('verified', 'verified_with_reservations')"
          + " AND s.period_from <= x.period_from AND s.period_to >= x.period_to"
          // a period to be re-verified (figures changed after the signed dossier) verifies nothing
          + " AND NOT ("
          + PgSignoffs.TO_BE_REVERIFIED
          + ")) so ON true";

  /**
   * Whether saving {@code x} (of baseline {@code b}) is its carrier's share of the saving of an
   * EnPI over several carriers: recorded by a sign-off from the savings' split by carrier
   * (docs/programme-reporting.md), not that carrier's saving measured alone. An SQL expression; the
   * province report reads it from the loaded savings ({@code carrier_share}).
   */
  private static final String CARRIER_SHARE =
      "(x.carrier IS NOT NULL AND x.signoff_id IS NOT NULL AND (SELECT count(DISTINCT m.carrier)"
          + " FROM enpi_version v CROSS JOIN jsonb_array_elements(v.definition -> 'meters') t"
          + " JOIN meter m ON m.enterprise_id = b.enterprise_id AND m.code = t ->> 'meter'"
          + " WHERE v.enpi_id = b.enpi_id AND v.version = b.enpi_version) > 1)";

  private static final String SAVING_COLUMNS =
      "SELECT x.enterprise_id, x.saving_id, x.resource, x.kind, x.carrier, x.unit, x.period_from,"
          + " x.period_to, x.fraction, x.fraction_low, x.fraction_high, x.confidence, x.amount,"
          + " x.half_width, x.money, x.currency, x.reference, x.recorded_by, x.recorded_at,"
          + " n.code AS enpi, b.version, b.status AS baseline_status, b.approved_at,"
          + " so.signed_at AS verified_at, x.signoff_id AS recorded_from_signoff, "
          + CARRIER_SHARE
          + " AS carrier_share FROM programme_saving x LEFT JOIN enpi_baseline b USING (baseline_id)"
          + " LEFT JOIN enpi n ON n.enpi_id = b.enpi_id"
          + SIGNOFF;

  /** The CP steps, in the order they happened. */
  static final Rows STEPS =
      new Rows(STEP_COLUMNS, "x.step_id", "x.step_date, x.step_id", RegistryRows::step);

  private static Map<String, Object> step(ResultSet rs) throws SQLException {
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
      m.put("detail_from_signoff", false);
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
      // the detail the sign-off wrote (an English sentence, also the audit's): a page words it
      // from `signoff` in its language; a step recorded by hand keeps the detail typed
      m.put(
          "detail_from_signoff",
          SignoffSteps.evidence(
                  signoff,
                  rs.getString("signoff_opinion"),
                  rs.getString("signoff_enpi"),
                  rs.getInt("signoff_baseline"),
                  rs.getObject("signoff_from", LocalDate.class),
                  rs.getObject("signoff_to", LocalDate.class),
                  rs.getString("signoff_sha256"))
              .equals(rs.getString("detail")));
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

  /** The savings, in the order of their periods. */
  static final Rows SAVINGS =
      new Rows(SAVING_COLUMNS, "x.saving_id", "x.period_to, x.saving_id", RegistryRows::saving);

  private static Map<String, Object> saving(ResultSet rs) throws SQLException {
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
    // its carrier's share of an EnPI's saving over several carriers, not the carrier alone
    m.put("carrier_share", rs.getBoolean("carrier_share"));
    long from = rs.getLong("recorded_from_signoff");
    // the sign-off whose period's figures it holds (null: recorded by hand)
    m.put("signoff", rs.wasNull() ? null : from);
    // verified once an auditor signed off a period covering it against its approved baseline
    OffsetDateTime approved = rs.getObject("approved_at", OffsetDateTime.class);
    OffsetDateTime verified = rs.getObject("verified_at", OffsetDateTime.class);
    boolean counts = approved != null && verified != null;
    m.put("status", counts ? "verified" : "indicative");
    m.put(
        "verified_on",
        counts ? verified.atZoneSameInstant(ProgrammeExport.ZONE).toLocalDate().toString() : null);
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

  /** The CP officers of the facilities {@code ids} with their training, by code. */
  static Map<String, List<Map<String, Object>>> officers(
      Connection c, Long[] ids, Map<Long, String> codes) throws SQLException {
    return officers(
        Sql.list(
            c,
            OFFICERS + " WHERE o.enterprise_id = ANY(?) ORDER BY o.code, t.training_date, t.course",
            Sql.args(ids(c, ids)),
            rs -> officer(rs, codes)));
  }

  /** CP officer {@code code} of the facility with its training, empty when there is none. */
  static Optional<Map<String, Object>> officer(Connection c, long enterpriseId, String code)
      throws SQLException {
    Map<String, List<Map<String, Object>>> out =
        officers(
            Sql.list(
                c,
                OFFICERS
                    + " WHERE o.enterprise_id = ? AND o.code = ? ORDER BY t.training_date,"
                    + " t.course",
                Sql.args(enterpriseId, Sql.text(code)),
                rs -> officer(rs, Map.of(enterpriseId, "x"))));
    return out.getOrDefault("x", List.of()).stream().findFirst();
  }

  private static final String OFFICERS =
      "SELECT o.enterprise_id, o.code, o.name, o.appointed_on, o.email, o.phone, t.course,"
          + " t.training_date, t.certificate, t.completed, t.recorded_by"
          + " FROM programme_officer o LEFT JOIN programme_training t USING (officer_id)";

  /** A row of {@link #OFFICERS}: the officer (without training yet) and its training, if any. */
  private record OfficerRow(
      String facility, Map<String, Object> officer, Map<String, Object> training) {}

  private static OfficerRow officer(ResultSet rs, Map<Long, String> codes) throws SQLException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("code", rs.getString(2));
    o.put("name", rs.getString(3));
    LocalDate appointed = rs.getObject(4, LocalDate.class);
    o.put("appointed_on", appointed == null ? null : appointed.toString());
    o.put("email", rs.getString(5));
    o.put("phone", rs.getString(6));
    o.put("trainings", new ArrayList<Map<String, Object>>());
    Map<String, Object> t = null;
    if (rs.getString(7) != null) {
      t = new LinkedHashMap<>();
      t.put("course", rs.getString(7));
      t.put("date", rs.getObject(8, LocalDate.class).toString());
      t.put("certificate", rs.getString(9));
      t.put("completed", rs.getBoolean(10));
      t.put("recorded_by", rs.getString(11));
    }
    return new OfficerRow(codes.get(rs.getLong(1)), o, t);
  }

  /** The officers of {@code rows} (one a row of training) with their training, by facility. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<Map<String, Object>>> officers(List<OfficerRow> rows) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
    for (OfficerRow r : rows) {
      String key = r.facility() + "/" + r.officer().get("code");
      Map<String, Object> o = byKey.get(key);
      if (o == null) {
        o = r.officer();
        byKey.put(key, o);
        out.computeIfAbsent(r.facility(), k -> new ArrayList<>()).add(o);
      }
      if (r.training() != null) {
        ((List<Map<String, Object>>) o.get("trainings")).add(r.training());
      }
    }
    return out;
  }

  /** Declared energy per year and carrier, and metered where nothing is declared. */
  static Map<String, List<Map<String, Object>>> energy(
      Connection c, Long[] ids, Map<Long, String> codes) throws SQLException {
    Map<String, Map<String, Map<String, Object>>> byKey = new TreeMap<>();
    put(
        Sql.list(
            c,
            "SELECT ie.enterprise_id,"
                + " extract(year FROM ie.ts_start AT TIME ZONE coalesce(s.time_zone, ?))::int,"
                + " m.carrier, m.energy_unit, sum(ie.energy),"
                + " count(DISTINCT (ie.ts_start AT TIME ZONE coalesce(s.time_zone, ?))::date)"
                + " FROM interval_energy ie JOIN channel ch ON ch.channel_id = ie.channel_id"
                + " JOIN meter m ON m.meter_id = ch.meter_id JOIN site s ON s.site_id = m.site_id"
                + " WHERE ie.enterprise_id = ANY(?) AND m.role = 'main' AND m.carrier IS NOT NULL"
                + " AND ch.name = m.energy_channel GROUP BY 1, 2, 3, 4",
            Sql.args(ProgrammeExport.ZONE.getId(), ProgrammeExport.ZONE.getId(), ids(c, ids)),
            rs -> amount(rs, codes).withDays(rs.getInt(6))),
        byKey,
        "metered");
    put(
        Sql.list(
            c,
            "SELECT enterprise_id, year, carrier, unit, amount FROM programme_energy"
                + " WHERE enterprise_id = ANY(?)",
            Sql.args(ids(c, ids)),
            rs -> amount(rs, codes)),
        byKey,
        "declared");
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    byKey.forEach((k, rows) -> out.put(k, new ArrayList<>(rows.values())));
    return out;
  }

  /**
   * A year's amount of a carrier of a facility; metered, with the local days its meters have data
   * for ({@code days}; null when declared).
   */
  private record Amount(
      String facility, int year, String carrier, String unit, double amount, Integer days) {
    Amount withDays(int n) {
      return new Amount(facility, year, carrier, unit, amount, n);
    }
  }

  /** The row (enterprise id, year, carrier, unit, amount) as an {@link Amount}. */
  private static Amount amount(ResultSet rs, Map<Long, String> codes) throws SQLException {
    return new Amount(
        codes.get(rs.getLong(1)),
        rs.getInt(2),
        rs.getString(3),
        rs.getString(4),
        rs.getDouble(5),
        null);
  }

  /** Puts {@code amounts} in {@code byKey}, from {@code source}. */
  private static void put(
      List<Amount> amounts, Map<String, Map<String, Map<String, Object>>> byKey, String source) {
    for (Amount a : amounts) {
      put(byKey, a.facility(), a.year(), a.carrier(), a.unit(), a.amount(), source);
      if (a.days() != null) {
        byKey.get(a.facility()).get(a.year() + "/" + a.carrier()).put("days", a.days());
      }
    }
  }

  private static void put(
      Map<String, Map<String, Map<String, Object>>> byKey,
      String facility,
      int year,
      String carrier,
      String unit,
      double amount,
      String source) {
    Map<String, Object> m = energyRow(year, carrier, unit, amount, source);
    // declared rows are read last: they replace the metered amount of their year and carrier
    byKey.computeIfAbsent(facility, k -> new TreeMap<>()).put(year + "/" + carrier, m);
  }

  /**
   * Puts the entered energy {@code y} under {@code key} in {@code rows}: as {@code fresh} (with its
   * resource) where there is no row, added to an entered row of the same unit (two coal stores: one
   * amount), and not at all where the carrier is metered or declared.
   */
  static void addEntered(
      Map<String, Map<String, Object>> rows,
      String key,
      EnteredEnergy.Year y,
      Map<String, Object> fresh) {
    Map<String, Object> row = rows.get(key);
    if (row == null) {
      fresh.put("resources", new ArrayList<>(List.of(y.resource())));
      rows.put(key, fresh);
    } else if ("entered".equals(row.get("source")) && y.unit().equals(row.get("unit"))) {
      row.put("amount", (Double) row.get("amount") + y.amount());
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) row.get("resources");
      names.add(y.resource());
    }
  }

  /** An energy row as the API shows it: year, carrier, unit, amount and source. */
  static Map<String, Object> energyRow(
      int year, String carrier, String unit, double amount, String source) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", year);
    m.put("carrier", carrier);
    m.put("unit", unit);
    m.put("amount", amount);
    m.put("source", source);
    return m;
  }
}
