package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.programme.SignoffSteps;
import org.energytrace.ingest.verification.CalibrationRoutes;
import org.energytrace.ingest.verification.PeriodRoutes;
import org.energytrace.ingest.verification.PgAdjustments;
import org.energytrace.ingest.verification.PgBaselineLifecycle;
import org.energytrace.ingest.verification.PgCalibrations;
import org.energytrace.ingest.verification.PgSignoffs;
import org.energytrace.ingest.verification.VerificationRoutes;
import org.energytrace.ingest.verification.dossier.DossierRoutes;
import org.energytrace.ingest.verification.dossier.DossierService;
import org.energytrace.ingest.verification.dossier.ServerKey;

/**
 * Verification (issue 15): the baseline lifecycle, periods with their adjustments and sign-offs,
 * meter calibrations and the signed dossier.
 */
record VerificationWiring(
    VerificationRoutes verification,
    PeriodRoutes periods,
    CalibrationRoutes calibrations,
    DossierRoutes dossiers) {

  /** Blocking: reads (or creates) the server key file. */
  static VerificationWiring wire(
      Vertx vertx,
      DataSource ds,
      Path serverKeyFile,
      EnpiWiring enpi,
      IntegrityWiring integrity,
      Tariffs tariffs,
      Clock clock) {
    // the verification dossier: signed by the server key, its public half published
    ServerKey serverKey = ServerKey.loadOrCreate(serverKeyFile);
    DossierRoutes dossiers =
        new DossierRoutes(
            vertx,
            new DossierService(
                ds,
                enpi.store(),
                new PgBaselines(ds),
                enpi.analytics(),
                integrity.seals(),
                integrity.auditLog(),
                integrity.check(),
                enpi.periodRecords(),
                serverKey,
                clock),
            serverKey);
    VerificationRoutes verification =
        new VerificationRoutes(vertx, new PgBaselineLifecycle(ds), enpi.analytics(), clock);
    // a sign-off records the programme's "savings verified" step in its transaction (issue 16):
    // the programme answers verification's interface, so that neither imports the other both ways
    PeriodRoutes periods =
        new PeriodRoutes(
            vertx,
            new PgSignoffs(ds, new SignoffSteps(enpi.analytics(), tariffs)),
            new PgAdjustments(ds),
            clock);
    // meter calibration records: listed per meter in the dossier
    CalibrationRoutes calibrations = new CalibrationRoutes(vertx, new PgCalibrations(ds), clock);
    return new VerificationWiring(verification, periods, calibrations, dossiers);
  }
}
