package org.energytrace.ingest;

import io.vertx.core.Vertx;
import java.time.Clock;
import javax.sql.DataSource;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.EnpiRoutes;
import org.energytrace.ingest.enpi.PgBaselines;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.enpi.PgTemperatures;
import org.energytrace.ingest.enpi.WeatherRoutes;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.verification.PgPeriodRecords;

/**
 * Energy performance: the EnPI store and analytics (which the dashboards, the verification, the
 * programme and cleaner production read), the weather and the EnPI routes.
 */
record EnpiWiring(
    PgEnpiStore store,
    PgPeriodRecords periodRecords,
    EnpiAnalytics analytics,
    WeatherRoutes weather,
    EnpiRoutes routes) {

  static EnpiWiring wire(Vertx vertx, DataSource ds, DashboardConfig dashboards, Clock clock) {
    PgEnpiStore store = new PgEnpiStore(ds);
    PgPeriodRecords periodRecords = new PgPeriodRecords(ds);
    PgTemperatures temperatures = new PgTemperatures(ds);
    EnpiAnalytics analytics =
        new EnpiAnalytics(
            store, new PgEnpiData(ds), new PgBaselines(ds), periodRecords, temperatures, clock);
    WeatherRoutes weather = new WeatherRoutes(vertx, temperatures, clock);
    EnpiRoutes routes =
        new EnpiRoutes(
            vertx,
            store,
            new PgProduction(ds, PgEnpiData::counted),
            analytics,
            dashboards.tariffs(),
            dashboards.gridFactorYear(),
            clock);
    return new EnpiWiring(store, periodRecords, analytics, weather, routes);
  }
}
