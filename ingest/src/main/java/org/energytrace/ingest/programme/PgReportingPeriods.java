package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.programme.PgReporting.Period;
import org.energytrace.ingest.store.Transactions;

/**
 * The reporting periods in PostgreSQL ({@code programme_reporting_period}): created, their deadline
 * moved and closed by the province, each change audited as {@code programme.period.*} in its
 * transaction. Blocking.
 */
final class PgReportingPeriods {
  private static final String COLUMNS =
      "period_id, label, period_from, period_to, deadline, reminder_days, created_by, created_at,"
          + " closed_by, closed_at FROM programme_reporting_period";

  private final DataSource dataSource;

  PgReportingPeriods(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private static Period period(ResultSet rs) throws SQLException {
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
        PgReporting.instant(rs.getTimestamp(10)));
  }

  /** Every period, newest first. */
  List<Period> all() {
    return Transactions.run(
        dataSource,
        "reading the reporting periods",
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " ORDER BY period_to DESC, label DESC",
                Sql.NONE,
                PgReportingPeriods::period));
  }

  Period period(String label) {
    return Transactions.run(
        dataSource, "reading reporting period " + label, c -> period(c, label, false));
  }

  /** The period (locked for the transaction with {@code lock}); not found otherwise. */
  static Period period(Connection c, String label, boolean lock) throws SQLException {
    return Sql.first(
            c,
            "SELECT " + COLUMNS + " WHERE label = ?" + (lock ? " FOR UPDATE" : ""),
            Sql.args(Sql.text(label)),
            PgReportingPeriods::period)
        .orElseThrow(() -> new NotFoundException("reporting period " + label + " not found"));
  }

  /** The period, open; else 409 saying {@code label} and {@code refusal}. */
  static Period open(Connection c, String label, boolean lock, String refusal) throws SQLException {
    Period p = period(c, label, lock);
    if (p.closed()) {
      throw DomainException.conflict("period", label + refusal);
    }
    return p;
  }

  Period create(
      Who who,
      String label,
      LocalDate from,
      LocalDate to,
      LocalDate deadline,
      int reminderDays,
      Instant now) {
    return Transactions.run(
        dataSource,
        "creating reporting period " + label,
        c -> {
          int created =
              Sql.update(
                  c,
                  "INSERT INTO programme_reporting_period (label, period_from, period_to, deadline,"
                      + " reminder_days, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON"
                      + " CONFLICT (label) DO NOTHING",
                  Sql.text(label),
                  from,
                  to,
                  deadline,
                  reminderDays,
                  who.subject(),
                  Timestamp.from(now));
          if (created == 0) {
            throw DomainException.conflict("period", label + " exists already");
          }
          Period p = period(c, label, false);
          PgProgramme.audit(c, who, "programme.period.create", null, label, null, p.json(), now);
          return p;
        });
  }

  /** Sets the deadline and the reminder's lead time of an open period. */
  Period setDeadline(
      Who who, String label, LocalDate deadline, int reminderDays, String reason, Instant now) {
    return change(
        who,
        "setting the deadline of ",
        label,
        " is closed",
        "deadline = ?, reminder_days = ?",
        Sql.args(deadline, reminderDays),
        "programme.period.deadline",
        Collections.singletonMap("reason", reason),
        now);
  }

  Period close(Who who, String label, Instant now) {
    return change(
        who,
        "closing ",
        label,
        " is closed already",
        "closed_by = ?, closed_at = ?",
        Sql.args(who.subject(), Timestamp.from(now)),
        "programme.period.close",
        Map.of(),
        now);
  }

  /**
   * Changes an open period: locks it (409 with {@code refusal} when closed), sets {@code set} (two
   * parameters, bound by {@code bind}), and audits it as {@code action}, the period after it with
   * {@code noted} (the reason of a change).
   */
  private Period change(
      Who who,
      String doing,
      String label,
      String refusal,
      String set,
      Sql.Binding bind,
      String action,
      Map<String, Object> noted,
      Instant now) {
    return Transactions.run(
        dataSource,
        doing + label,
        c -> {
          Period before = open(c, label, true, refusal);
          Sql.update(
              c,
              "UPDATE programme_reporting_period SET " + set + " WHERE period_id = ?",
              ps -> {
                bind.bind(ps);
                ps.setLong(3, before.id());
              });
          Period after = period(c, label, false);
          Map<String, Object> a = new LinkedHashMap<>(after.json());
          a.putAll(noted);
          PgProgramme.audit(c, who, action, null, label, before.json(), a, now);
          return after;
        });
  }
}
