package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.config.IntegrityConfig;
import org.energytrace.ingest.integrity.IntegrityCheck;
import org.energytrace.ingest.integrity.IntegrityJob;
import org.energytrace.ingest.integrity.IntegrityRoutes;
import org.energytrace.ingest.integrity.PgSeals;
import org.energytrace.ingest.metrics.IngestMetrics;

/**
 * Tamper evidence (issue 15): the day seals, the integrity check, its nightly run and its routes.
 * Blocking to build (called off the event loop).
 */
record IntegrityWiring(
    PgAuditLog auditLog,
    PgSeals seals,
    IntegrityCheck check,
    IntegrityJob job,
    IntegrityRoutes routes) {

  static IntegrityWiring wire(
      Vertx vertx, DataSource ds, IntegrityConfig config, IngestMetrics metrics, Clock clock) {
    PgAuditLog auditLog = new PgAuditLog(ds);
    PgSeals seals = new PgSeals(ds, config.sealGrace(), clock);
    IntegrityCheck check = new IntegrityCheck(ds, seals, auditLog);
    IntegrityJob job = new IntegrityJob(seals, check).instrument(metrics);
    return new IntegrityWiring(auditLog, seals, check, job, new IntegrityRoutes(vertx, check));
  }
}
