package org.energytrace.ingest.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.dashboard.GatewayStates.GatewayState;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiView;
import org.energytrace.ingest.resource.ResourceShowcase;
import org.energytrace.ingest.showcase.PgSiteStories;
import org.energytrace.ingest.store.MissingMessages;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * Read endpoints made for the pages (docs/dashboards.md): the enterprise overview ({@code
 * getOverview}: live state of every meter, today's energy in kWh, TOE and t CO2) and the public
 * showcase of one published site ({@code getShowcase}, {@link ShowcaseRoutes}).
 */
public final class DashboardRoutes {
  private final Blocking blocking;
  private final PgDashboard dashboard;
  private final PgEnpiStore enpis;
  private final DashboardConfig config;
  private final LiveSummary live;
  private final ShowcaseRoutes showcase;
  private final Clock clock;

  public DashboardRoutes(
      Vertx vertx,
      PgDashboard dashboard,
      PgEnpiStore enpis,
      PgSiteStories stories,
      EnpiAnalytics analytics,
      DashboardConfig config,
      ResourceShowcase resources,
      Clock clock) {
    this.blocking = Blocking.noStore(vertx);
    this.dashboard = dashboard;
    this.enpis = enpis;
    this.config = config;
    this.live = new LiveSummary(config);
    this.showcase =
        new ShowcaseRoutes(dashboard, enpis, stories, analytics, config, resources, clock);
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("getOverview", blocking.parsing(this::overview));
    api.bind("getShowcase", blocking.parsing(showcase::showcase));
  }

  private Callable<?> overview(RoutingContext ctx) {
    String enterprise = Params.id("enterprise", ctx.pathParam("enterprise"));
    Scope scope = Principal.scope(ctx);
    Instant now = clock.instant();
    return () -> overview(scope, enterprise, now);
  }

  private JsonObject overview(Scope scope, String enterprise, Instant now) {
    List<MeterState> meters = dashboard.meters(scope, enterprise, null, now);
    JsonObject body = live.of(meters, now);
    JsonArray sites = new JsonArray();
    dashboard
        .sites(scope, enterprise)
        .forEach(
            s ->
                sites.add(
                    new JsonObject()
                        .put("site", s.site())
                        .put("time_zone", SiteZones.of(s.timeZone()).getId())
                        // the site's local date: "today" of its days (issue 12)
                        .put(
                            "today",
                            LocalDate.ofInstant(now, SiteZones.of(s.timeZone())).toString())
                        .put("published", s.published())));
    JsonArray ids = new JsonArray();
    enpis.enpis(scope, enterprise).forEach(v -> ids.add(enpiJson(v)));
    JsonArray undeclared = new JsonArray();
    dashboard
        .undeclaredProduction(scope, enterprise, now)
        .forEach(
            u ->
                undeclared.add(
                    new JsonObject()
                        .put("line", u.line())
                        .put("product", u.product())
                        .put("counts", u.counts())
                        .put("last", u.last().toString())));
    return body.put("enterprise", enterprise)
        .put("enterprise_name", dashboard.enterpriseName(enterprise).orElse(null))
        // counts of products the enterprise has not declared: a gateway's mapping to check
        .put("undeclared_production", undeclared)
        .put("gateways", gateways(scope, enterprise, now))
        .put("messages_missing_after", MissingMessages.GRACE.toString())
        .put("sites", sites)
        .put("enpis", ids)
        .put("online_within", config.onlineWithin().toString())
        .put("grid_factor_year", config.gridFactorYear())
        .put("currency", config.currency());
  }

  /** The gateways, with the messages missing for longer than the grace a backlog has. */
  private JsonArray gateways(Scope scope, String enterprise, Instant now) {
    JsonArray out = new JsonArray();
    for (GatewayState g : dashboard.gateways(scope, enterprise, now.minus(MissingMessages.GRACE))) {
      JsonArray gaps = new JsonArray();
      g.latestGaps()
          .forEach(
              x ->
                  gaps.add(
                      new JsonObject()
                          .put("from", x.from())
                          .put("to", x.to())
                          .put("count", x.count())
                          .put("since", x.since())));
      out.add(
          new JsonObject()
              .put("gateway", g.gateway())
              .put("site", g.site())
              .put("extra_sites", new JsonArray(g.extraSites()))
              .put("status", g.status())
              .put("status_at", g.statusAt())
              .put("status_reason", g.statusReason())
              .put("software_version", g.softwareVersion())
              .put("last_seen", g.lastSeen())
              .put("last_seq", g.lastSeq())
              .put("messages_missing", g.missing())
              .put("missing_ranges", g.missingRanges())
              .put("missing", gaps));
    }
    return out;
  }

  private static JsonObject enpiJson(EnpiView v) {
    return new JsonObject()
        .put("enpi", v.enpi())
        .put("name", v.name())
        .put("scope_level", v.scopeLevel())
        .put("scope_ref", v.scopeRef())
        .put("basis", v.basis());
  }
}
