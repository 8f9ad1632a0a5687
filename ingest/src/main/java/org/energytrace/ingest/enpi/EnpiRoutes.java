package org.energytrace.ingest.enpi;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.production.PgProduction;
import org.energytrace.ingest.web.Blocking;

/**
 * The EnPI, production and analytics API (issue 5) under {@code /api/v1/enterprises/{enterprise}},
 * bound by operationId: the domain ({@link EnpiDefinitionRoutes}: meter energy attributes, site
 * time zones, lines, products, EnPI definitions), production quantities and uploads ({@link
 * ProductionQuantityRoutes}: preview, then commit), and SEC, CSV export, baselines and savings
 * ({@link EnpiAnalyticsRoutes}). Access is decided by the gate ({@code auth.AccessPolicy}); every
 * query also takes the caller's scope. Each handler reads its request and does its work on a worker
 * thread ({@link Blocking#handler}).
 */
public final class EnpiRoutes {
  private final Blocking blocking;
  private final EnpiDefinitionRoutes definitions;
  private final EnpiAnalyticsRoutes enpiAnalytics;
  private final ProductionQuantityRoutes quantities;

  /**
   * @param tariffs the prices for {@code money} in savings results (dashboards.tariff_per_kwh,
   *     dashboards.tariff_per_nm3_gas)
   * @param gridFactorYear the year of the grid CO2 factor when a request names none
   *     (dashboards.grid_factor_year; null: the last reporting day's)
   */
  public EnpiRoutes(
      Vertx vertx,
      PgEnpiStore store,
      PgProduction production,
      EnpiAnalytics analytics,
      Tariffs tariffs,
      Integer gridFactorYear,
      Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(this::failures);
    this.definitions = new EnpiDefinitionRoutes(store, clock);
    this.enpiAnalytics = new EnpiAnalyticsRoutes(analytics, tariffs, gridFactorYear);
    this.quantities = new ProductionQuantityRoutes(production, clock);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("putSiteTimeZone", blocking, definitions::putTimeZone);
    api.bind("putMeterEnergy", blocking, definitions::putMeter);
    api.bind("listEnergyMeters", blocking, definitions::energyMeters);
    api.bind("putLine", blocking, definitions::putLine);
    api.bind("listLines", blocking, definitions::lines);
    api.bind("putProduct", blocking, definitions::putProduct);
    api.bind("putEnpi", blocking, definitions::putEnpi);
    api.bind("listEnpis", blocking, definitions::enpis);
    api.bind("getEnpi", blocking, definitions::enpi);
    api.bind("getEnpiSec", blocking, enpiAnalytics::sec);
    api.bind("exportEnpiData", blocking, enpiAnalytics::csv);
    api.bind("fitBaseline", blocking, enpiAnalytics::fit);
    api.bind("listBaselines", blocking, enpiAnalytics::baselines);
    api.bind("getEnpiSavings", blocking, enpiAnalytics::savings);
    api.bind("listEnpiVersions", blocking, definitions::versions);
    api.bind("postProduction", blocking, quantities::post);
    api.bind("listProduction", blocking, quantities::list);
    api.bind("deleteProductionQuantity", blocking, quantities::delete);
    api.bind("previewProductionUpload", blocking, quantities::preview);
    api.bind("commitProductionUpload", blocking, quantities::commit);
  }

  /**
   * The feature's refusals ({@link Blocking#refusals}: 400/409 naming the field, 422 when the data
   * cannot give an answer), and a 400 for a JSON value of the wrong type that no check named or a
   * domain record's own check (the analytics module's).
   */
  private boolean failures(RoutingContext ctx, Throwable e) {
    if (Blocking.refusals(ctx, e)) {
      return true;
    }
    String message;
    if (e instanceof ClassCastException) {
      // a JSON value of the wrong type that no check named (a number for a string, ...)
      message = "body: a value has the wrong type";
    } else if (e instanceof IllegalArgumentException) {
      // the domain's own checks (records of the analytics module) say what is wrong
      message = "body: " + e.getMessage();
    } else {
      return false;
    }
    blocking.json(
        ctx, 400, Map.of("error", "bad_request", "parameter", "body", "message", message));
    return true;
  }
}
