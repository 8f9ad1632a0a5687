package org.energytrace.ingest.programme;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.programme.PgReporting.Period;
import org.energytrace.ingest.programme.PgReporting.Report;
import org.energytrace.ingest.programme.PgReporting.Row;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;

/**
 * The enterprises' period reports in PostgreSQL ({@code programme_period_report}): draft notes,
 * then submitted and locked with the figures as they were at submission, reopened by a province
 * officer; each change audited as {@code programme.report.*} in its transaction. Also the reporting
 * status of the registry's facilities in a period. Blocking.
 */
final class PgPeriodReports {
  private final DataSource dataSource;

  PgPeriodReports(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The stored report of a registered enterprise in scope (not found otherwise). */
  Optional<Report> report(Scope scope, String enterprise, String label) {
    return Transactions.run(
        dataSource,
        "reading the " + label + " report of " + enterprise,
        c -> {
          Period p = PgReportingPeriods.period(c, label, false);
          return report(c, p.id(), PgProgramme.registered(c, scope, enterprise), false);
        });
  }

  private static Optional<Report> report(Connection c, long period, long enterprise, boolean lock)
      throws SQLException {
    return Sql.first(
        c,
        "SELECT notes, status, content::text, submitted_by, submitted_at, reopened_by,"
            + " reopened_at, reopen_reason, updated_by, updated_at FROM"
            + " programme_period_report WHERE period_id = ? AND enterprise_id = ?"
            + (lock ? " FOR UPDATE" : ""),
        Sql.args(period, enterprise),
        rs -> {
          String content = rs.getString(3);
          return new Report(
              rs.getString(1),
              rs.getString(2),
              content == null ? null : new JsonObject(content).getMap(),
              rs.getString(4),
              PgReporting.instant(rs.getTimestamp(5)),
              rs.getString(6),
              PgReporting.instant(rs.getTimestamp(7)),
              rs.getString(8),
              rs.getString(9),
              PgReporting.instant(rs.getTimestamp(10)));
        });
  }

  /** A report about to change: its open period, its enterprise and what it was (locked). */
  private record Change(Period period, long enterpriseId, Optional<Report> before) {
    Report after(Connection c) throws SQLException {
      return report(c, period.id(), enterpriseId, false).orElseThrow();
    }
  }

  /** The report of an open period, locked; 409 with {@code locked} when it is submitted. */
  private static Change draft(
      Connection c, Scope scope, String enterprise, String label, String locked)
      throws SQLException {
    Change ch = change(c, scope, enterprise, label);
    if (ch.before().isPresent() && ch.before().get().submitted()) {
      throw DomainException.conflict("report", "the " + label + " report is " + locked);
    }
    return ch;
  }

  private static Change change(Connection c, Scope scope, String enterprise, String label)
      throws SQLException {
    Period p = PgReportingPeriods.open(c, label, false, " is closed: its reports are final");
    long eid = PgProgramme.registered(c, scope, enterprise);
    return new Change(p, eid, report(c, p.id(), eid, true));
  }

  /** Saves the notes of a report not submitted (creating the draft). */
  Report saveNotes(
      Who who, Scope scope, String enterprise, String label, String notes, Instant now) {
    return Transactions.run(
        dataSource,
        "saving the " + label + " report of " + enterprise,
        c -> {
          Change ch = draft(c, scope, enterprise, label, "submitted and locked");
          Sql.update(
              c,
              "INSERT INTO programme_period_report (period_id, enterprise_id, notes, status,"
                  + " updated_by, updated_at) VALUES (?, ?, ?, 'draft', ?, ?) ON CONFLICT"
                  + " (period_id, enterprise_id) DO UPDATE SET notes = excluded.notes,"
                  + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
              ch.period().id(),
              ch.enterpriseId(),
              Sql.text(notes),
              who.subject(),
              Timestamp.from(now));
          PgProgramme.audit(
              c,
              who,
              "programme.report.notes",
              enterprise,
              label,
              ch.before().map(r -> Map.of("notes", r.notes())).orElse(null),
              Map.of("notes", notes),
              now);
          return ch.after(c);
        });
  }

  /** Submits a report with its figures: locked from now on. */
  Report submit(
      Who who,
      Scope scope,
      String enterprise,
      String label,
      String notes,
      Map<String, Object> content,
      Instant now) {
    return Transactions.run(
        dataSource,
        "submitting the " + label + " report of " + enterprise,
        c -> {
          Change ch = draft(c, scope, enterprise, label, "submitted already");
          String text = notes != null ? notes : ch.before().map(Report::notes).orElse("");
          Sql.update(
              c,
              "INSERT INTO programme_period_report (period_id, enterprise_id, notes, status,"
                  + " content, submitted_by, submitted_at, updated_by, updated_at) VALUES (?,"
                  + " ?, ?, 'submitted', ?::jsonb, ?, ?, ?, ?) ON CONFLICT (period_id,"
                  + " enterprise_id) DO UPDATE SET notes = excluded.notes, status ="
                  + " 'submitted', content = excluded.content, submitted_by ="
                  + " excluded.submitted_by, submitted_at = excluded.submitted_at, updated_by"
                  + " = excluded.updated_by, updated_at = excluded.updated_at",
              ch.period().id(),
              ch.enterpriseId(),
              Sql.text(text),
              new JsonObject(content).encode(),
              who.subject(),
              Timestamp.from(now),
              who.subject(),
              Timestamp.from(now));
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
              ch.before().map(r -> Map.of("status", r.status(), "notes", r.notes())).orElse(null),
              after,
              now);
          return ch.after(c);
        });
  }

