package org.energytrace.ingest.programme;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.programme.PgReporting.Message;
import org.energytrace.ingest.programme.PgReporting.Period;
import org.energytrace.ingest.programme.PgReporting.Reminder;
import org.energytrace.ingest.programme.PgReporting.Row;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Scope;

/**
 * The reminders' outbox in PostgreSQL ({@code programme_reminder}): one reminder per enterprise and
 * period, recorded queued (or {@code no_address}), then sent or retried by {@link ReminderMailer}.
 * Blocking.
 */
final class PgReminders {
  private static final String COLUMNS =
      "m.reminder_id, e.code, m.recipient, m.subject, m.body, m.status, m.created_at, m.sent_at,"
          + " m.attempts, m.last_error FROM programme_reminder m JOIN enterprise e USING"
          + " (enterprise_id)";

  private final DataSource dataSource;

  PgReminders(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private static Reminder reminder(ResultSet rs) throws SQLException {
    return new Reminder(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getTimestamp(7).toInstant(),
        PgReporting.instant(rs.getTimestamp(8)),
        rs.getInt(9),
        rs.getString(10));
  }

  /**
   * Records one reminder per enterprise that has not submitted (queued when the registry has its
   * e-mail, else {@code no_address}); an enterprise reminded once for the period is not again.
   */
  List<Reminder> remind(Period p, List<Row> due, Function<Row, Message> text, Instant now) {
    return Transactions.run(
        dataSource,
        "recording the reminders of " + p.label(),
        c -> {
          List<Reminder> out = new ArrayList<>();
          for (Row r : due) {
            Message m = text.apply(r);
            String status = r.email() == null ? "no_address" : "queued";
            out.addAll(
                Sql.list(
                    c,
                    "INSERT INTO programme_reminder (period_id, enterprise_id, recipient, subject,"
                        + " body, status, created_at) SELECT ?, enterprise_id, ?, ?, ?, ?, ? FROM"
                        + " enterprise WHERE code = ? ON CONFLICT (period_id, enterprise_id) DO"
                        + " NOTHING RETURNING reminder_id",
                    Sql.args(
                        p.id(),
                        Sql.text(r.email()),
                        Sql.text(m.subject()),
                        Sql.text(m.body()),
                        status,
                        Timestamp.from(now),
                        Sql.text(r.enterprise())),
                    rs ->
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
                            null)));
          }
          return out;
        });
  }

  /** The reminders of a period for the enterprises in scope, oldest first. */
  List<Reminder> reminders(Scope scope, Period p) {
    return Transactions.run(
        dataSource,
        "reading the reminders of " + p.label(),
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " WHERE m.period_id = ? AND "
                    + Scope.SQL_ENTERPRISE.formatted("e.code")
                    + " ORDER BY m.created_at, e.code",
                ps -> scope.bind(c, ps, Sql.bind(ps, 1, p.id())),
                PgReminders::reminder));
  }

  /** The queued reminders of every period with an address, oldest first (at most {@code limit}). */
  List<Reminder> queued(int limit) {
    return Transactions.run(
        dataSource,
        "reading the queued reminders",
        c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " WHERE m.status = 'queued' AND m.recipient IS NOT NULL ORDER BY"
                    + " m.created_at, m.reminder_id LIMIT ?",
                Sql.args(limit),
                PgReminders::reminder));
  }

  /** The SMTP server accepted the reminder: it is sent. */
  void sent(long reminderId, Instant at) {
    Transactions.run(
        dataSource,
        "marking reminder " + reminderId + " sent",
        c ->
            Sql.update(
                c,
                "UPDATE programme_reminder SET status = 'sent', sent_at = ?, attempts = attempts"
                    + " + 1, last_attempt_at = ?, last_error = NULL WHERE reminder_id = ? AND"
                    + " status = 'queued'",
                Timestamp.from(at),
                Timestamp.from(at),
                reminderId));
  }

  /** Sending failed: the reminder stays queued, with the attempt counted and its reason. */
  void failed(long reminderId, String error, Instant at) {
    Transactions.run(
        dataSource,
        "recording the failed delivery of reminder " + reminderId,
        c ->
            Sql.update(
                c,
                "UPDATE programme_reminder SET attempts = attempts + 1, last_attempt_at = ?,"
                    + " last_error = ? WHERE reminder_id = ? AND status = 'queued'",
                Timestamp.from(at),
                error.length() > 1000 ? error.substring(0, 1000) : error,
                reminderId));
  }
}
