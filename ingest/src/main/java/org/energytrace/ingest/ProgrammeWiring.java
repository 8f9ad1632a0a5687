package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.ingest.config.MailConfig;
import org.energytrace.ingest.programme.ImplementedMeasures;
import org.energytrace.ingest.programme.PeriodReports;
import org.energytrace.ingest.programme.PgProgramme;
import org.energytrace.ingest.programme.PgProgrammeTargets;
import org.energytrace.ingest.programme.PgReporting;
import org.energytrace.ingest.programme.ProgrammeExport;
import org.energytrace.ingest.programme.ProgrammeReportRoutes;
import org.energytrace.ingest.programme.ProgrammeRoutes;
import org.energytrace.ingest.programme.ProgrammeTargetRoutes;
import org.energytrace.ingest.programme.ReminderMailer;
import org.energytrace.ingest.programme.ReportingRoutes;

/**
 * The provincial programme (issue 16): facilities, targets, programme reports, and the reporting
 * periods with their period reports and reminders ({@code mailer}: null when no SMTP server is
 * configured, then the reminders stay in the outbox). The indicators and reports convert
 * electricity with the grid factor of {@code gridFactorYear} (dashboards.grid_factor_year) unless a
 * request names a {@code grid_year}.
 */
record ProgrammeWiring(
    ProgrammeRoutes programme,
    ReportingRoutes reporting,
    ProgrammeReportRoutes reports,
    ProgrammeTargetRoutes targets,
    PeriodReports periodReports,
    ReminderMailer mailer) {

  /** Blocking: reads the programme's bundled data. */
  static ProgrammeWiring wire(
      Vertx vertx,
      DataSource ds,
      MailConfig mail,
      Integer gridFactorYear,
      String publicUrl,
      EnpiWiring enpi,
      ImplementedMeasures cp,
      Clock clock) {
    ProgrammeExport export = new ProgrammeExport(ds);
    ProgrammeRoutes programme =
        new ProgrammeRoutes(vertx, new PgProgramme(ds), export, clock, gridFactorYear);
    ProgrammeReportRoutes reports =
        new ProgrammeReportRoutes(vertx, export, ds, clock, gridFactorYear);
    ProgrammeTargetRoutes targets =
        new ProgrammeTargetRoutes(vertx, new PgProgrammeTargets(ds), clock);
    PeriodReports periodReports =
        new PeriodReports(
            new PgReporting(ds), export, enpi.analytics(), enpi.store(), cp, clock, publicUrl);
    ReminderMailer mailer =
        mail.enabled() ? new ReminderMailer(vertx, mail, periodReports.store(), clock) : null;
    ReportingRoutes reporting = new ReportingRoutes(vertx, periodReports, mailer);
    return new ProgrammeWiring(programme, reporting, reports, targets, periodReports, mailer);
  }
}
