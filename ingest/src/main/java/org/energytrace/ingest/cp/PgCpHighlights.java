package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;

/**
 * The public CP section's achievements (the programme's indicators of a closed period, as
 * published) and pilot sites (a site with its showcase) in PostgreSQL; every change in one
 * transaction with its audit entry ({@code cp.achievement.publish}, {@code .unpublish}, {@code
 * cp.pilot.create}, {@code .update}, the state before and after). Blocking: call from worker
 * threads.
 */
public final class PgCpHighlights {
  /** A pilot site as written by a province officer. */
  public record Pilot(String enterprise, String site, CpTexts texts, boolean published) {
    Map<String, Object> json(String code) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("enterprise", enterprise);
      m.put("site", site);
      texts.json(m);
      m.put("published", published);
      return m;
    }
  }

  private final DataSource dataSource;

  public PgCpHighlights(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private <T> T transaction(String what, Transactions.Work<T> work) {
    return Transactions.run(dataSource, what, work);
  }

  // ---- achievements ----

  /**
   * Publishes the figures of {@code period} (computed by {@code figures}, only when publishing) or
   * withdraws them; the same state again writes nothing.
   *
   * @return the achievement as stored
   */
  public Map<String, Object> publishAchievement(
      Who who,
      String period,
      boolean published,
      Supplier<Map<String, Object>> figures,
      Instant now) {
    return transaction(
        "publishing the achievements of " + period,
        c -> {
          Map<String, Object> before = achievement(c, period);
          Map<String, Object> values;
          if (published) {
            values = figures.get();
          } else if (before == null) {
            throw DomainException.conflict("published", "nothing of " + period + " to withdraw");
          } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> kept = (Map<String, Object>) before.get("figures");
            values = kept;
          }
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("period", period);
          after.put("figures", values);
          after.put("published", published);
          if (after.equals(before)) {
            return after;
          }
          Sql.update(
              c,
              "INSERT INTO cp_achievement (period, figures, published, updated_by, updated_at)"
                  + " VALUES (?, ?::jsonb, ?, ?, ?) ON CONFLICT (period) DO UPDATE SET"
                  + " figures = EXCLUDED.figures, published = EXCLUDED.published,"
                  + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at",
              Sql.text(period),
              new JsonObject(values).encode(),
              published,
              who.subject(),
              Timestamp.from(now));
          PgAuditLog.change(
              c,
              who,
              now,
              published ? "cp.achievement.publish" : "cp.achievement.unpublish",
              null,
              "cp-achievements/" + period,
              null,
              PgCpAssessments.json(before),
              PgCpAssessments.json(after));
          return after;
        });
  }

  private static Map<String, Object> achievement(Connection c, String period) throws SQLException {
    return CpRecords.first(achievements(c, "WHERE period = ? FOR UPDATE", period));
  }

  private static List<Map<String, Object>> achievements(
      Connection c, String where, String... params) throws SQLException {
    return CpRecords.rows(
        c,
        "SELECT period, figures, published FROM cp_achievement ",
        where,
        rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("period", rs.getString(1));
          m.put("figures", new JsonObject(rs.getString(2)).getMap());
          m.put("published", rs.getBoolean(3));
          return m;
        },
        params);
  }

  /** The achievements, newest period first; only the published ones unless {@code all}. */
  public List<Map<String, Object>> achievements(boolean all) {
    return transaction(
        "reading the CP achievements",
        c -> achievements(c, (all ? "" : "WHERE published ") + "ORDER BY period DESC"));
  }

  // ---- pilot sites ----

  /**
   * Creates or replaces pilot site {@code code}; the site must exist (409 naming {@code site}).
   *
   * @return whether it was created
   */
  public boolean putPilot(Who who, String code, Pilot p, Instant now) {
    return transaction(
        "writing pilot site " + code,
        c -> {
          long siteId =
              Sql.first(
                      c,
                      "SELECT s.site_id FROM site s JOIN enterprise e USING (enterprise_id)"
                          + " WHERE e.code = ? AND s.code = ?",
                      Sql.args(Sql.text(p.enterprise()), Sql.text(p.site())),
                      rs -> rs.getLong(1))
                  .orElseThrow(
                      () ->
                          DomainException.conflict(
                              "site", "no site " + p.site() + " of enterprise " + p.enterprise()));
          Map<String, Object> before =
              CpRecords.first(pilots(c, "WHERE p.code = ? FOR UPDATE OF p", code));
          if (before != null) {
            before.remove("site_published");
            before.remove("showcase");
          }
          return CpRecords.put(
              c,
              who,
              now,
              "cp.pilot",
              p.enterprise(),
              "cp-pilot-sites/" + code,
              before,
              p.json(code),
              w ->
                  Sql.update(
                      w,
                      "INSERT INTO cp_pilot_site (code, site_id, title_vi, title_en, body_vi,"
                          + " body_en, published, updated_by, updated_at) VALUES (?, ?, ?, ?, ?,"
                          + " ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET site_id ="
                          + " EXCLUDED.site_id, title_vi = EXCLUDED.title_vi, title_en ="
                          + " EXCLUDED.title_en, body_vi = EXCLUDED.body_vi, body_en ="
                          + " EXCLUDED.body_en, published = EXCLUDED.published, updated_by ="
                          + " EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at",
                      Sql.text(code),
                      siteId,
                      Sql.text(p.texts().titleVi()),
                      Sql.text(p.texts().titleEn()),
                      Sql.text(p.texts().bodyVi()),
                      Sql.text(p.texts().bodyEn()),
                      p.published(),
                      who.subject(),
                      Timestamp.from(now)));
        });
  }

  /**
   * The pilot sites with their showcase link and whether their site is published; for the public
   * ({@code all} false) only those published whose site is published too.
   */
  public List<Map<String, Object>> pilots(boolean all) {
    return transaction(
        "reading the CP pilot sites",
        c ->
            pilots(
                c,
                (all ? "" : "WHERE p.published AND s.published ")
                    + "ORDER BY e.code, s.code, p.code"));
  }

  private static List<Map<String, Object>> pilots(Connection c, String where, String... params)
      throws SQLException {
    return CpRecords.rows(
        c,
        "SELECT p.code, e.code, s.code, p.title_vi, p.title_en, p.body_vi, p.body_en,"
            + " p.published, s.published FROM cp_pilot_site p JOIN site s USING (site_id)"
            + " JOIN enterprise e ON e.enterprise_id = s.enterprise_id ",
        where,
        rs -> {
          Map<String, Object> m =
              new Pilot(rs.getString(2), rs.getString(3), CpTexts.of(rs, 4), rs.getBoolean(8))
                  .json(rs.getString(1));
          m.put("site_published", rs.getBoolean(9));
          m.put(
              "showcase",
              "/showcase.html?enterprise="
                  + URLEncoder.encode(rs.getString(2), StandardCharsets.UTF_8)
                  + "&site="
                  + URLEncoder.encode(rs.getString(3), StandardCharsets.UTF_8));
          return m;
        },
        params);
  }
}
