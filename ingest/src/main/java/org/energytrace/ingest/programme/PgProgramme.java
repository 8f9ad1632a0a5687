package org.energytrace.ingest.programme;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.upload.Parsed;

/**
 * The programme registry in PostgreSQL: the facilities' profiles and the registry import; its parts
 * are the CP steps ({@link PgCpSteps}), the CP officers and training ({@link PgCpOfficers}), the
 * declared energy and savings ({@link PgDeclarations}) and the area officers' areas ({@link
 * PgOfficerAreas}). Every change runs in one transaction with its audit entry ({@code programme.*},
 * the state before and after), so the log holds exactly the changes made. An enterprise outside
 * {@code scope} is reported as absent. Blocking: call from worker threads.
 */
public final class PgProgramme {
  private final DataSource dataSource;
  private final PgCpSteps steps;
  private final PgCpOfficers officers;
  private final PgDeclarations declarations;
  private final PgOfficerAreas areas;

  public PgProgramme(DataSource dataSource) {
    this.dataSource = dataSource;
    this.steps = new PgCpSteps(this);
    this.officers = new PgCpOfficers(this);
    this.declarations = new PgDeclarations(this);
    this.areas = new PgOfficerAreas(this);
  }

  /** The CP steps and their evidence. */
  public PgCpSteps steps() {
    return steps;
  }

  /** The CP officers and their training. */
  public PgCpOfficers officers() {
    return officers;
  }

  /** The declared energy and the savings. */
  public PgDeclarations declarations() {
    return declarations;
  }

  /** The area officers' areas. */
  public PgOfficerAreas areas() {
    return areas;
  }

  <T> T transaction(String what, Transactions.Work<T> work) {
    return Transactions.run(dataSource, what, work);
  }

  /** Work on a registered facility, given its id. */
  interface FacilityWork<T> {
    T run(Connection c, long facilityId) throws SQLException;
  }

  /**
   * In one transaction: the id of the registered facility {@code enterprise} in {@code scope} (404
   * when it is not, {@link #registered}), then {@code work} on it.
   */
  <T> T onFacility(String what, Scope scope, String enterprise, FacilityWork<T> work) {
    return transaction(what, c -> work.run(c, registered(c, scope, enterprise)));
  }

