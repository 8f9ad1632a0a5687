package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.StoreException;

/**
 * The public CP section's items (news, activities, the yearly plan) in PostgreSQL; every change in
 * one transaction with its audit entry ({@code cp.public.create}, {@code cp.public.update}, state
 * before and after). Blocking: call from worker threads.
 */
public final class PgCpPublic {
  /** One item as written by a province officer. */
  public record Item(
      String kind,
      String titleVi,
      String titleEn,
      String bodyVi,
      String bodyEn,
      LocalDate date,
      Integer attendance,
      Integer planYear,
      boolean published) {
    Map<String, Object> json(String code) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("kind", kind);
      m.put("title_vi", titleVi);
      m.put("title_en", titleEn);
      m.put("body_vi", bodyVi);
      m.put("body_en", bodyEn);
      m.put("date", date == null ? null : date.toString());
      m.put("attendance", attendance);
      m.put("plan_year", planYear);
      m.put("published", published);
      return m;
    }
  }

  private final DataSource dataSource;

  public PgCpPublic(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates or replaces an item; an unchanged one writes nothing.
   *
   * @return whether it was created
   */
  public boolean put(PgCpAssessments.Who who, String code, Item item, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<String, Object> before = null;
        for (Map<String, Object> m : read(c, "WHERE code = ? FOR UPDATE", code)) {
          before = m;
        }
        Map<String, Object> after = item.json(code);
        if (after.equals(before)) {
          c.rollback();
          return false;
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO cp_public_item (code, kind, title_vi, title_en, body_vi, body_en,"
                    + " event_date, attendance, plan_year, published, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE"
                    + " SET kind = EXCLUDED.kind, title_vi = EXCLUDED.title_vi, title_en ="
                    + " EXCLUDED.title_en, body_vi = EXCLUDED.body_vi, body_en = EXCLUDED.body_en,"
                    + " event_date = EXCLUDED.event_date, attendance = EXCLUDED.attendance,"
                    + " plan_year = EXCLUDED.plan_year, published = EXCLUDED.published,"
                    + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")) {
          ps.setString(1, code);
          ps.setString(2, item.kind());
          ps.setString(3, item.titleVi());
          ps.setString(4, item.titleEn());
          ps.setString(5, item.bodyVi());
          ps.setString(6, item.bodyEn());
          ps.setObject(7, item.date());
          ps.setObject(8, item.attendance());
          ps.setObject(9, item.planYear());
          ps.setBoolean(10, item.published());
          ps.setString(11, who.subject());
          ps.setTimestamp(12, Timestamp.from(now));
          ps.executeUpdate();
        }
        PgAuditLog.record(
            c,
            new AuditEntry(
                now,
                who.subject(),
                who.role().wire(),
                before == null ? "cp.public.create" : "cp.public.update",
                AuditEntry.Outcome.SUCCESS,
                null,
                code,
                who.clientIp(),
                null,
                before == null ? null : new JsonObject(before).encode(),
                new JsonObject(after).encode()));
        c.commit();
        return before == null;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw StoreException.of("writing public CP item " + code, e);
    }
  }

  /** The published items: activities and news newest first, then the plans by year. */
  public List<Map<String, Object>> published() {
    try (Connection c = dataSource.getConnection()) {
      return read(
          c,
          "WHERE published ORDER BY plan_year DESC NULLS LAST, event_date DESC NULLS LAST, code");
    } catch (SQLException e) {
      throw StoreException.of("reading the public CP items", e);
    }
  }

  private static List<Map<String, Object>> read(Connection c, String where, String... params)
      throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT code, kind, title_vi, title_en, body_vi, body_en, event_date, attendance,"
                + " plan_year, published FROM cp_public_item "
                + where)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Item(
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getObject(7, LocalDate.class),
                      (Integer) rs.getObject(8),
                      (Integer) rs.getObject(9),
                      rs.getBoolean(10))
                  .json(rs.getString(1)));
        }
      }
    }
    return out;
  }
}
