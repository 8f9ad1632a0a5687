package org.energytrace.ingest.enpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;

/**
 * Versioned baselines of EnPIs, each fitted on one frozen version of its EnPI ({@code
 * enpi_version}, docs/verification.md §1.4): the period, the requested model, the exact data fitted
 * (the CLI's CSV and its SHA-256), the fit as JSON, and where the baseline is in its lifecycle
 * (draft, submitted, returned, approved, superseded: {@link Review}). A stored baseline is never
 * refitted on newer data: savings use the data it was approved on. The transitions are the {@code
 * verification} feature's ({@code verification.BaselineLifecycle}); this class only reads them.
 */
public final class PgBaselines {
  private final DataSource dataSource;

  public PgBaselines(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public record Baseline(
      int version,
      LocalDate from,
      LocalDate to,
      String model,
      String dataHash,
      String dataCsv,
      String fitJson,
      String methodVersion,
      String status,
      String createdBy,
      Instant createdAt,
      String approvedBy,
      Instant approvedAt,
      Review review,
      int enpiVersion) {}

  /**
   * The latest of each lifecycle step (docs/verification.md §1): the submission, the approver's
   * role and opinion, the return with its comments, and when and by which version it was
   * superseded. Fields of steps not taken are null.
   */
  public record Review(
      String submittedBy,
      Instant submittedAt,
      String submitComment,
      String approvedByRole,
      String opinion,
      String returnedBy,
      Instant returnedAt,
      String returnComments,
      Instant supersededAt,
      Integer supersededBy) {}

  /** Stores a new draft version and returns its number. */
  public int add(
      long enterpriseId,
      long enpiId,
      LocalDate from,
      LocalDate to,
      String model,
      String dataHash,
      String dataCsv,
      String fitJson,
      String methodVersion,
      int enpiVersion,
      String by,
      Instant at) {
    return Transactions.run(
        dataSource,
        "storing a baseline",
        c -> {
          Sql.first(
              c,
              "SELECT 1 FROM enpi WHERE enpi_id = ? FOR UPDATE",
              Sql.args(enpiId),
              rs -> rs.getInt(1));
          int version =
              Sql.one(
                  c,
                  "INSERT INTO enpi_baseline (enterprise_id, enpi_id, version, period_from,"
                      + " period_to, model, data_hash, data_csv, fit, method_version,"
                      + " enpi_version, created_by, created_at)"
                      + " SELECT ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?::jsonb, ?,"
                      + " ?, ?, ? FROM enpi_baseline WHERE enpi_id = ? RETURNING version",
                  Sql.args(
                      enterpriseId,
                      enpiId,
                      from,
                      to,
                      Sql.text(model),
                      Sql.text(dataHash),
                      Sql.text(dataCsv),
                      Sql.text(fitJson),
                      Sql.text(methodVersion),
                      enpiVersion,
                      Sql.text(by),
                      at,
                      enpiId),
                  rs -> rs.getInt(1));
          return version;
        });
  }

  public List<Baseline> list(long enpiId) {
    return query(enpiId, null);
  }

  public Baseline get(long enpiId, int version) {
    return query(enpiId, version).stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("no baseline version " + version));
  }

  private List<Baseline> query(long enpiId, Integer version) {
    return Sql.list(
        dataSource,
        "reading baselines",
        "SELECT version, period_from, period_to, model, data_hash, data_csv, fit::text,"
            + " method_version, status, created_by, created_at, approved_by, approved_at,"
            + " submitted_by, submitted_at, submit_comment, approved_by_role,"
            + " approval_opinion, returned_by, returned_at, return_comments, superseded_at,"
            + " superseded_by_version, enpi_version"
            + " FROM enpi_baseline WHERE enpi_id = ? AND (? OR version = ?)"
            + " ORDER BY version",
        Sql.args(enpiId, version == null, version == null ? 0 : version),
        rs ->
            new Baseline(
                rs.getInt(1),
                rs.getObject(2, LocalDate.class),
                rs.getObject(3, LocalDate.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getObject(11, OffsetDateTime.class).toInstant(),
                rs.getString(12),
                Sql.instant(rs, 13),
                new Review(
                    rs.getString(14),
                    Sql.instant(rs, 15),
                    rs.getString(16),
                    rs.getString(17),
                    rs.getString(18),
                    rs.getString(19),
                    Sql.instant(rs, 20),
                    rs.getString(21),
                    Sql.instant(rs, 22),
                    (Integer) rs.getObject(23)),
                rs.getInt(24)));
  }
}
