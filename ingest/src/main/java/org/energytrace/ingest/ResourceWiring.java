package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.resource.PgResourceBaselines;
import org.energytrace.ingest.resource.PgResources;
import org.energytrace.ingest.resource.ResourceIndicators;
import org.energytrace.ingest.resource.ResourceRoutes;
import org.energytrace.ingest.resource.ResourceShowcase;

/**
 * Resources beyond metered electricity (issue 17, docs/resources.md): their routes, and what the
 * public dashboards show of them.
 */
record ResourceWiring(ResourceRoutes routes, ResourceShowcase showcase) {

  /** Blocking: reads the bundled conversion table. */
  static ResourceWiring wire(Vertx vertx, DataSource ds, Clock clock) {
    PgResources store = new PgResources(ds);
    ResourceIndicators indicators = new ResourceIndicators(store, ConversionTable.bundled());
    PgResourceBaselines baselines = new PgResourceBaselines(ds);
    return new ResourceWiring(
        new ResourceRoutes(vertx, store, indicators, baselines, clock),
        new ResourceShowcase(store, indicators, baselines));
  }
}
