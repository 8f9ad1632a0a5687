package org.energytrace.ingest.programme;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import javax.sql.DataSource;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.demo.DemoAccounts;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;

/**
 * The demo province's reporting (issue 16): last year, closed, with every facility's report
 * submitted but three; the last half-year, open, its deadline ten days ago, a third of the reports
 * submitted on time, a third after the deadline and a third not (the late list, with some drafts),
 * the demo plant's among those not submitted, so its administrator can submit it. Reports are
 * submitted through {@link PeriodReports}, pre-filled from the stored data like a real one, as the
 * enterprises' administrators; the submissions "on time" are dated back to before the deadline
 * (their audit entries keep the real time). Seeded once per database.
 */
final class ReportingDemo {
  private ReportingDemo() {}

  static void seed(DataSource dataSource, String demoEnterprise, Clock clock) {
    PgReporting store = new PgReporting(dataSource);
    if (!store.periods().isEmpty()) {
      return;
    }
    PeriodReports reports =
        new PeriodReports(
            store,
            new ProgrammeExport(dataSource),
            new EnpiAnalytics(
                new PgEnpiStore(dataSource),
                new PgEnpiData(dataSource),
                new PgBaselines(dataSource),
                clock),
            new PgEnpiStore(dataSource),
            // the synthetic facilities have no CP assessments; the demo plant's report is one of
            // the missing ones, pre-filled by the service with its measures when opened
            ImplementedMeasures.NONE,
            clock,
            "");
    Who province =
        new Who(DemoAccounts.username(Role.PROVINCE_OFFICER), Role.PROVINCE_OFFICER, null);
    LocalDate today = reports.today();
    // last year: closed, all submitted but three
    ReportPeriod year = ReportPeriod.parse(String.valueOf(today.getYear() - 1));
    LocalDate yearDeadline = year.to().plusDays(90);
    store
        .periodStore()
        .create(province, year.label(), year.from(), year.to(), yearDeadline, 14, reports.now());
    List<PgReporting.Row> rows = store.rows(Scope.ALL, store.period(year.label()));
    for (int i = 0; i < rows.size(); i++) {
      if (i % 13 != 12) {
        submit(dataSource, reports, rows.get(i), year.label(), "", yearDeadline.minusDays(i % 20));
      }
    }
    store.close(province, year.label(), reports.now());
    // the last half-year: open, its deadline passed ten days ago
    ReportPeriod half =
        ReportPeriod.parse(
            today.getMonthValue() >= 7 ? today.getYear() + "-H1" : (today.getYear() - 1) + "-H2");
    LocalDate deadline = today.minusDays(10);
    store
        .periodStore()
        .create(province, half.label(), half.from(), half.to(), deadline, 7, reports.now());
    rows = store.rows(Scope.ALL, store.period(half.label()));
    for (int i = 0; i < rows.size(); i++) {
      PgReporting.Row r = rows.get(i);
      if (r.enterprise().equals(demoEnterprise) || i % 3 == 2) {
        if (i % 2 == 0) {
          reports
              .store()
              .saveNotes(
                  who(r),
                  Scope.ALL,
                  r.enterprise(),
                  half.label(),
                  "Đang tổng hợp số liệu sản lượng.",
                  reports.now());
        }
        continue; // late: not submitted
      }
      submit(
          dataSource,
          reports,
          r,
          half.label(),
          i % 3 == 0 ? "" : "Nộp chậm do thay đổi cán bộ phụ trách.",
          i % 3 == 0 ? deadline.minusDays(1 + i % 9) : null);
    }
  }

  private static Who who(PgReporting.Row r) {
    return new Who("admin@" + r.enterprise(), Role.ENTERPRISE_ADMIN, null);
  }

  /** Submits as the enterprise's administrator; {@code on} dates the submission back (demo). */
  private static void submit(
      DataSource dataSource,
      PeriodReports reports,
      PgReporting.Row r,
      String label,
      String notes,
      LocalDate on) {
    reports.submit(who(r), Scope.ALL, r.enterprise(), label, notes);
    if (on == null) {
      return;
    }
    Sql.update(
        dataSource,
        "dating back a demo report",
        "UPDATE programme_period_report SET submitted_at = ? WHERE period_id = (SELECT"
            + " period_id FROM programme_reporting_period WHERE label = ?) AND"
            + " enterprise_id = (SELECT enterprise_id FROM enterprise WHERE code = ?)",
        Timestamp.from(on.atTime(LocalTime.of(15, 30)).atZone(ProgrammeExport.ZONE).toInstant()),
        label,
        r.enterprise());
  }
}
