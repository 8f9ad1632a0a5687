package org.energytrace.ingest.programme;

import io.vertx.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;

/**
 * The programme registry in PostgreSQL: profiles, CP steps, officers and training, declared energy,
 * savings and the area officers' areas. Every change runs in one transaction with its audit entry
 * ({@code programme.*}, the state before and after), so the log holds exactly the changes made. An
 * enterprise outside {@code scope} is reported as absent. Blocking: call from worker threads.
 */
public final class PgProgramme {
  /** Largest attachment of a CP step (bytes, decoded). */
  public static final int MAX_ATTACHMENT = 512 * 1024;

  private final DataSource dataSource;

  public PgProgramme(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> T transaction(String what, Transactions.Work<T> work) {
    return Transactions.run(dataSource, what, work);
  }

  static void audit(
      Connection c,
      Who who,
      String action,
      String enterprise,
      String target,
      Object before,
      Object after,
      Instant now)
      throws SQLException {
    PgAuditLog.record(
        c,
        new AuditEntry(
            now,
            who.subject(),
            who.role().wire(),
            action,
            AuditEntry.Outcome.SUCCESS,
            enterprise,
            target,
            who.clientIp(),
            null,
            before == null ? null : Json.encode(before),
            after == null ? null : Json.encode(after)));
  }

  // ---- profiles ----

  /**
   * Creates or replaces the registry entry of {@code enterprise}; the enterprise itself is created
   * when missing (only a caller who sees every enterprise gets that far).
   *
   * @return whether the entry was created
   */
  public boolean putProfile(
      Who who, Scope scope, String enterprise, FacilityProfile profile, Instant now) {
    if (!scope.permits(enterprise)) {
      throw new NotFoundException("enterprise " + enterprise + " not found");
    }
    return transaction(
        "writing the registry entry of " + enterprise,
        c -> putProfile(c, who, enterprise, profile, now));
  }

  static boolean putProfile(
      Connection c, Who who, String enterprise, FacilityProfile p, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO enterprise (code) VALUES (?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, enterprise);
      ps.executeUpdate();
    }
    long id = enterpriseId(c, enterprise).orElseThrow();
    Optional<FacilityProfile> before = profile(c, id);
    if (before.isPresent() && before.get().equals(p)) {
      return false; // nothing changes: neither a write nor an audit entry
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO programme_facility (enterprise_id, legal_name_vi, short_name, tax_code,"
                + " vsic, district, commune, industrial_park, address, latitude, longitude, size,"
                + " contact_name, contact_phone, contact_email, key_energy_user_listed,"
                + " registered_on, updated_by, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (enterprise_id) DO UPDATE SET legal_name_vi = EXCLUDED.legal_name_vi,"
                + " short_name = EXCLUDED.short_name, tax_code = EXCLUDED.tax_code,"
                + " vsic = EXCLUDED.vsic, district = EXCLUDED.district,"
                + " commune = EXCLUDED.commune, industrial_park = EXCLUDED.industrial_park,"
                + " address = EXCLUDED.address, latitude = EXCLUDED.latitude,"
                + " longitude = EXCLUDED.longitude, size = EXCLUDED.size,"
                + " contact_name = EXCLUDED.contact_name, contact_phone = EXCLUDED.contact_phone,"
                + " contact_email = EXCLUDED.contact_email,"
                + " key_energy_user_listed = EXCLUDED.key_energy_user_listed,"
                + " registered_on = EXCLUDED.registered_on, updated_by = EXCLUDED.updated_by,"
                + " updated_at = EXCLUDED.updated_at")) {
      int i = 1;
      ps.setLong(i++, id);
      ps.setString(i++, p.legalNameVi());
      ps.setString(i++, p.shortName());
      ps.setString(i++, p.taxCode());
      ps.setString(i++, p.vsic());
      ps.setString(i++, p.district());
      ps.setString(i++, p.commune());
      ps.setString(i++, p.industrialPark());
      ps.setString(i++, p.address());
      ps.setObject(i++, p.latitude(), Types.DOUBLE);
      ps.setObject(i++, p.longitude(), Types.DOUBLE);
      ps.setString(i++, p.size());
      ps.setString(i++, p.contactName());
      ps.setString(i++, p.contactPhone());
      ps.setString(i++, p.contactEmail());
      ps.setBoolean(i++, p.keyEnergyUserListed());
      ps.setObject(i++, p.registeredOn());
      ps.setString(i++, who.subject());
      ps.setObject(i, utc(now));
      ps.executeUpdate();
    }
    audit(
        c,
        who,
        before.isEmpty() ? "programme.facility.create" : "programme.facility.update",
        enterprise,
        enterprise,
        before.map(FacilityProfile::json).orElse(null),
        p.json(),
        now);
    return before.isEmpty();
  }

