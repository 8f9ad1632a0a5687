package org.energytrace.ingest.production;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.production.ProductionFile.Row;

/**
 * The audited revisions of production figures (docs/verification.md §1.4), in the caller's
 * transaction: which figures a store changes, what uses them, and the record of each revision.
 */
final class ProductionRevisions {
  private ProductionRevisions() {}

  /**
   * The rows that change a stored figure — an entered quantity, or the counters' for a day without
   * one — returned. Those used by an approved baseline (a day of its period, a product of its EnPI
   * version) or by a current verified sign-off are revisions: without a reason the whole request is
   * refused (400 naming {@code reason}); with one, each is recorded in {@code production_revision}
   * and audited as {@code production.revise} (old, new, who, why, what used it), in the caller's
   * transaction.
   */
  static List<Change> revise(
      Connection c,
      long e,
      String enterprise,
      List<Row> rows,
      PgProduction.Revision revision,
      CountedProduction counted,
      Instant at)
      throws SQLException {
    // the stored figure of each row's day: an entered quantity, else (null) the counters'
    List<Change> stored =
        Sql.list(
            c,
            "SELECT p.product_id, p.code, u.d::date, q.quantity, u.q"
                + " FROM unnest(?::text[], ?::text[], ?::float8[]) AS u(code, d, q)"
                + " JOIN product p ON p.enterprise_id = ? AND p.code = u.code"
                + " LEFT JOIN production_quantity q ON q.product_id = p.product_id"
                + " AND q.day = u.d::date"
                + " WHERE q.quantity IS NULL OR q.quantity <> u.q ORDER BY p.code, u.d::date",
            ps -> Sql.bind(ps, QuantityColumns.of(rows).bind(c, ps, 1), e),
            rs -> {
              double old = rs.getDouble(4);
              if (rs.wasNull()) {
                old = Double.NaN;
              }
              return new Change(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getObject(3, LocalDate.class),
                  old,
                  rs.getDouble(5),
                  false);
            });
    List<Change> changed = new ArrayList<>();
    for (Change ch : stored) {
      if (!Double.isNaN(ch.oldQuantity())) {
        changed.add(ch);
        continue;
      }
      // a first quantity of the day replaces the counters' figure, when they give one
      OptionalDouble fromCounters = counted.of(c, ch.productId(), ch.day());
      if (fromCounters.isPresent() && fromCounters.getAsDouble() != ch.newQuantity()) {
        changed.add(
            new Change(
                ch.productId(),
                ch.product(),
                ch.day(),
                fromCounters.getAsDouble(),
                ch.newQuantity(),
                true));
      }
    }
    for (Change ch : changed) {
      String usedBy = usedBy(c, e, ch.product(), ch.day());
      if (usedBy.isEmpty()) {
        continue;
      }
      if (revision.reason() == null) {
        throw DomainException.invalid(
            "reason",
            "the production of "
                + ch.product()
                + " on "
                + ch.day()
                + " is used by "
                + usedBy
                + ": a correction is an audited revision; give its reason");
      }
      Sql.update(
          c,
          "INSERT INTO production_revision (enterprise_id, product_id, day, old_quantity,"
              + " new_quantity, reason, used_by, revised_by, revised_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e,
          ch.productId(),
          ch.day(),
          ch.oldQuantity(),
          ch.newQuantity(),
          Sql.text(revision.reason()),
          Sql.text(usedBy),
          Sql.text(revision.subject()),
          at);
      PgAuditLog.record(
          c,
          new AuditEntry(
              at,
              revision.subject(),
              revision.role(),
              "production.revise",
              AuditEntry.Outcome.SUCCESS,
              enterprise,
              enterprise + "/production/" + ch.product() + "/" + ch.day(),
              revision.clientIp(),
              revision.reason() + " (used by " + usedBy + "; to be re-verified)",
              new JsonObject().put("quantity", ch.oldQuantity()).encode(),
              new JsonObject()
                  .put("quantity", ch.newQuantity())
                  .put("reason", revision.reason())
                  .encode()));
    }
    return changed;
  }

  /**
   * A stored figure a request changes: the product, the day, the old and the new value, and whether
   * the old one is the counters' (no quantity was entered for the day).
   */
  record Change(
      long productId,
      String product,
      LocalDate day,
      double oldQuantity,
      double newQuantity,
      boolean counted) {}

  /**
   * What uses the production of {@code product} on {@code day}: approved baselines whose period
   * holds the day and whose EnPI version counts the product, and current verified sign-offs of such
   * a baseline whose period holds it ("baseline x/1; period x/1 2026-01-07..2026-01-12"); empty
   * when nothing does.
   */
  static String usedBy(Connection c, long e, String product, LocalDate day) throws SQLException {
    List<String> out =
        Sql.list(
            c,
            "SELECT 'baseline ' || n.code || '/' || b.version FROM enpi_baseline b"
                + " JOIN enpi n ON n.enpi_id = b.enpi_id"
                + " JOIN enpi_version v ON v.enpi_id = b.enpi_id AND v.version = b.enpi_version"
                + " WHERE b.enterprise_id = ? AND b.status = 'approved'"
                + " AND ?::date BETWEEN b.period_from AND b.period_to"
                + " AND (v.definition -> 'products') @> jsonb_build_array(?::text)"
                + " UNION ALL"
                + " SELECT 'period ' || n.code || '/' || s.baseline_version || ' '"
                + " || s.period_from || '..' || s.period_to FROM period_signoff s"
                + " JOIN enpi n ON n.enpi_id = s.enpi_id"
                + " JOIN enpi_baseline b ON b.enpi_id = s.enpi_id AND b.version = s.baseline_version"
                + " JOIN enpi_version v ON v.enpi_id = b.enpi_id AND v.version = b.enpi_version"
                + " WHERE s.enterprise_id = ? AND s.superseded_by IS NULL"
                + " AND s.opinion IN ('verified', 'verified_with_reservations')"
                + " AND ?::date BETWEEN s.period_from AND s.period_to"
                + " AND (v.definition -> 'products') @> jsonb_build_array(?::text)"
                + " ORDER BY 1",
            Sql.args(e, day, Sql.text(product), e, day, Sql.text(product)),
            rs -> rs.getString(1));
    return String.join("; ", out);
  }

  /** The figures {@link #revise} found changed, as the answer lists them: by day, then product. */
  static List<JsonObject> replaced(List<Change> changed) {
    return changed.stream()
        .sorted(Comparator.comparing(Change::day).thenComparing(Change::product))
        .map(
            ch ->
                new JsonObject()
                    .put("product", ch.product())
                    .put("day", ch.day().toString())
                    .put("old_quantity", ch.oldQuantity())
                    .put("old_source", ch.counted() ? "counters" : "entered")
                    .put("quantity", ch.newQuantity()))
        .toList();
  }
}
