package org.energytrace.ingest.programme;

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
import javax.sql.DataSource;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.tenant.Scope;

/**
 * The programme's reporting in PostgreSQL (V71): reporting periods with their deadlines, the
 * enterprises' period reports (draft notes, then submitted and locked with the figures as they were
 * at submission) and the reminders' outbox. Every change runs in one transaction with its audit
 * entry ({@code programme.period.*}, {@code programme.report.*}). Blocking: call from worker
 * threads.
 */
public final class PgReporting {
  private final PgProgramme registry;

  public PgReporting(DataSource dataSource) {
    this.registry = new PgProgramme(dataSource);
  }

  /** A reporting period as stored. */
  public record Period(
      long id,
      String label,
      LocalDate from,
      LocalDate to,
      LocalDate deadline,
      int reminderDays,
      String createdBy,
      Instant createdAt,
      String closedBy,
      Instant closedAt) {
    public boolean closed() {
      return closedAt != null;
    }

    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", label);
      m.put("kind", label.contains("-H") ? "semiannual" : "annual");
      m.put("from", from.toString());
      m.put("to", to.toString());
      m.put("deadline", deadline.toString());
      m.put("reminder_days", reminderDays);
      m.put("status", closed() ? "closed" : "open");
      m.put("created_by", createdBy);
      m.put("created_at", createdAt.toString());
      m.put("closed_by", closedBy);
      m.put("closed_at", closedAt == null ? null : closedAt.toString());
      return m;
    }
  }

  /** An enterprise's stored report of a period (absent: not started). */
  public record Report(
      String notes,
      String status,
      Map<String, Object> content,
      String submittedBy,
      Instant submittedAt,
      String reopenedBy,
      Instant reopenedAt,
      String reopenReason,
      String updatedBy,
      Instant updatedAt) {
    public boolean submitted() {
      return "submitted".equals(status);
    }
  }

  /** A facility of the registry with its report's state in one period. */
  public record Row(
      String enterprise,
      String name,
      String district,
      String park,
      String email,
      LocalDate registeredOn,
      String status,
      Instant submittedAt,
      String reminderStatus,
      Instant remindedAt) {}

  /** A reminder of the outbox. */
  public record Reminder(
      long id,
      String enterprise,
      String recipient,
      String subject,
      String body,
      String status,
      Instant createdAt,
      Instant sentAt,
      int attempts,
      String lastError) {
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("enterprise", enterprise);
      m.put("recipient", recipient);
      m.put("subject", subject);
      m.put("body", body);
      m.put("status", status);
      m.put("created_at", createdAt.toString());
      m.put("sent_at", sentAt == null ? null : sentAt.toString());
      m.put("attempts", attempts);
      m.put("last_error", lastError);
      return m;
    }
  }

  // ---- periods ----

  private static final String PERIOD_COLUMNS =
      "period_id, label, period_from, period_to, deadline, reminder_days, created_by, created_at,"
          + " closed_by, closed_at FROM programme_reporting_period";

  private static Period period(ResultSet rs) throws SQLException {
    Timestamp closed = rs.getTimestamp(10);
    return new Period(
        rs.getLong(1),
        rs.getString(2),
        rs.getObject(3, LocalDate.class),
        rs.getObject(4, LocalDate.class),
        rs.getObject(5, LocalDate.class),
        rs.getInt(6),
        rs.getString(7),
        rs.getTimestamp(8).toInstant(),
        rs.getString(9),
        closed == null ? null : closed.toInstant());
  }

  /** Every period, newest first. */
  public List<Period> periods() {
    return registry.transaction(
        "reading the reporting periods",
        c -> {
          List<Period> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT " + PERIOD_COLUMNS + " ORDER BY period_to DESC, label DESC");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(period(rs));
            }
          }
          return out;
        });
  }

  public Period period(String label) {
    return registry.transaction("reading reporting period " + label, c -> period(c, label, false));
  }

  private static Period period(Connection c, String label, boolean lock) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + PERIOD_COLUMNS + " WHERE label = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, label);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("reporting period " + label + " not found");
        }
        return period(rs);
      }
    }
  }

  public Period create(
      Who who,
      String label,
      LocalDate from,
      LocalDate to,
      LocalDate deadline,
      int reminderDays,
      Instant now) {
    return registry.transaction(
        "creating reporting period " + label,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_reporting_period (label, period_from, period_to, deadline,"
                      + " reminder_days, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON"
                      + " CONFLICT (label) DO NOTHING")) {
            ps.setString(1, label);
            ps.setObject(2, from);
            ps.setObject(3, to);
            ps.setObject(4, deadline);
            ps.setInt(5, reminderDays);
            ps.setString(6, who.subject());
            ps.setTimestamp(7, Timestamp.from(now));
            if (ps.executeUpdate() == 0) {
              throw DomainException.conflict("period", label + " exists already");
            }
          }
          Period p = period(c, label, false);
          PgProgramme.audit(c, who, "programme.period.create", null, label, null, p.json(), now);
          return p;
        });
  }

  /** Sets the deadline and the reminder's lead time of an open period. */
  public Period setDeadline(
      Who who, String label, LocalDate deadline, int reminderDays, String reason, Instant now) {
    return registry.transaction(
        "setting the deadline of " + label,
        c -> {
          Period before = period(c, label, true);
          if (before.closed()) {
            throw DomainException.conflict("period", label + " is closed");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE programme_reporting_period SET deadline = ?, reminder_days = ? WHERE"
                      + " period_id = ?")) {
            ps.setObject(1, deadline);
            ps.setInt(2, reminderDays);
            ps.setLong(3, before.id());
            ps.executeUpdate();
          }
          Period after = period(c, label, false);
          Map<String, Object> a = new LinkedHashMap<>(after.json());
          a.put("reason", reason);
          PgProgramme.audit(
              c, who, "programme.period.deadline", null, label, before.json(), a, now);
          return after;
        });
  }

  public Period close(Who who, String label, Instant now) {
    return registry.transaction(
        "closing " + label,
        c -> {
          Period before = period(c, label, true);
          if (before.closed()) {
            throw DomainException.conflict("period", label + " is closed already");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE programme_reporting_period SET closed_by = ?, closed_at = ? WHERE"
                      + " period_id = ?")) {
            ps.setString(1, who.subject());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, before.id());
            ps.executeUpdate();
          }
          Period after = period(c, label, false);
          PgProgramme.audit(
              c, who, "programme.period.close", null, label, before.json(), after.json(), now);
          return after;
        });
  }

  // ---- reports ----

  /** The stored report of a registered enterprise in scope (not found otherwise). */
  public Optional<Report> report(Scope scope, String enterprise, String label) {
    return registry.transaction(
        "reading the " + label + " report of " + enterprise,
        c -> {
          Period p = period(c, label, false);
          return report(c, p.id(), facility(c, scope, enterprise), false);
        });
  }

  private static long facility(Connection c, Scope scope, String enterprise) throws SQLException {
    if (scope.permits(enterprise)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT e.enterprise_id FROM programme_facility f JOIN enterprise e USING"
                  + " (enterprise_id) WHERE e.code = ?")) {
        ps.setString(1, enterprise);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
    }
    throw new NotFoundException("facility " + enterprise + " not found in the registry");
  }

  private static Optional<Report> report(Connection c, long period, long enterprise, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT notes, status, content::text, submitted_by, submitted_at, reopened_by,"
                + " reopened_at, reopen_reason, updated_by, updated_at FROM"
                + " programme_period_report WHERE period_id = ? AND enterprise_id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      ps.setLong(1, period);
      ps.setLong(2, enterprise);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String content = rs.getString(3);
        return Optional.of(
            new Report(
                rs.getString(1),
                rs.getString(2),
                content == null ? null : new JsonObject(content).getMap(),
                rs.getString(4),
                instant(rs.getTimestamp(5)),
                rs.getString(6),
                instant(rs.getTimestamp(7)),
                rs.getString(8),
                rs.getString(9),
                instant(rs.getTimestamp(10))));
      }
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** The period, open; else 409. */
  private static Period open(Connection c, String label) throws SQLException {
    Period p = period(c, label, false);
    if (p.closed()) {
      throw DomainException.conflict("period", label + " is closed: its reports are final");
    }
    return p;
  }

  /** Saves the notes of a report not submitted (creating the draft). */
  public Report saveNotes(
      Who who, Scope scope, String enterprise, String label, String notes, Instant now) {
    return registry.transaction(
        "saving the " + label + " report of " + enterprise,
        c -> {
          Period p = open(c, label);
          long eid = facility(c, scope, enterprise);
          Optional<Report> before = report(c, p.id(), eid, true);
          if (before.isPresent() && before.get().submitted()) {
            throw DomainException.conflict(
                "report", "the " + label + " report is submitted and locked");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_period_report (period_id, enterprise_id, notes, status,"
                      + " updated_by, updated_at) VALUES (?, ?, ?, 'draft', ?, ?) ON CONFLICT"
                      + " (period_id, enterprise_id) DO UPDATE SET notes = excluded.notes,"
                      + " updated_by = excluded.updated_by, updated_at = excluded.updated_at")) {
            ps.setLong(1, p.id());
            ps.setLong(2, eid);
            ps.setString(3, notes);
            ps.setString(4, who.subject());
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
          }
          PgProgramme.audit(
              c,
              who,
              "programme.report.notes",
              enterprise,
              label,
              before.map(r -> Map.of("notes", r.notes())).orElse(null),
              Map.of("notes", notes),
              now);
          return report(c, p.id(), eid, false).orElseThrow();
        });
  }

  /** Submits a report with its figures: locked from now on. */
  public Report submit(
      Who who,
      Scope scope,
      String enterprise,
      String label,
      String notes,
      Map<String, Object> content,
      Instant now) {
    return registry.transaction(
        "submitting the " + label + " report of " + enterprise,
        c -> {
          Period p = open(c, label);
          long eid = facility(c, scope, enterprise);
          Optional<Report> before = report(c, p.id(), eid, true);
          if (before.isPresent() && before.get().submitted()) {
            throw DomainException.conflict(
                "report", "the " + label + " report is submitted already");
          }
          String text = notes != null ? notes : before.map(Report::notes).orElse("");
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO programme_period_report (period_id, enterprise_id, notes, status,"
                      + " content, submitted_by, submitted_at, updated_by, updated_at) VALUES (?,"
                      + " ?, ?, 'submitted', ?::jsonb, ?, ?, ?, ?) ON CONFLICT (period_id,"
                      + " enterprise_id) DO UPDATE SET notes = excluded.notes, status ="
                      + " 'submitted', content = excluded.content, submitted_by ="
                      + " excluded.submitted_by, submitted_at = excluded.submitted_at, updated_by"
                      + " = excluded.updated_by, updated_at = excluded.updated_at")) {
            ps.setLong(1, p.id());
            ps.setLong(2, eid);
            ps.setString(3, text);
            ps.setString(4, new JsonObject(content).encode());
            ps.setString(5, who.subject());
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, who.subject());
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
          }
          Map<String, Object> after = new LinkedHashMap<>();
          after.put("status", "submitted");
          after.put("notes", text);
          after.put("figures", content);
          PgProgramme.audit(
              c,
              who,
              "programme.report.submit",
              enterprise,
              label,
              before.map(r -> Map.of("status", r.status(), "notes", r.notes())).orElse(null),
              after,
              now);
          return report(c, p.id(), eid, false).orElseThrow();
        });
  }

  /** Unlocks a submitted report of an open period (a province officer, with a reason). */
  public Report reopen(Who who, String enterprise, String label, String reason, Instant now) {
    return registry.transaction(
        "reopening the " + label + " report of " + enterprise,
        c -> {
          Period p = open(c, label);
          long eid = facility(c, Scope.ALL, enterprise);
          Optional<Report> before = report(c, p.id(), eid, true);
          if (before.isEmpty() || !before.get().submitted()) {
            throw DomainException.conflict(
                "report", "the " + label + " report of " + enterprise + " is not submitted");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE programme_period_report SET status = 'draft', content = NULL,"
                      + " submitted_by = NULL, submitted_at = NULL, reopened_by = ?, reopened_at"
                      + " = ?, reopen_reason = ?, updated_by = ?, updated_at = ? WHERE period_id"
                      + " = ? AND enterprise_id = ?")) {
            ps.setString(1, who.subject());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, reason);
            ps.setString(4, who.subject());
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setLong(6, p.id());
            ps.setLong(7, eid);
            ps.executeUpdate();
          }
          Report b = before.get();
          Map<String, Object> was = new LinkedHashMap<>();
          was.put("status", b.status());
          was.put("submitted_by", b.submittedBy());
          was.put("submitted_at", b.submittedAt().toString());
          was.put("figures", b.content());
          PgProgramme.audit(
              c,
              who,
              "programme.report.reopen",
              enterprise,
              label,
              was,
              Map.of("status", "draft", "reason", reason),
              now);
          return report(c, p.id(), eid, false).orElseThrow();
        });
  }

  // ---- status, reminders ----

  /**
   * The registered facilities in scope that report for the period (registered on or before its last
   * day, or without a registration date), with their report's state and reminder.
   */
  public List<Row> rows(Scope scope, Period p) {
    return registry.transaction(
        "reading the reporting status of " + p.label(),
        c -> {
          List<Row> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT e.code, coalesce(f.short_name, f.legal_name_vi), f.district,"
                      + " f.industrial_park, f.contact_email, f.registered_on, r.status,"
                      + " r.submitted_at, m.status, m.created_at FROM programme_facility f JOIN"
                      + " enterprise e USING (enterprise_id) LEFT JOIN programme_period_report r"
                      + " ON r.enterprise_id = f.enterprise_id AND r.period_id = ? LEFT JOIN"
                      + " programme_reminder m ON m.enterprise_id = f.enterprise_id AND"
                      + " m.period_id = ? WHERE (f.registered_on IS NULL OR f.registered_on <= ?)"
                      + " AND "
                      + Scope.SQL_ENTERPRISE.formatted("e.code")
                      + " ORDER BY e.code")) {
            ps.setLong(1, p.id());
            ps.setLong(2, p.id());
            ps.setObject(3, p.to());
            scope.bind(c, ps, 4);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getString(7) == null ? "not_started" : rs.getString(7),
                        instant(rs.getTimestamp(8)),
                        rs.getString(9),
                        instant(rs.getTimestamp(10))));
              }
            }
          }
          return out;
        });
  }

  /** What a reminder says: subject and body, in Vietnamese then English. */
  public record Message(String subject, String body) {}

  /**
   * Records one reminder per enterprise that has not submitted (queued when the registry has its
   * e-mail, else {@code no_address}); an enterprise reminded once for the period is not again.
   */
  public List<Reminder> remind(
      Period p, List<Row> due, java.util.function.Function<Row, Message> text, Instant now) {
    return registry.transaction(
        "recording the reminders of " + p.label(),
        c -> {
          List<Reminder> out = new ArrayList<>();
          for (Row r : due) {
            Message m = text.apply(r);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO programme_reminder (period_id, enterprise_id, recipient, subject,"
                        + " body, status, created_at) SELECT ?, enterprise_id, ?, ?, ?, ?, ? FROM"
                        + " enterprise WHERE code = ? ON CONFLICT (period_id, enterprise_id) DO"
                        + " NOTHING RETURNING reminder_id")) {
              String status = r.email() == null ? "no_address" : "queued";
              ps.setLong(1, p.id());
              ps.setString(2, r.email());
              ps.setString(3, m.subject());
              ps.setString(4, m.body());
              ps.setString(5, status);
              ps.setTimestamp(6, Timestamp.from(now));
              ps.setString(7, r.enterprise());
              try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  out.add(
                      new Reminder(
                          rs.getLong(1),
                          r.enterprise(),
                          r.email(),
                          m.subject(),
                          m.body(),
                          status,
                          now,
                          null,
                          0,
                          null));
                }
              }
            }
          }
          return out;
        });
  }

  /** The reminders of a period for the enterprises in scope, oldest first. */
  public List<Reminder> reminders(Scope scope, Period p) {
    return registry.transaction(
        "reading the reminders of " + p.label(),
        c -> {
          List<Reminder> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + REMINDER_COLUMNS
                      + " WHERE m.period_id = ? AND "
                      + Scope.SQL_ENTERPRISE.formatted("e.code")
                      + " ORDER BY m.created_at, e.code")) {
            ps.setLong(1, p.id());
            scope.bind(c, ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(reminder(rs));
              }
            }
          }
          return out;
        });
  }

  private static final String REMINDER_COLUMNS =
      "m.reminder_id, e.code, m.recipient, m.subject, m.body, m.status, m.created_at, m.sent_at,"
          + " m.attempts, m.last_error FROM programme_reminder m JOIN enterprise e USING"
          + " (enterprise_id)";

  private static Reminder reminder(ResultSet rs) throws SQLException {
    return new Reminder(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getTimestamp(7).toInstant(),
        instant(rs.getTimestamp(8)),
        rs.getInt(9),
        rs.getString(10));
  }

  // ---- delivery (ReminderMailer) ----

  /** The queued reminders of every period with an address, oldest first (at most {@code limit}). */
  public List<Reminder> queued(int limit) {
    return registry.transaction(
        "reading the queued reminders",
        c -> {
          List<Reminder> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + REMINDER_COLUMNS
                      + " WHERE m.status = 'queued' AND m.recipient IS NOT NULL ORDER BY"
                      + " m.created_at, m.reminder_id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(reminder(rs));
              }
            }
          }
          return out;
        });
  }

  /** The SMTP server accepted the reminder: it is sent. */
  public void sent(long reminderId, Instant at) {
    registry.transaction(
        "marking reminder " + reminderId + " sent",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE programme_reminder SET status = 'sent', sent_at = ?, attempts = attempts"
                      + " + 1, last_attempt_at = ?, last_error = NULL WHERE reminder_id = ? AND"
                      + " status = 'queued'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, reminderId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Sending failed: the reminder stays queued, with the attempt counted and its reason. */
  public void failed(long reminderId, String error, Instant at) {
    registry.transaction(
        "recording the failed delivery of reminder " + reminderId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE programme_reminder SET attempts = attempts + 1, last_attempt_at = ?,"
                      + " last_error = ? WHERE reminder_id = ? AND status = 'queued'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setLong(3, reminderId);
            ps.executeUpdate();
          }
          return null;
        });
  }
}
