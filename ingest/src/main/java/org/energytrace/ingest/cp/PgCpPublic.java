package org.energytrace.ingest.cp;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
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
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.programme.ActivityAttendance;
import org.energytrace.ingest.programme.ProgrammeExport;
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
      CpTexts texts,
      LocalDate date,
      Integer attendance,
      Integer planYear,
      boolean published) {
    Map<String, Object> json(String code) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("kind", kind);
      texts.json(m);
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
  public boolean put(Who who, String code, Item item, Instant now) {
    return Transactions.run(
        dataSource,
        "writing public CP item " + code,
        c -> {
          // an activity its attendees were recorded at took place: moved to a later day than
          // today, its "aware" steps and trainings would stand before the activity
          if (item.date() != null
              && item.date().isAfter(LocalDate.ofInstant(now, ProgrammeExport.ZONE))
              && Sql.first(
                      c,
                      "SELECT 1 FROM cp_attendance a JOIN cp_public_item i USING (item_id)"
                          + " WHERE i.code = ?",
                      Sql.args(Sql.text(code)),
                      rs -> true)
                  .isPresent()) {
            throw DomainException.conflict(
                "date",
                code
                    + " has attendees recorded: it took place and is not moved to "
                    + item.date()
                    + ", a day in the future");
          }
          return CpRecords.put(
              c,
              who,
              now,
              "cp.public",
              null,
              code,
              CpRecords.first(read(c, "WHERE code = ? FOR UPDATE", code)),
              item.json(code),
              w ->
                  Sql.update(
                      w,
                      "INSERT INTO cp_public_item (code, kind, title_vi, title_en, body_vi,"
                          + " body_en, event_date, attendance, plan_year, published,"
                          + " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          + " ?) ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind,"
                          + " title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en,"
                          + " body_vi = EXCLUDED.body_vi, body_en = EXCLUDED.body_en,"
                          + " event_date = EXCLUDED.event_date, attendance ="
                          + " EXCLUDED.attendance, plan_year = EXCLUDED.plan_year, published"
                          + " = EXCLUDED.published, updated_by = EXCLUDED.updated_by,"
                          + " updated_at = EXCLUDED.updated_at",
                      Sql.text(code),
                      Sql.text(item.kind()),
                      Sql.text(item.texts().titleVi()),
                      Sql.text(item.texts().titleEn()),
                      Sql.text(item.texts().bodyVi()),
                      Sql.text(item.texts().bodyEn()),
                      item.date(),
                      item.attendance(),
                      item.planYear(),
                      item.published(),
                      who.subject(),
                      Timestamp.from(now)));
        });
  }

  /** An activity as an attendance reads it: its id, kind, course title and date. */
  private record Activity(long id, String kind, String course, LocalDate date) {}

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
  public Map<String, Object> attend(Who who, String item, Attendee a, Instant now) {
    return Transactions.run(
        dataSource,
        "recording attendance of " + item,
        c -> {
          Activity activity =
              Sql.first(
                      c,
                      "SELECT item_id, kind, title_vi, event_date FROM cp_public_item WHERE code = ?"
                          + " FOR SHARE",
                      Sql.args(Sql.text(item)),
                      rs ->
                          new Activity(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getString(3),
                              rs.getObject(4, LocalDate.class)))
                  .orElseThrow(() -> new NotFoundException("no public CP item " + item));
          String kind = activity.kind();
          String course = activity.course();
          LocalDate date = activity.date();
          if (!ACTIVITIES.contains(kind)) {
            throw DomainException.conflict(
                "item",
                item + " is " + kind + ", not an activity (workshop, training, study_tour)");
          }
          if (date == null) {
            throw DomainException.conflict("item", item + " has no date; give the activity one");
          }
          // attending records the facility's "aware" step and a CP officer's training on the
          // activity's day: a step in the future would keep the facility's real one out
          if (date.isAfter(LocalDate.ofInstant(now, ProgrammeExport.ZONE))) {
            throw DomainException.conflict(
                "item",
                item
                    + " is dated "
                    + date
                    + ", in the future: attendance is recorded once the activity took place");
          }
          Optional<Long> enterprise = ActivityAttendance.facility(c, a.enterprise());
          if (enterprise.isEmpty()) {
            throw DomainException.conflict(
                "enterprise", a.enterprise() + " is not in the programme registry");
          }
          boolean recorded =
              Sql.update(
                      c,
                      "INSERT INTO cp_attendance (item_id, enterprise_id, person, role, officer,"
                          + " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT DO NOTHING",
                      activity.id(),
                      enterprise.get(),
                      Sql.text(a.person()),
                      Sql.text(a.role()),
                      Sql.text(a.officer()),
                      who.subject(),
                      Timestamp.from(now))
                  == 1;
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
          boolean training =
              recorded
                  && "training".equals(kind)
                  && a.officer() != null
                  && ActivityAttendance.recordTraining(
                      c, who, a.enterprise(), a.officer(), a.person(), course, date, now);
          boolean aware =
              recorded
                  && ActivityAttendance.recordAware(
                      c,
                      who,
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
    for (Map<String, Object> attendee :
        Sql.list(
            dataSource,
            "reading the attendance of CP activities",
            "SELECT i.code, e.code, a.person, a.role, a.officer FROM cp_attendance a JOIN"
                + " cp_public_item i USING (item_id) JOIN enterprise e USING (enterprise_id)"
                + " ORDER BY i.code, e.code, a.person",
            Sql.NONE,
            rs ->
                new Attendee(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))
                    .json(rs.getString(1)))) {
      out.computeIfAbsent((String) attendee.get("item"), k -> new ArrayList<>()).add(attendee);
    }
    return out;
  }

  /** Every item, drafts too (for the officers): plans by year, then the rest newest first. */
  public List<Map<String, Object>> all() {
    return query("ORDER BY plan_year DESC NULLS LAST, event_date DESC NULLS LAST, code");
  }

  /** The published items: activities and news newest first, then the plans by year. */
  public List<Map<String, Object>> published() {
    return query(
        "WHERE published ORDER BY plan_year DESC NULLS LAST, event_date DESC NULLS LAST, code");
  }

  private List<Map<String, Object>> query(String where) {
    return Sql.with(dataSource, "reading the public CP items", c -> read(c, where));
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
                    CpTexts.of(rs, 3),
                    rs.getObject(7, LocalDate.class),
                    (Integer) rs.getObject(8),
                    (Integer) rs.getObject(9),
                    rs.getBoolean(10))
                .json(rs.getString(1)),
        params);
  }
}
