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
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.programme.ActivityAttendance;
import org.energytrace.ingest.programme.Who;
import org.energytrace.ingest.store.Transactions;

/**
 * The public CP section's items (news, activities, the yearly plan) in PostgreSQL; every change in
 * one transaction with its audit entry ({@code cp.public.create}, {@code cp.public.update}, state
 * before and after). Blocking: call from worker threads.
 */
public final class PgCpPublic {
  /** The kinds of item that are activities (with a date and attendees). */
  static final Set<String> ACTIVITIES = Set.of("workshop", "training", "study_tour");

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
    return Transactions.run(
        dataSource,
        "writing public CP item " + code,
        c ->
            CpRecords.put(
                c,
                who,
                now,
                "cp.public",
                null,
                code,
                CpRecords.first(read(c, "WHERE code = ? FOR UPDATE", code)),
                item.json(code),
                w -> {
                  try (PreparedStatement ps =
                      w.prepareStatement(
                          "INSERT INTO cp_public_item (code, kind, title_vi, title_en, body_vi,"
                              + " body_en, event_date, attendance, plan_year, published,"
                              + " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                              + " ?) ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind,"
                              + " title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en,"
                              + " body_vi = EXCLUDED.body_vi, body_en = EXCLUDED.body_en,"
                              + " event_date = EXCLUDED.event_date, attendance ="
                              + " EXCLUDED.attendance, plan_year = EXCLUDED.plan_year, published"
                              + " = EXCLUDED.published, updated_by = EXCLUDED.updated_by,"
                              + " updated_at = EXCLUDED.updated_at")) {
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
                }));
  }

  /** One attendee of an activity: an enterprise's person, their role, their CP officer code. */
  public record Attendee(String enterprise, String person, String role, String officer) {
    Map<String, Object> json(String item) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("item", item);
      m.put("enterprise", enterprise);
      m.put("person", person);
      m.put("role", role);
      m.put("officer", officer);
      return m;
    }
  }

  /**
   * Records that {@code a} attended activity {@code item}, and what it means for the programme: a
   * CP officer attending a training course gets the course as a completed training, and the
   * enterprise becomes aware of CP on the activity's date (a study tour as a visit, a workshop or
   * course as a workshop) unless it was already. All in one transaction, each write audited ({@code
   * cp.attendance.record}, and the programme's own actions); recording the same attendee again
   * writes nothing.
   *
   * @return the attendee with {@code recorded}, {@code training_recorded}, {@code aware_recorded}
   */
  public Map<String, Object> attend(PgCpAssessments.Who who, String item, Attendee a, Instant now) {
    return Transactions.run(
        dataSource,
        "recording attendance of " + item,
        c -> {
          long itemId;
          String kind;
          String course;
          LocalDate date;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT item_id, kind, title_vi, event_date FROM cp_public_item WHERE code = ?"
                      + " FOR SHARE")) {
            ps.setString(1, item);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("no public CP item " + item);
              }
              itemId = rs.getLong(1);
              kind = rs.getString(2);
              course = rs.getString(3);
              date = rs.getObject(4, LocalDate.class);
            }
          }
          if (!ACTIVITIES.contains(kind)) {
            throw DomainException.conflict(
                "item",
                item + " is " + kind + ", not an activity (workshop, training, study_tour)");
          }
          if (date == null) {
            throw DomainException.conflict("item", item + " has no date; give the activity one");
          }
          Optional<Long> enterprise = ActivityAttendance.facility(c, a.enterprise());
          if (enterprise.isEmpty()) {
            throw DomainException.conflict(
                "enterprise", a.enterprise() + " is not in the programme registry");
          }
          boolean recorded;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cp_attendance (item_id, enterprise_id, person, role, officer,"
                      + " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            ps.setLong(1, itemId);
            ps.setLong(2, enterprise.get());
            ps.setString(3, a.person());
            ps.setString(4, a.role());
            ps.setString(5, a.officer());
            ps.setString(6, who.subject());
            ps.setTimestamp(7, Timestamp.from(now));
            recorded = ps.executeUpdate() == 1;
          }
          Map<String, Object> out = a.json(item);
          if (recorded) {
            PgAuditLog.change(
                c,
                who,
                now,
                "cp.attendance.record",
                a.enterprise(),
                item + "/attendance/" + a.person(),
                null,
                null,
                new JsonObject(out));
          }
          Who by = new Who(who.subject(), who.role(), who.clientIp());
          boolean training =
              recorded
                  && "training".equals(kind)
                  && a.officer() != null
                  && ActivityAttendance.recordTraining(
                      c, by, a.enterprise(), a.officer(), a.person(), course, date, now);
          boolean aware =
              recorded
                  && ActivityAttendance.recordAware(
                      c,
                      by,
                      a.enterprise(),
                      "study_tour".equals(kind) ? "visit" : "workshop",
                      date,
                      now);
          out.put("recorded", recorded);
          out.put("training_recorded", training);
          out.put("aware_recorded", aware);
          return out;
        });
  }

  /** The attendees of each activity, by item code (for the officers). */
  public Map<String, List<Map<String, Object>>> attendance() {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT i.code, e.code, a.person, a.role, a.officer FROM cp_attendance a JOIN"
                    + " cp_public_item i USING (item_id) JOIN enterprise e USING (enterprise_id)"
                    + " ORDER BY i.code, e.code, a.person");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(
                new Attendee(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))
                    .json(rs.getString(1)));
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("reading the attendance of CP activities", e);
    }
  }

  /** Every item, drafts too (for the officers): plans by year, then the rest newest first. */
  public List<Map<String, Object>> all() {
    try (Connection c = dataSource.getConnection()) {
      return read(c, "ORDER BY plan_year DESC NULLS LAST, event_date DESC NULLS LAST, code");
    } catch (SQLException e) {
      throw StoreException.of("reading the public CP items", e);
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
    return CpRecords.rows(
        c,
        "SELECT code, kind, title_vi, title_en, body_vi, body_en, event_date, attendance,"
            + " plan_year, published FROM cp_public_item ",
        where,
        rs ->
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
                .json(rs.getString(1)),
        params);
  }
}
