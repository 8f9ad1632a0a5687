package org.energytrace.ingest.production;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.production.ProductionFile.Row;
import org.energytrace.ingest.store.SealMarks;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.upload.Parsed;

/**
 * Production quantities entered over the API or uploaded, one per product and local day (a new
 * value for a day replaces the old one, so a replayed request changes nothing). Uploads are
 * recorded by their upload id (the hash of their rows): committing the same upload twice stores
 * once. Blocking; call from worker threads.
 */
public final class PgProduction {
  private final DataSource dataSource;
  private final CountedProduction counted;

  /** Without counters: a quantity replaces only an entered one. */
  public PgProduction(DataSource dataSource) {
    this(dataSource, CountedProduction.NONE);
  }

  /**
   * @param counted the counters' daily figures, which a quantity entered for a day without one
   *     replaces
   */
  public PgProduction(DataSource dataSource, CountedProduction counted) {
    this.dataSource = dataSource;
    this.counted = counted;
  }

  /**
   * What an upload of the enterprise's quantities is checked against at {@code now}: its products
   * (code → line code) and the latest day begun at its sites.
   */
  public ProductionFile.Products products(Scope scope, String enterprise, Instant now) {
    return Sql.with(
        dataSource,
        "reading products of " + enterprise,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          return new ProductionFile.Products(productLines(c, e), SiteZones.latestDay(c, e, now));
        });
  }

  private static Map<String, String> productLines(Connection c, long e) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] pl :
        Sql.list(
            c,
            "SELECT p.code, l.code FROM product p JOIN production_line l USING (line_id)"
                + " WHERE p.enterprise_id = ? ORDER BY p.code",
            Sql.args(e),
            rs -> new String[] {rs.getString(1), rs.getString(2)})) {
      out.put(pl[0], pl[1]);
    }
    return out;
  }

  /**
   * Who revises a figure and why (docs/verification.md §1.4): a quantity used by an approved
   * baseline or a verified period changes only with a reason.
   */
  public record Revision(String subject, String role, String clientIp, String reason) {
    public Revision {
      reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** A change with no reason: refused when a figure it changes is used by a verified result. */
    public static Revision noReason(String subject) {
      return new Revision(subject, "system", "", null);
    }
  }

  /**
   * Stores rows from the API in one transaction (all or nothing). A changed quantity used by an
   * approved baseline or a verified period is an audited revision: refused (400 naming {@code
   * reason}) without a reason, else recorded with the old and new value, who and why.
   */
  public Put put(Scope scope, String enterprise, List<Row> rows, Revision revision, Instant at) {
    return Transactions.run(
        dataSource,
        "storing production of " + enterprise,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          return store(c, e, enterprise, rows, null, revision, at);
        });
  }

  /** What a deletion did: the quantity deleted, and the counters' figure the day now uses. */
  public record Deleted(JsonObject quantity, OptionalDouble counters) {}

  /** A quantity entered for a day: its product's id, the figure and where it came from. */
  private record Entered(long productId, double quantity, String source) {}

  /**
   * Deletes the quantity of {@code product} entered for {@code day}, audited as {@code
   * production.delete} with its figure; the day's production is the counters' again, or none. A
   * quantity an approved baseline or a current verified sign-off uses is not deleted (409 naming
   * them): it is corrected with a reason, an audited revision. None entered: 404. A sealed day gets
   * a revision link, as for a changed figure.
   */
  public Deleted delete(
      Scope scope, String enterprise, String product, LocalDate day, Revision who, Instant at) {
    return Transactions.run(
        dataSource,
        "deleting production of " + enterprise,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          String what = "the quantity of " + product + " on " + day;
          Optional<Entered> found =
              Sql.first(
                  c,
                  "SELECT q.product_id, q.quantity, q.source FROM production_quantity q"
                      + " JOIN product p USING (product_id)"
                      + " WHERE p.enterprise_id = ? AND p.code = ? AND q.day = ?"
                      + " FOR UPDATE OF q",
                  Sql.args(e, Sql.text(product), day),
                  rs -> new Entered(rs.getLong(1), rs.getDouble(2), rs.getString(3)));
          if (found.isEmpty()) {
            if (Sql.first(
                    c,
                    "SELECT 1 FROM product WHERE enterprise_id = ? AND code = ?",
                    Sql.args(e, Sql.text(product)),
                    rs -> 1)
                .isEmpty()) {
              throw new NotFoundException("no product " + product);
            }
            throw new NotFoundException(
                "no quantity: " + what + " was not entered (a counters' figure is not deleted)");
          }
          String usedBy = ProductionRevisions.usedBy(c, e, product, day);
          if (!usedBy.isEmpty()) {
            throw DomainException.conflict(
                "day",
                what
                    + " is used by "
                    + usedBy
                    + ": a figure an approved baseline or a verified period used is not deleted;"
                    + " enter the corrected figure with its reason (an audited revision)");
          }
          long productId = found.get().productId();
          Sql.update(
              c,
              "DELETE FROM production_quantity WHERE product_id = ? AND day = ?",
              productId,
              day);
          SealMarks.quantities(c, e, new String[] {product}, new String[] {day.toString()});
          JsonObject deleted =
              new JsonObject()
                  .put("product", product)
                  .put("day", day.toString())
                  .put("quantity", found.get().quantity())
                  .put("source", found.get().source());
          PgAuditLog.record(
              c,
              new AuditEntry(
                  at,
                  who.subject(),
                  who.role(),
                  "production.delete",
                  AuditEntry.Outcome.SUCCESS,
                  enterprise,
                  enterprise + "/production/" + product + "/" + day,
                  who.clientIp(),
                  "deleted " + what,
                  deleted.encode(),
                  null));
          return new Deleted(deleted, counted.of(c, productId, day));
        });
  }

  /**
   * Why storing {@code rows} needs a reason, as storing them without one would say it (a figure
   * used by an approved baseline or a verified period changes), or empty: the preview says it
   * before the commit refuses. Reads only (without a reason nothing is written).
   */
  public Optional<String> reasonNeeded(Scope scope, String enterprise, List<Row> rows) {
    return Transactions.run(
        dataSource,
        "checking production of " + enterprise,
        c -> {
          try {
            ProductionRevisions.revise(
                c,
                Enterprises.id(c, scope, enterprise),
                enterprise,
                rows,
                Revision.noReason("preview"),
                counted,
                Instant.EPOCH);
            return Optional.<String>empty();
          } catch (DomainException ex) {
            if (!"reason".equals(ex.field())) {
              throw ex;
            }
            return Optional.of(ex.getMessage());
          } finally {
            c.rollback();
          }
        });
  }

  /**
   * What a store did: the rows stored, and each figure a row replaced ({@code product, day,
   * old_quantity, old_source, quantity}): an entered quantity ({@code old_source} {@code entered})
   * or, for a day without one, the counters' figure ({@code counters}); a second figure for a day
   * replaced the first with nothing said.
   */
  public record Put(int stored, List<JsonObject> replaced) {}

  /** What a commit did. */
  public record Committed(
      String uploadId, int rows, boolean alreadyCommitted, List<JsonObject> replaced) {}

  /**
   * Stores a previewed upload once; a second commit of the same upload changes nothing. Changed
   * quantities used by an approved baseline or a verified period are revisions, as for {@link
   * #put(Scope, String, List, Revision, Instant)}.
   */
  public Committed commit(
      Scope scope, String enterprise, Parsed<Row> parsed, Revision revision, Instant at) {
    String by = revision.subject();
    if (!parsed.valid()) {
      throw DomainException.invalid("file", "the file has errors; preview it first");
    }
    return Transactions.run(
        dataSource,
        "committing upload " + parsed.uploadId(),
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          JsonArray json = new JsonArray();
          parsed
              .rows()
              .forEach(
                  r ->
                      json.add(
                          new JsonObject()
                              .put("product", r.product())
                              .put("day", r.day().toString())
                              .put("quantity", r.quantity())));
          int inserted =
              Sql.update(
                  c,
                  "INSERT INTO production_upload (upload_id, enterprise_id, file_name,"
                      + " content_hash, rows, created_by, created_at, committed_at, committed_by)"
                      + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  Sql.text(parsed.uploadId()),
                  e,
                  Sql.text(parsed.fileName()),
                  Sql.text(parsed.uploadId()),
                  json.encode(),
                  Sql.text(by),
                  at,
                  at,
                  Sql.text(by));
          if (inserted == 0) {
            // the same file again: its figures changed or deleted since are stored again (it
            // answered "nothing changed" and kept them), the others are left as they are
            List<Row> changed = changedSince(c, e, parsed.rows());
            if (changed.isEmpty()) {
              c.rollback();
              return new Committed(parsed.uploadId(), 0, true, List.of());
            }
            Put n = store(c, e, enterprise, changed, parsed.uploadId(), revision, at);
            return new Committed(parsed.uploadId(), n.stored(), true, n.replaced());
          }
          Put n = store(c, e, enterprise, parsed.rows(), parsed.uploadId(), revision, at);
          return new Committed(parsed.uploadId(), n.stored(), false, n.replaced());
        });
  }

  /** One stored quantity. */
  public record Stored(
      String product, String line, LocalDate day, double quantity, String unit, String source) {}

  public List<Stored> list(
      Scope scope, String enterprise, String product, LocalDate from, LocalDate to) {
    return Sql.with(
        dataSource,
        "listing production of " + enterprise,
        c ->
            Sql.list(
                c,
                "SELECT p.code, l.code, q.day, q.quantity, p.unit, q.source"
                    + " FROM production_quantity q JOIN product p USING (product_id)"
                    + " JOIN production_line l USING (line_id)"
                    + " WHERE q.enterprise_id = ? AND (? OR p.code = ?) AND q.day BETWEEN ? AND ?"
                    + " ORDER BY p.code, q.day",
                Sql.args(
                    Enterprises.id(c, scope, enterprise),
                    product == null,
                    product == null ? "" : product,
                    from,
                    to),
                rs ->
                    new Stored(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getDouble(4),
                        rs.getString(5),
                        rs.getString(6))));
  }

  /**
   * Stores {@code rows} in the caller's transaction: their revisions first ({@link
   * ProductionRevisions#revise}), then the rows, then the store's audit entry, {@code
   * production.quantities} (resource entries have theirs, {@code resource.entries}): how many rows
   * were stored, the figures they replaced (the counters' among them) as the before state and the
   * rows as the after state. Stores were not audited: the log showed a quantity deleted that nobody
   * had entered.
   *
   * @param uploadId the committed upload's id; null for quantities from the API
   */
  private Put store(
      Connection c,
      long e,
      String enterprise,
      List<Row> rows,
      String uploadId,
      Revision who,
      Instant at)
      throws SQLException {
    List<ProductionRevisions.Change> changed =
        ProductionRevisions.revise(c, e, enterprise, rows, who, counted, at);
    String source = uploadId == null ? "api" : "upload";
    int stored = upsert(c, e, rows, source, uploadId, who.subject(), at);
    JsonArray before = new JsonArray();
    for (ProductionRevisions.Change ch : changed) {
      before.add(
          new JsonObject()
              .put("product", ch.product())
              .put("day", ch.day().toString())
              .put("quantity", ch.oldQuantity())
              .put("source", ch.counted() ? "counters" : "entered"));
    }
    JsonArray after = new JsonArray();
    for (Row r : rows) {
      after.add(
          new JsonObject()
              .put("product", r.product())
              .put("day", r.day().toString())
              .put("quantity", r.quantity()));
    }
    PgAuditLog.change(
        c,
        at,
        who.subject(),
        who.role(),
        who.clientIp(),
        "production.quantities",
        AuditEntry.Outcome.SUCCESS,
        enterprise,
        enterprise + (uploadId == null ? "/production" : "/production/uploads/" + uploadId),
        stored + " of " + rows.size() + " quantities stored (" + source + ")",
        new JsonObject().put("quantities", before),
        new JsonObject().put("quantities", after));
    return new Put(stored, ProductionRevisions.replaced(changed));
  }

  /** The rows whose stored quantity is another, or none: what a file committed again changes. */
  private static List<Row> changedSince(Connection c, long e, List<Row> rows) throws SQLException {
    List<Row> changed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT q.quantity FROM production_quantity q JOIN product p USING (product_id)"
                + " WHERE p.enterprise_id = ? AND p.code = ? AND q.day = ?")) {
      for (Row r : rows) {
        Sql.bind(ps, 1, e, Sql.text(r.product()), r.day());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getDouble(1) != r.quantity()) {
            changed.add(r);
          }
        }
      }
    }
    return changed;
  }

  /** One statement for the whole batch (rows are unique per product and day by now). */
  private static int upsert(
      Connection c, long e, List<Row> rows, String source, String uploadId, String by, Instant at)
      throws SQLException {
    QuantityColumns columns = QuantityColumns.of(rows);
    int stored =
        Sql.update(
            c,
            "INSERT INTO production_quantity (enterprise_id, product_id, day, quantity, source,"
                + " upload_id, updated_by, updated_at)"
                + " SELECT ?, p.product_id, u.d::date, u.q, ?, ?, ?, ?"
                + " FROM unnest(?::text[], ?::text[], ?::float8[]) AS u(code, d, q)"
                + " JOIN product p ON p.enterprise_id = ? AND p.code = u.code"
                + " ON CONFLICT (product_id, day) DO UPDATE SET quantity = excluded.quantity,"
                + " source = excluded.source, upload_id = excluded.upload_id,"
                + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            ps -> {
              int i = Sql.bind(ps, 1, e, Sql.text(source), Sql.text(uploadId), Sql.text(by), at);
              Sql.bind(ps, columns.bind(c, ps, i), e);
            });
    // a day already sealed gets a revision link ("late data"), docs/verification.md §3
    SealMarks.quantities(c, e, columns.products(), columns.days());
    return stored;
  }
}