  /** Unlocks a submitted report of an open period (a province officer, with a reason). */
  Report reopen(Who who, String enterprise, String label, String reason, Instant now) {
    return Transactions.run(
        dataSource,
        "reopening the " + label + " report of " + enterprise,
        c -> {
          Change ch = change(c, Scope.ALL, enterprise, label);
          if (ch.before().isEmpty() || !ch.before().get().submitted()) {
            throw DomainException.conflict(
                "report", "the " + label + " report of " + enterprise + " is not submitted");
          }
          Sql.update(
              c,
              "UPDATE programme_period_report SET status = 'draft', content = NULL,"
                  + " submitted_by = NULL, submitted_at = NULL, reopened_by = ?, reopened_at"
                  + " = ?, reopen_reason = ?, updated_by = ?, updated_at = ? WHERE period_id"
                  + " = ? AND enterprise_id = ?",
              who.subject(),
              Timestamp.from(now),
              Sql.text(reason),
              who.subject(),
              Timestamp.from(now),
              ch.period().id(),
              ch.enterpriseId());
          Report b = ch.before().get();
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
          return ch.after(c);
        });
  }

  /**
   * The registered facilities in scope that report for the period (registered on or before its last
   * day, or without a registration date), with their report's state and reminder.
   */
  List<Row> rows(Scope scope, Period p) {
    return Transactions.run(
        dataSource,
        "reading the reporting status of " + p.label(),
        c ->
            Sql.list(
                c,
                "SELECT e.code, coalesce(f.short_name, f.legal_name_vi), f.district,"
                    + " f.industrial_park, f.contact_email, f.registered_on, r.status,"
                    + " r.submitted_at, m.status, m.created_at FROM programme_facility f JOIN"
                    + " enterprise e USING (enterprise_id) LEFT JOIN programme_period_report r"
                    + " ON r.enterprise_id = f.enterprise_id AND r.period_id = ? LEFT JOIN"
                    + " programme_reminder m ON m.enterprise_id = f.enterprise_id AND"
                    + " m.period_id = ? WHERE (f.registered_on IS NULL OR f.registered_on <= ?)"
                    // one that left the programme before the period began owes no report of it
                    + " AND (f.left_on IS NULL OR f.left_on > ?)"
                    + " AND "
                    + Scope.SQL_ENTERPRISE.formatted("e.code")
                    + " ORDER BY e.code",
                ps -> scope.bind(c, ps, Sql.bind(ps, 1, p.id(), p.id(), p.to(), p.from())),
                rs ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getString(7) == null ? "not_started" : rs.getString(7),
                        PgReporting.instant(rs.getTimestamp(8)),
                        rs.getString(9),
                        PgReporting.instant(rs.getTimestamp(10)))));
  }
}
