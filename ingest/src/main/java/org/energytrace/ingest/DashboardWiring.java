package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.dashboard.DashboardRoutes;
import org.energytrace.ingest.dashboard.PgDashboard;
import org.energytrace.ingest.showcase.PgSiteStories;
import org.energytrace.ingest.showcase.SiteStoryRoutes;

/** The dashboards (public and signed-in) and the site stories they show. */
record DashboardWiring(DashboardRoutes dashboards, SiteStoryRoutes stories) {

  static DashboardWiring wire(
      Vertx vertx,
      DataSource ds,
      DashboardConfig config,
      EnpiWiring enpi,
      ResourceWiring resources,
      Clock clock) {
    DashboardRoutes dashboards =
        new DashboardRoutes(
            vertx,
            new PgDashboard(ds),
            enpi.store(),
            new PgSiteStories(ds),
            enpi.analytics(),
            config,
            resources.showcase(),
            clock);
    SiteStoryRoutes stories =
        new SiteStoryRoutes(vertx, new PgSiteStories(ds), new PgAuditLog(ds), clock);
    return new DashboardWiring(dashboards, stories);
  }
}
