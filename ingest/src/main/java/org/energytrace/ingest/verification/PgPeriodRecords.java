package org.energytrace.ingest.verification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.enpi.PeriodRecords;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The adjustments and sign-offs as the savings read them ({@link PeriodRecords}). The caller has
 * already resolved the EnPI within its scope.
 */
public final class PgPeriodRecords implements PeriodRecords {
  private final DataSource dataSource;

  public PgPeriodRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Revision> revisions(
      long enpiId, int enpiVersion, LocalDate from, LocalDate to, java.time.Instant after) {
    return Sql.list(
        dataSource,
        "reading production revisions",
        "SELECT p.code, r.day, r.old_quantity, r.new_quantity, r.reason, r.revised_by,"
            + " r.revised_at FROM production_revision r JOIN product p USING (product_id)"
            + " JOIN enpi n ON n.enterprise_id = r.enterprise_id"
            + " JOIN enpi_version v ON v.enpi_id = n.enpi_id AND v.version = ?"
            + " WHERE n.enpi_id = ? AND r.day BETWEEN ? AND ? AND r.revised_at > ?"
            + " AND (v.definition -> 'products') @> jsonb_build_array(p.code)"
            + " ORDER BY r.revision_id",
        Sql.args(enpiVersion, enpiId, from, to, after),
        rs ->
            new Revision(
                rs.getString(1),
                rs.getObject(2, LocalDate.class),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant()));
  }

  @Override
  public List<NonRoutineAdjustment> adjustments(long enpiId, LocalDate from, LocalDate to) {
    return Sql.list(
        dataSource,
        "read adjustments",
        "SELECT adjustment_id, period_from, period_to, method, value, std_error,"
            + " justification, attachment_sha256, status, decided_by_account, variable"
            + " FROM nonroutine_adjustment WHERE enpi_id = ? AND period_from <= ?"
            + " AND period_to >= ? ORDER BY adjustment_id",
        Sql.args(enpiId, to, from),
        rs -> {
          Adjustment.Method method =
              Adjustment.Method.valueOf(rs.getString(4).toUpperCase(Locale.ROOT));
          boolean refitted = method == Adjustment.Method.REFITTED_TERM;
          return new NonRoutineAdjustment(
              "nra-" + rs.getLong(1),
              rs.getObject(2, LocalDate.class),
              rs.getObject(3, LocalDate.class),
              method.analytics(),
              refitted ? Double.NaN : rs.getDouble(5),
              // a re-fitted model term reads its reporting column; its coefficient is fitted
              refitted ? rs.getString(11) : null,
              refitted ? NonRoutineAdjustment.CoefficientSource.REFITTED : null,
              rs.getDouble(6),
              rs.getString(7),
              rs.getString(8) == null ? null : "sha256:" + rs.getString(8),
              NonRoutineAdjustment.Status.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)),
              rs.getString(10));
        });
  }

  @Override
  public Optional<SignOff> signOff(long enpiId, int version, LocalDate from, LocalDate to) {
    return one(
        " AND period_from <= ? AND period_to >= ?"
            + " AND superseded_by IS NULL ORDER BY signed_at DESC, signoff_id DESC"
            + " LIMIT 1",
        enpiId,
        version,
        from,
        to);
  }

  @Override
  public Optional<SignOff> latestVerified(long enpiId, int version) {
    return one(
        " AND superseded_by IS NULL"
            + " AND opinion IN ('verified', 'verified_with_reservations')"
            + " ORDER BY period_to DESC, signed_at DESC, signoff_id DESC LIMIT 1",
        enpiId,
        version);
  }

  /**
   * The first sign-off against version {@code version} of the EnPI's baselines that {@code
   * conditions} (their parameters bound to {@code more}) and their order select.
   */
  private Optional<SignOff> one(String conditions, long enpiId, int version, Object... more) {
    return Sql.first(
        dataSource,
        "read sign-off",
        "SELECT signoff_id, opinion, signed_at, signed_by_account, period_from,"
            + " period_to, dossier_sha256 FROM period_signoff WHERE enpi_id = ?"
            + " AND baseline_version = ?"
            + conditions,
        ps -> Sql.bind(ps, Sql.bind(ps, 1, enpiId, version), more),
        rs ->
            new SignOff(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDate.class),
                rs.getString(7)));
  }
}
