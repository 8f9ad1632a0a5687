package org.energytrace.ingest.enpi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;

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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock =
          c.prepareStatement("SELECT 1 FROM enpi WHERE enpi_id = ? FOR UPDATE")) {
        lock.setLong(1, enpiId);
        lock.executeQuery().close();
      }
      int version;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO enpi_baseline (enterprise_id, enpi_id, version, period_from, period_to,"
                  + " model, data_hash, data_csv, fit, method_version, enpi_version, created_by,"
                  + " created_at)"
                  + " SELECT ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?"
                  + " FROM enpi_baseline WHERE enpi_id = ? RETURNING version")) {
        ps.setLong(1, enterpriseId);
        ps.setLong(2, enpiId);
        ps.setObject(3, from);
        ps.setObject(4, to);
        ps.setString(5, model);
        ps.setString(6, dataHash);
        ps.setString(7, dataCsv);
        ps.setString(8, fitJson);
        ps.setString(9, methodVersion);
        ps.setInt(10, enpiVersion);
        ps.setString(11, by);
        ps.setObject(12, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setLong(13, enpiId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          version = rs.getInt(1);
        }
      }
      c.commit();
      return version;
    } catch (SQLException e) {
      throw StoreException.of("storing a baseline", e);
    }
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT version, period_from, period_to, model, data_hash, data_csv, fit::text,"
                    + " method_version, status, created_by, created_at, approved_by, approved_at,"
                    + " submitted_by, submitted_at, submit_comment, approved_by_role,"
                    + " approval_opinion, returned_by, returned_at, return_comments, superseded_at,"
                    + " superseded_by_version, enpi_version"
                    + " FROM enpi_baseline WHERE enpi_id = ? AND (? OR version = ?)"
                    + " ORDER BY version")) {
      ps.setLong(1, enpiId);
      ps.setBoolean(2, version == null);
      ps.setInt(3, version == null ? 0 : version);
      List<Baseline> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
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
                  instant(rs, 13),
                  new Review(
                      rs.getString(14),
                      instant(rs, 15),
                      rs.getString(16),
                      rs.getString(17),
                      rs.getString(18),
                      rs.getString(19),
                      instant(rs, 20),
                      rs.getString(21),
                      instant(rs, 22),
                      (Integer) rs.getObject(23)),
                  rs.getInt(24)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("reading baselines", e);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant)
        .orElse(null);
  }
}
