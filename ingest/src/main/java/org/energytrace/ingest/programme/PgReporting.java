package org.energytrace.ingest.programme;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.tenant.Scope;

/**
 * The programme's reporting in PostgreSQL (V71): reporting periods with their deadlines ({@link
 * PgReportingPeriods}), the enterprises' period reports, draft notes, then submitted and locked
 * with the figures as they were at submission ({@link PgPeriodReports}), and the reminders' outbox
 * ({@link PgReminders}). Every change runs in one transaction with its audit entry ({@code
 * programme.period.*}, {@code programme.report.*}). Blocking: call from worker threads.
 */
public final class PgReporting {
  private final PgReportingPeriods periods;
  private final PgPeriodReports reports;
  private final PgReminders reminders;

  public PgReporting(DataSource dataSource) {
    this.periods = new PgReportingPeriods(dataSource);
    this.reports = new PgPeriodReports(dataSource);
    this.reminders = new PgReminders(dataSource);
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

  /** What a reminder says: subject and body, in Vietnamese then English. */
  public record Message(String subject, String body) {}

  // ---- periods ----

  /** The periods themselves: creating one goes there. */
  PgReportingPeriods periodStore() {
    return periods;
  }

  /** The reports themselves: submitting one goes there. */
  PgPeriodReports reportStore() {
    return reports;
  }

  /** Every period, newest first. */
  public List<Period> periods() {
    return periods.all();
  }

  public Period period(String label) {
    return periods.period(label);
  }

  /** Sets the deadline and the reminder's lead time of an open period. */
  public Period setDeadline(
      Who who, String label, LocalDate deadline, int reminderDays, String reason, Instant now) {
    return periods.setDeadline(who, label, deadline, reminderDays, reason, now);
  }

  public Period close(Who who, String label, Instant now) {
    return periods.close(who, label, now);
  }

  // ---- reports ----

  /** The stored report of a registered enterprise in scope (not found otherwise). */
  public Optional<Report> report(Scope scope, String enterprise, String label) {
    return reports.report(scope, enterprise, label);
  }

  /** Saves the notes of a report not submitted (creating the draft). */
  public Report saveNotes(
      Who who, Scope scope, String enterprise, String label, String notes, Instant now) {
    return reports.saveNotes(who, scope, enterprise, label, notes, now);
  }

  /** Unlocks a submitted report of an open period (a province officer, with a reason). */
  public Report reopen(Who who, String enterprise, String label, String reason, Instant now) {
    return reports.reopen(who, enterprise, label, reason, now);
  }

  /**
   * The registered facilities in scope that report for the period (registered on or before its last
   * day, or without a registration date), with their report's state and reminder.
   */
  public List<Row> rows(Scope scope, Period p) {
    return reports.rows(scope, p);
  }

  // ---- reminders ----

  /**
   * Records one reminder per enterprise that has not submitted (queued when the registry has its
   * e-mail, else {@code no_address}); an enterprise reminded once for the period is not again.
   */
  public List<Reminder> remind(Period p, List<Row> due, Function<Row, Message> text, Instant now) {
    return reminders.remind(p, due, text, now);
  }

  /** The reminders of a period for the enterprises in scope, oldest first. */
  public List<Reminder> reminders(Scope scope, Period p) {
    return reminders.reminders(scope, p);
  }

  /** The queued reminders of every period with an address, oldest first (at most {@code limit}). */
  public List<Reminder> queued(int limit) {
    return reminders.queued(limit);
  }

  /** The SMTP server accepted the reminder: it is sent. */
  public void sent(long reminderId, Instant at) {
    reminders.sent(reminderId, at);
  }

  /** Sending failed: the reminder stays queued, with the attempt counted and its reason. */
  public void failed(long reminderId, String error, Instant at) {
    reminders.failed(reminderId, error, at);
  }

  static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