  /** What a registry import's commit did. */
  public record Committed(String uploadId, int rows, int changed, boolean alreadyCommitted) {}

  /**
   * Stores the previewed rows of a registry import in one transaction (each row as {@link
   * #putProfile}, audited); committing the same rows again stores nothing and says so.
   */
  public Committed commitImport(Who who, RegistryFile.Parsed parsed, Instant now) {
    return transaction(
        "committing a registry import",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_registry_upload (upload_id, file_name, rows,"
                      + " committed_by, committed_at) VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, parsed.uploadId());
            ps.setString(2, parsed.fileName());
            ps.setInt(3, parsed.rows().size());
            ps.setString(4, who.subject());
            ps.setObject(5, utc(now));
            if (ps.executeUpdate() == 0) {
              return new Committed(parsed.uploadId(), parsed.rows().size(), 0, true);
            }
          }
          int changed = 0;
          for (RegistryFile.Row r : parsed.rows()) {
            Optional<Long> id = enterpriseId(c, r.enterprise());
            Optional<FacilityProfile> before =
                id.isEmpty() ? Optional.empty() : profile(c, id.get());
            putProfile(c, who, r.enterprise(), r.profile(), now);
            if (before.isEmpty() || !before.get().equals(r.profile())) {
              changed++;
            }
          }
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("upload_id", parsed.uploadId());
          after.put("file_name", parsed.fileName());
          after.put("rows", parsed.rows().size());
          after.put("changed", changed);
          audit(c, who, "programme.registry.import", null, parsed.uploadId(), null, after, now);
          return new Committed(parsed.uploadId(), parsed.rows().size(), changed, false);
        });
  }

  static Optional<Long> enterpriseId(Connection c, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT enterprise_id FROM enterprise WHERE code = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  static final String PROFILE_COLUMNS =
      "f.legal_name_vi, f.short_name, f.tax_code, f.vsic, f.district, f.commune,"
          + " f.industrial_park, f.address, f.latitude, f.longitude, f.size, f.contact_name,"
          + " f.contact_phone, f.contact_email, f.key_energy_user_listed, f.registered_on";

  static FacilityProfile profile(ResultSet rs, int from) throws SQLException {
    int i = from;
    return new FacilityProfile(
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        (Double) rs.getObject(i++),
        (Double) rs.getObject(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getString(i++),
        rs.getBoolean(i++),
        rs.getObject(i, LocalDate.class));
  }

  private static Optional<FacilityProfile> profile(Connection c, long enterpriseId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + PROFILE_COLUMNS + " FROM programme_facility f WHERE f.enterprise_id = ?")) {
      ps.setLong(1, enterpriseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(profile(rs, 1)) : Optional.empty();
      }
    }
  }

  /** The registered enterprise's id, or not found (also when out of scope). */
  static long registered(Connection c, Scope scope, String enterprise) throws SQLException {
    if (!scope.permits(enterprise)) {
      throw new NotFoundException("facility " + enterprise + " not found in the registry");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.enterprise_id FROM enterprise e JOIN programme_facility f"
                + " USING (enterprise_id) WHERE e.code = ?")) {
      ps.setString(1, enterprise);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("facility " + enterprise + " not found in the registry");
        }
        return rs.getLong(1);
      }
    }
  }

  // ---- the CP lifecycle ----

  /**
   * Appends a CP step. A "savings verified" step names a saving of the facility that counts as
   * verified (its baseline approved), else 409 naming {@code saving}.
   *
   * @return the step as {@link ProgrammeExport#facility} shows it
   */
  public Map<String, Object> recordStep(
      Who who, Scope scope, String enterprise, Inputs.Step s, Instant now) {
    return transaction(
        "recording a CP step of " + enterprise,
        c -> {
          long id = registered(c, scope, enterprise);
          if (s.saving() != null) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT b.approved_at, so.signed_at FROM programme_saving x"
                        + " LEFT JOIN enpi_baseline b USING (baseline_id)"
                        + ProgrammeExport.SIGNOFF
                        + " WHERE x.saving_id = ? AND x.enterprise_id = ?")) {
              ps.setLong(1, s.saving());
              ps.setLong(2, id);
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  throw DomainException.conflict(
                      "saving", "no saving " + s.saving() + " of " + enterprise);
                }
                if (rs.getObject(1) == null || rs.getObject(2) == null) {
                  throw DomainException.conflict(
                      "saving",
                      "saving "
                          + s.saving()
                          + " is not verified: it names no approved EnPI baseline, or no auditor"
                          + " signed off a period covering it");
                }
              }
            }
          }
          long stepId;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_cp_step (enterprise_id, stage, step_date, detail,"
                      + " potential, saving_id, recorded_by, recorded_at, attachment_name,"
                      + " attachment_type, attachment_sha256, attachment_size, attachment)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING step_id")) {
            Inputs.Attachment a = s.attachment();
            ps.setLong(1, id);
            ps.setString(2, wire(s.stage()));
            ps.setObject(3, s.date());
            ps.setString(4, s.detail());
            ps.setObject(5, s.potential(), Types.BOOLEAN);
            ps.setObject(6, s.saving(), Types.BIGINT);
            ps.setString(7, who.subject());
            ps.setObject(8, utc(now));
            ps.setString(9, a == null ? null : a.name());
            ps.setString(10, a == null ? null : a.contentType());
            ps.setString(11, a == null ? null : a.sha256());
            ps.setObject(12, a == null ? null : a.bytes().length, Types.INTEGER);
            ps.setBytes(13, a == null ? null : a.bytes());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              stepId = rs.getLong(1);
            }
          }
          Map<String, Object> step = ProgrammeExport.step(c, stepId);
          audit(
              c,
              who,
              "programme.cp_step.record",
              enterprise,
              enterprise + "/cp-steps/" + stepId,
              null,
              step,
              now);
          return step;
        });
  }

  /** The attachment of a step: name, media type and bytes. */
  public record StoredAttachment(String name, String contentType, String sha256, byte[] bytes) {}

  public StoredAttachment attachment(Scope scope, String enterprise, long step) {
    return transaction(
        "reading an attachment",
        c -> {
          long id = registered(c, scope, enterprise);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT attachment_name, attachment_type, attachment_sha256, attachment"
                      + " FROM programme_cp_step WHERE step_id = ? AND enterprise_id = ?"
                      + " AND attachment IS NOT NULL")) {
            ps.setLong(1, step);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("no attachment of step " + step + " of " + enterprise);
              }
              return new StoredAttachment(
                  rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4));
            }
          }
        });
  }

  static String wire(CpStage s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  // ---- officers and training ----

  /** Creates or updates CP officer {@code code} of the facility; returns it with its training. */
  public Map<String, Object> putOfficer(
      Who who, Scope scope, String enterprise, String code, Inputs.Officer o, Instant now) {
    return transaction(
        "writing CP officer " + code,
        c -> {
          long id = registered(c, scope, enterprise);
          Optional<Map<String, Object>> before = ProgrammeExport.officer(c, id, code);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_officer (enterprise_id, code, name, appointed_on, email,"
                      + " phone, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT (enterprise_id, code) DO UPDATE SET name = EXCLUDED.name,"
                      + " appointed_on = EXCLUDED.appointed_on, email = EXCLUDED.email,"
                      + " phone = EXCLUDED.phone, updated_by = EXCLUDED.updated_by,"
                      + " updated_at = EXCLUDED.updated_at")) {
            ps.setLong(1, id);
            ps.setString(2, code);
            ps.setString(3, o.name());
            ps.setObject(4, o.appointedOn());
            ps.setString(5, o.email());
            ps.setString(6, o.phone());
            ps.setString(7, who.subject());
            ps.setObject(8, utc(now));
            ps.executeUpdate();
          }
          Map<String, Object> after = ProgrammeExport.officer(c, id, code).orElseThrow();
          audit(
              c,
              who,
              before.isEmpty() ? "programme.officer.create" : "programme.officer.update",
              enterprise,
              enterprise + "/officers/" + code,
              before.orElse(null),
              after,
              now);
          return after;
        });
  }

  /** Records a course officer {@code code} took (the same course on the same day: 409). */
  public Map<String, Object> recordTraining(
      Who who, Scope scope, String enterprise, String code, Inputs.Training t, Instant now) {
    return transaction(
        "recording training of " + code,
        c -> {
          long id = registered(c, scope, enterprise);
          Map<String, Object> before =
              ProgrammeExport.officer(c, id, code)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "no CP officer "
                                  + code
                                  + " of "
                                  + enterprise
                                  + "; register it first"));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_training (officer_id, course, training_date, certificate,"
                      + " completed, recorded_by, recorded_at) SELECT officer_id, ?, ?, ?, ?, ?, ?"
                      + " FROM programme_officer WHERE enterprise_id = ? AND code = ?"
                      + " ON CONFLICT (officer_id, course, training_date) DO NOTHING")) {
            ps.setString(1, t.course());
            ps.setObject(2, t.date());
            ps.setString(3, t.certificate());
            ps.setBoolean(4, t.completed());
            ps.setString(5, who.subject());
            ps.setObject(6, utc(now));
            ps.setLong(7, id);
            ps.setString(8, code);
            if (ps.executeUpdate() == 0) {
              throw DomainException.conflict(
                  "course", "course '" + t.course() + "' on " + t.date() + " is already recorded");
            }
          }
          Map<String, Object> after = ProgrammeExport.officer(c, id, code).orElseThrow();
          audit(
              c,
              who,
              "programme.training.record",
              enterprise,
              enterprise + "/officers/" + code,
              before,
              after,
              now);
          return after;
        });
  }

  // ---- declared energy and savings ----

  /** Replaces the energy the facility declared for {@code year}. */
  public List<Map<String, Object>> putEnergy(
      Who who, Scope scope, String enterprise, int year, List<Inputs.Energy> rows, Instant now) {
    return transaction(
        "writing declared energy of " + enterprise,
        c -> {
          long id = registered(c, scope, enterprise);
          List<Map<String, Object>> before = declared(c, id, year);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM programme_energy WHERE enterprise_id = ? AND year = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, year);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_energy (enterprise_id, year, carrier, unit, amount,"
                      + " declared_by, declared_at) VALUES (?,?,?,?,?,?,?)")) {
            for (Inputs.Energy e : rows) {
              ps.setLong(1, id);
              ps.setInt(2, year);
              ps.setString(3, e.carrier());
              ps.setString(4, e.unit());
              ps.setDouble(5, e.amount());
              ps.setString(6, who.subject());
              ps.setObject(7, utc(now));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          List<Map<String, Object>> after = declared(c, id, year);
          audit(
              c,
              who,
              "programme.energy.declare",
              enterprise,
              enterprise + "/energy/" + year,
              before,
              after,
              now);
          return after;
        });
  }

  private static List<Map<String, Object>> declared(Connection c, long id, int year)
      throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT carrier, unit, amount FROM programme_energy WHERE enterprise_id = ?"
                + " AND year = ? ORDER BY carrier")) {
      ps.setLong(1, id);
      ps.setInt(2, year);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("carrier", rs.getString(1));
          m.put("unit", rs.getString(2));
          m.put("amount", rs.getDouble(3));
          out.add(m);
        }
      }
    }
    return out;
  }

  /**
   * Records a saving (one per facility, resource and period: 409 for a second). The EnPI baseline
   * it names must exist for the facility (409 naming {@code baseline_version}).
   */
  public Map<String, Object> recordSaving(
      Who who, Scope scope, String enterprise, Inputs.Saving s, Instant now) {
    return transaction(
        "recording a saving of " + enterprise,
        c -> {
          long id = registered(c, scope, enterprise);
          Long baseline = null;
          if (s.enpi() != null) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT b.baseline_id FROM enpi_baseline b JOIN enpi x USING (enpi_id)"
                        + " WHERE b.enterprise_id = ? AND x.code = ? AND b.version = ?")) {
              ps.setLong(1, id);
              ps.setString(2, s.enpi());
              ps.setInt(3, s.baselineVersion());
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  throw DomainException.conflict(
                      "baseline_version",
                      "EnPI "
                          + s.enpi()
                          + " of "
                          + enterprise
                          + " has no baseline version "
                          + s.baselineVersion());
                }
                baseline = rs.getLong(1);
              }
            }
          }
          long savingId;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_saving (enterprise_id, resource, kind, carrier, unit,"
                      + " period_from, period_to, fraction, fraction_low, fraction_high,"
                      + " confidence, amount, half_width, money, currency, baseline_id, reference,"
                      + " recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT (enterprise_id, resource, period_from, period_to) DO NOTHING"
                      + " RETURNING saving_id")) {
            int i = 1;
            ps.setLong(i++, id);
            ps.setString(i++, s.resource());
            ps.setString(i++, s.kind());
            ps.setString(i++, s.carrier());
            ps.setString(i++, s.unit());
            ps.setObject(i++, s.from());
            ps.setObject(i++, s.to());
            ps.setDouble(i++, s.fraction());
            ps.setDouble(i++, s.fractionLow());
            ps.setDouble(i++, s.fractionHigh());
            ps.setDouble(i++, s.confidence());
            ps.setDouble(i++, s.amount());
            ps.setDouble(i++, s.halfWidth());
            ps.setObject(i++, s.money(), Types.DOUBLE);
            ps.setString(i++, s.currency());
            ps.setObject(i++, baseline, Types.BIGINT);
            ps.setString(i++, s.reference());
            ps.setString(i++, who.subject());
            ps.setObject(i, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw DomainException.conflict(
                    "resource",
                    "a saving of "
                        + s.resource()
                        + " over "
                        + s.from()
                        + ".."
                        + s.to()
                        + " is already recorded");
              }
              savingId = rs.getLong(1);
            }
          }
          Map<String, Object> after = ProgrammeExport.saving(c, savingId);
          audit(
              c,
              who,
              "programme.saving.record",
              enterprise,
              enterprise + "/savings/" + savingId,
              null,
              after,
              now);
          return after;
        });
  }

  // ---- the area officers' areas ----

  /**
   * Sets the districts of a {@code district_officer} or the industrial parks of a {@code
   * park_officer} (the account is created by {@code putUser}); 404 for no such account, 409 when
   * its role is not the one of the area's kind.
   */
  public Map<String, Object> putArea(Who who, String username, Inputs.Area area, Instant now) {
    return transaction(
        "writing the area of " + username,
        c -> {
          long userId;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT user_id, role FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("no account " + username);
              }
              String expected =
                  area.kind().equals("district") ? "district_officer" : "park_officer";
              if (!expected.equals(rs.getString(2))) {
                throw DomainException.conflict(
                    area.kind().equals("district") ? "districts" : "parks",
                    username
                        + " is a "
                        + rs.getString(2)
                        + "; only a "
                        + expected
                        + " has "
                        + (area.kind().equals("district") ? "districts" : "industrial parks"));
              }
              userId = rs.getLong(1);
            }
          }
          Map<String, Object> before = area(c, userId);
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM programme_officer_area WHERE user_id = ?")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_officer_area (user_id, kind, name) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            for (String n : area.names()) {
              ps.setLong(1, userId);
              ps.setString(2, area.kind());
              ps.setString(3, n);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          Map<String, Object> after = area(c, userId);
          after.put("username", username);
          audit(c, who, "programme.area.update", null, username, before, after, now);
          return after;
        });
  }

  private static Map<String, Object> area(Connection c, long userId) throws SQLException {
    List<String> districts = new ArrayList<>();
    List<String> parks = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, name FROM programme_officer_area WHERE user_id = ? ORDER BY name")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          (rs.getString(1).equals("district") ? districts : parks).add(rs.getString(2));
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("districts", districts);
    m.put("parks", parks);
    return m;
  }

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
