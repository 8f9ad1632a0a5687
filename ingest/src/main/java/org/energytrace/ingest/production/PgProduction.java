package org.energytrace.ingest.production;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.production.ProductionFile.Parsed;
import org.energytrace.ingest.production.ProductionFile.Row;
import org.energytrace.ingest.store.SealMarks;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * Production quantities entered over the API or uploaded, one per product and local day (a new
 * value for a day replaces the old one, so a replayed request changes nothing). Uploads are
 * recorded by their upload id (the hash of their rows): committing the same upload twice stores
 * once. Blocking; call from worker threads.
 */
public final class PgProduction {
  private final DataSource dataSource;

  public PgProduction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The enterprise's products: code → line code. */
  public Map<String, String> productLines(Scope scope, String enterprise) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      Map<String, String> out = new LinkedHashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT p.code, l.code FROM product p JOIN production_line l USING (line_id)"
                  + " WHERE p.enterprise_id = ? ORDER BY p.code")) {
        ps.setLong(1, e);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.of("reading products of " + enterprise, ex);
    }
  }

  /** Stores rows from the API in one transaction (all or nothing). */
  public int put(Scope scope, String enterprise, List<Row> rows, String by, Instant at) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long e = Enterprises.id(c, scope, enterprise);
      int n = upsert(c, e, rows, "api", null, by, at);
      c.commit();
      return n;
    } catch (SQLException ex) {
      throw StoreException.of("storing production of " + enterprise, ex);
    }
  }

  /** What a commit did. */
  public record Committed(String uploadId, int rows, boolean alreadyCommitted) {}

  /** Stores a previewed upload once; a second commit of the same upload changes nothing. */
  public Committed commit(Scope scope, String enterprise, Parsed parsed, String by, Instant at) {
    if (!parsed.valid()) {
      throw DomainException.invalid("file", "the file has errors; preview it first");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
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
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO production_upload (upload_id, enterprise_id, file_name, content_hash,"
                  + " rows, created_by, created_at, committed_at, committed_by)"
                  + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        ps.setString(1, parsed.uploadId());
        ps.setLong(2, e);
        ps.setString(3, parsed.fileName());
        ps.setString(4, parsed.uploadId());
        ps.setString(5, json.encode());
        ps.setString(6, by);
        ps.setObject(7, now);
        ps.setObject(8, now);
        ps.setString(9, by);
        if (ps.executeUpdate() == 0) {
          c.rollback();
          return new Committed(parsed.uploadId(), 0, true);
        }
      }
      int n = upsert(c, e, parsed.rows(), "upload", parsed.uploadId(), by, at);
      c.commit();
      return new Committed(parsed.uploadId(), n, false);
    } catch (SQLException ex) {
      throw StoreException.of("committing upload " + parsed.uploadId(), ex);
    }
  }

  /** One stored quantity. */
  public record Stored(
      String product, String line, LocalDate day, double quantity, String unit, String source) {}

  public List<Stored> list(
      Scope scope, String enterprise, String product, LocalDate from, LocalDate to) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT p.code, l.code, q.day, q.quantity, p.unit, q.source"
                  + " FROM production_quantity q JOIN product p USING (product_id)"
                  + " JOIN production_line l USING (line_id)"
                  + " WHERE q.enterprise_id = ? AND (? OR p.code = ?) AND q.day BETWEEN ? AND ?"
                  + " ORDER BY p.code, q.day")) {
        ps.setLong(1, e);
        ps.setBoolean(2, product == null);
        ps.setString(3, product == null ? "" : product);
        ps.setObject(4, from);
        ps.setObject(5, to);
        List<Stored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new Stored(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getDouble(4),
                    rs.getString(5),
                    rs.getString(6)));
          }
        }
        return out;
      }
    } catch (SQLException ex) {
      throw StoreException.of("listing production of " + enterprise, ex);
    }
  }

  /** One statement for the whole batch (rows are unique per product and day by now). */
  private static int upsert(
      Connection c, long e, List<Row> rows, String source, String uploadId, String by, Instant at)
      throws SQLException {
    int n = rows.size();
    String[] products = new String[n];
    String[] days = new String[n];
    Double[] quantities = new Double[n];
    for (int i = 0; i < n; i++) {
      products[i] = rows.get(i).product();
      days[i] = rows.get(i).day().toString();
      quantities[i] = rows.get(i).quantity();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO production_quantity (enterprise_id, product_id, day, quantity, source,"
                + " upload_id, updated_by, updated_at)"
                + " SELECT ?, p.product_id, u.d::date, u.q, ?, ?, ?, ?"
                + " FROM unnest(?::text[], ?::text[], ?::float8[]) AS u(code, d, q)"
                + " JOIN product p ON p.enterprise_id = ? AND p.code = u.code"
                + " ON CONFLICT (product_id, day) DO UPDATE SET quantity = excluded.quantity,"
                + " source = excluded.source, upload_id = excluded.upload_id,"
                + " updated_by = excluded.updated_by, updated_at = excluded.updated_at")) {
      ps.setLong(1, e);
      ps.setString(2, source);
      ps.setString(3, uploadId);
      ps.setString(4, by);
      ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.setArray(6, c.createArrayOf("text", products));
      ps.setArray(7, c.createArrayOf("text", days));
      ps.setArray(8, c.createArrayOf("float8", quantities));
      ps.setLong(9, e);
      int stored = ps.executeUpdate();
      // a day already sealed gets a revision link ("late data"), docs/verification.md §3
      SealMarks.quantities(c, e, products, days);
      return stored;
    }
  }
}
