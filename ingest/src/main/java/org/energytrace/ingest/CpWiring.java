package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.ingest.cp.CpAchievements;
import org.energytrace.ingest.cp.CpCatalogue;
import org.energytrace.ingest.cp.CpRoutes;
import org.energytrace.ingest.cp.ImplementedOptions;
import org.energytrace.ingest.cp.PgCpAssessments;
import org.energytrace.ingest.cp.PgCpGuidance;
import org.energytrace.ingest.cp.PgCpHighlights;
import org.energytrace.ingest.cp.PgCpPublic;
import org.energytrace.ingest.enpi.EnpiAnalytics;

/**
 * Cleaner-production assessments (issue 18): their routes, and the implemented options that the
 * programme's period reports count (through {@code programme.ImplementedMeasures}).
 */
record CpWiring(CpRoutes routes, ImplementedOptions implemented) {

  /** Blocking: reads the programme's bundled data (for the achievements). */
  static CpWiring wire(Vertx vertx, DataSource ds, EnpiAnalytics analytics, Clock clock) {
    PgCpAssessments store = new PgCpAssessments(ds);
    CpRoutes routes =
        new CpRoutes(
            vertx,
            store,
            new CpCatalogue(store, analytics, clock),
            new PgCpPublic(ds),
            new PgCpGuidance(ds),
            new PgCpHighlights(ds),
            new CpAchievements(ds, clock),
            clock);
    return new CpWiring(routes, new ImplementedOptions(store));
  }
}