  /**
   * A change of the programme, audited with {@link PgAuditLog#change} inside the caller's
   * transaction, without a detail: {@code before} and {@code after} are maps (or null).
   */
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
    PgAuditLog.change(c, who, now, action, enterprise, target, null, json(before), json(after));
  }

  /** A state for the audit log: a map as a JSON object, null as null. */
  @SuppressWarnings("unchecked")
  private static JsonObject json(Object state) {
    if (state == null || state instanceof JsonObject) {
      return (JsonObject) state;
    }
    if (state instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m);
    }
    throw new IllegalArgumentException("an audited state is a map, not " + state.getClass());
  }

  static String wire(CpStage s) {
    return s.name().toLowerCase(Locale.ROOT);
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
    Sql.update(
        c, "INSERT INTO enterprise (code) VALUES (?) ON CONFLICT DO NOTHING", Sql.text(enterprise));
    long id = enterpriseId(c, enterprise).orElseThrow();
    Optional<FacilityProfile> before = profile(c, id);
    if (before.isPresent() && before.get().equals(p)) {
      return false; // nothing changes: neither a write nor an audit entry
    }
    Sql.update(
        c,
        "INSERT INTO programme_facility (enterprise_id, legal_name_vi, short_name, tax_code,"
            + " vsic, district, commune, industrial_park, address, latitude, longitude, size,"
            + " contact_name, contact_phone, contact_email, key_energy_user_listed,"
            + " registered_on, left_on, left_reason, updated_by, updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (enterprise_id) DO UPDATE SET legal_name_vi = EXCLUDED.legal_name_vi,"
            + " short_name = EXCLUDED.short_name, tax_code = EXCLUDED.tax_code,"
            + " vsic = EXCLUDED.vsic, district = EXCLUDED.district,"
            + " commune = EXCLUDED.commune, industrial_park = EXCLUDED.industrial_park,"
            + " address = EXCLUDED.address, latitude = EXCLUDED.latitude,"
            + " longitude = EXCLUDED.longitude, size = EXCLUDED.size,"
            + " contact_name = EXCLUDED.contact_name, contact_phone = EXCLUDED.contact_phone,"
            + " contact_email = EXCLUDED.contact_email,"
            + " key_energy_user_listed = EXCLUDED.key_energy_user_listed,"
            + " registered_on = EXCLUDED.registered_on, left_on = EXCLUDED.left_on,"
            + " left_reason = EXCLUDED.left_reason, updated_by = EXCLUDED.updated_by,"
            + " updated_at = EXCLUDED.updated_at",
        id,
        Sql.text(p.legalNameVi()),
        Sql.text(p.shortName()),
        Sql.text(p.taxCode()),
        Sql.text(p.vsic()),
        Sql.text(p.district()),
        Sql.text(p.commune()),
        Sql.text(p.industrialPark()),
        Sql.text(p.address()),
        Sql.typed(p.latitude(), Types.DOUBLE),
        Sql.typed(p.longitude(), Types.DOUBLE),
        Sql.text(p.size()),
        Sql.text(p.contactName()),
        Sql.text(p.contactPhone()),
        Sql.text(p.contactEmail()),
        p.keyEnergyUserListed(),
        p.registeredOn(),
        p.leftOn(),
        Sql.text(p.leftReason()),
        who.subject(),
        now);
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
  public Committed commitImport(Who who, Parsed<RegistryFile.Row> parsed, Instant now) {
    return transaction(
        "committing a registry import",
        c -> {
          if (Sql.update(
                  c,
                  "INSERT INTO programme_registry_upload (upload_id, file_name, rows,"
                      + " committed_by, committed_at) VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  Sql.text(parsed.uploadId()),
                  Sql.text(parsed.fileName()),
                  parsed.rows().size(),
                  who.subject(),
                  now)
              == 0) {
            return new Committed(parsed.uploadId(), parsed.rows().size(), 0, true);
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
    return id(c, "SELECT enterprise_id FROM enterprise WHERE code = ?", code);
  }

  /** The id {@code select} reads for {@code code} (its one parameter); empty when none. */
  private static Optional<Long> id(Connection c, String select, String code) throws SQLException {
    return Sql.first(c, select, Sql.args(Sql.text(code)), rs -> rs.getLong(1));
  }

  static final String PROFILE_COLUMNS =
      "f.legal_name_vi, f.short_name, f.tax_code, f.vsic, f.district, f.commune,"
          + " f.industrial_park, f.address, f.latitude, f.longitude, f.size, f.contact_name,"
          + " f.contact_phone, f.contact_email, f.key_energy_user_listed, f.registered_on,"
          + " f.left_on, f.left_reason";

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
        rs.getObject(i++, LocalDate.class),
        rs.getObject(i++, LocalDate.class),
        rs.getString(i));
  }

  private static Optional<FacilityProfile> profile(Connection c, long enterpriseId)
      throws SQLException {
    return Sql.first(
        c,
        "SELECT " + PROFILE_COLUMNS + " FROM programme_facility f WHERE f.enterprise_id = ?",
        Sql.args(enterpriseId),
        rs -> profile(rs, 1));
  }

  /** The registered enterprise's id, or not found (also when out of scope). */
  static long registered(Connection c, Scope scope, String enterprise) throws SQLException {
    Optional<Long> id = scope.permits(enterprise) ? inRegistry(c, enterprise) : Optional.empty();
    return id.orElseThrow(
        () -> new NotFoundException("facility " + enterprise + " not found in the registry"));
  }

  /** The id of {@code enterprise}'s facility, empty when it is not in the registry. */
  static Optional<Long> inRegistry(Connection c, String enterprise) throws SQLException {
    return id(
        c,
        "SELECT e.enterprise_id FROM enterprise e JOIN programme_facility f"
            + " USING (enterprise_id) WHERE e.code = ?",
        enterprise);
  }
}
