package org.energytrace.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.energytrace.ingest.dashboard.PgDashboard.SiteView;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiView;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.resource.ResourceShowcase;
import org.energytrace.ingest.showcase.PgSiteStories;
import org.energytrace.ingest.showcase.QrSvg;
import org.energytrace.ingest.showcase.SiteStory;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * The public showcase of one published site ({@code getShowcase}, docs/dashboards.md): power,
 * energy today, savings since the measure in energy, money and CO2, the SEC trend and series, the
 * site's story, resources and payback. SEC and savings come from the EnPI analytics (issue 5), so
 * the page shows the numbers the API reports.
 */
final class ShowcaseRoutes {
  /** Days of SEC on the showcase's trend. */
  static final int TREND_DAYS = 30;

  private final PgDashboard dashboard;
  private final PgEnpiStore enpis;
  private final PgSiteStories stories;
  private final EnpiAnalytics analytics;
  private final DashboardConfig config;
  private final ResourceShowcase resources;
  private final LiveSummary live;
  private final ShowcaseSavings savings;
  private final Clock clock;

  ShowcaseRoutes(
      PgDashboard dashboard,
      PgEnpiStore enpis,
      PgSiteStories stories,
      EnpiAnalytics analytics,
      DashboardConfig config,
      ResourceShowcase resources,
      Clock clock) {
    this.dashboard = dashboard;
    this.enpis = enpis;
    this.stories = stories;
    this.analytics = analytics;
    this.config = config;
    this.resources = resources;
    this.live = new LiveSummary(config);
    this.savings = new ShowcaseSavings(analytics, config);
    this.clock = clock;
  }

  Callable<?> showcase(RoutingContext ctx) {
    String enterprise = Params.id("enterprise", ctx.pathParam("enterprise"));
    String site = Params.id("site", ctx.pathParam("site"));
    Scope scope = Principal.scope(ctx);
    if (!scope.permits(enterprise, site)) {
      // a site that is not published looks exactly like one that does not exist
      return () ->
          new Blocking.Answer(
              404, new JsonObject().put("error", "not_found").put("message", "not found"));
    }
    // the site is published (or the caller may read it anyway): its own data only, from
    // here on read with a scope of exactly this site
    Scope siteScope = Scope.publishedSites(Set.of(enterprise + "/" + site));
    Instant now = clock.instant();
    String publicUrl = publicUrl(ctx, enterprise, site);
    return () ->
        showcaseBody(siteScope, enterprise, site, now)
            .put("public_url", publicUrl)
            // the page shows it as an image: a QR code of the public page, for phones
            .put("qr_svg", QrSvg.of(publicUrl));
  }

  private JsonObject showcaseBody(Scope siteScope, String enterprise, String site, Instant now) {
    List<MeterState> meters = dashboard.meters(siteScope, enterprise, site, now);
    if (meters.isEmpty()) {
      dashboard.sites(siteScope, enterprise).stream()
          .filter(s -> s.site().equals(site))
          .findFirst()
          .orElseThrow(() -> new NotFoundException("not found"));
    }
    JsonObject summary = live.of(meters, now);
    String zoneId =
        meters.isEmpty()
            ? dashboard.sites(siteScope, enterprise).stream()
                .filter(s -> s.site().equals(site))
                .map(SiteView::timeZone)
                .findFirst()
                .orElse(null)
            : meters.get(0).timeZone();
    ZoneId zone = SiteZones.of(zoneId);
    JsonObject body =
        new JsonObject()
            .put("enterprise", enterprise)
            .put("site", site)
            .put("at", now.toString())
            .put("time_zone", zone.getId())
            .put("today", LocalDate.ofInstant(now, zone).toString())
            .put("power_kw", summary.getValue("power_kw"))
            .put("energy_today_kwh", summary.getValue("energy_today_kwh"))
            .put("meters_online", summary.getValue("meters_online"))
            .put("meters", meters.size())
            // each meter's last power with its time: the page keeps them between reloads, adds
            // live readings to them and marks the ones older than online_within as stale
            .put("power_meters", LiveSummary.powerMeters(meters))
            .put("online_within", config.onlineWithin().toString())
            .put("tariff_per_kwh", config.tariffPerKwh() > 0 ? config.tariffPerKwh() : null)
            .put(
                "tariff_per_nm3_gas",
                config.tariffPerNm3Gas() > 0 ? config.tariffPerNm3Gas() : null)
            .put("currency", config.currency())
            .put("grid_factor_year", config.gridFactorYear());
    // issue 20: the live figures grouped (the top-level copies above are kept for earlier pages)
    body.put(
        "live",
        new JsonObject()
            .put("power_kw", body.getValue("power_kw"))
            .put("energy_today_kwh", body.getValue("energy_today_kwh"))
            .put("meters", meters.size())
            .put("meters_online", body.getValue("meters_online"))
            .put("power_meters", body.getValue("power_meters"))
            .put("online_within", body.getValue("online_within")));
    SiteStory story =
        stories.get(siteScope, enterprise, site).orElse(new SiteStory(null, null, null, List.of()));
    body.mergeIn(story.json());
    body.put("sec_series", new JsonArray());
    // the analytics read the enterprise's EnPI definitions: only an EnPI of this site is used
    Scope enterpriseScope = Scope.of(Set.of(enterprise));
    Optional<EnpiView> enpi =
        enpis.enpis(enterpriseScope, enterprise).stream()
            .filter(v -> "facility".equalsIgnoreCase(v.scopeLevel()) && site.equals(v.scopeRef()))
            .min(Comparator.comparing(EnpiView::enpi));
    if (enpi.isEmpty()) {
      return body.put("enpi", null)
          .put("note", "no_enpi")
          .put("savings", null)
          .put("verification", ShowcaseStory.verification(null, false, null))
          .put("payback", ShowcaseStory.payback(story, null, config.currency(), null, null));
    }
    EnpiView e = enpi.get();
    body.put("enpi", new JsonObject().put("enpi", e.enpi()).put("name", e.name()));
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate yesterday = today.minusDays(1);
    // the public showcase shows savings only from an approved baseline (issue 15)
    Map<String, Object> baseline = savings.approvedBaseline(enterpriseScope, enterprise, e.enpi());
    Integer version = baseline == null ? null : ((Number) baseline.get("version")).intValue();
    try {
      var trend =
          analytics.sec(
              analytics.series(
                  enterpriseScope,
                  enterprise,
                  e.enpi(),
                  today.minusDays(TREND_DAYS),
                  yesterday,
                  null),
              Bucket.DAY,
              version);
      body.put("sec_unit", trend.get("unit"));
      body.put(
          "sec_trend",
          ShowcaseStory.secPoints((List<?>) trend.get("points"), "day", "sec", "baseline_sec"));
    } catch (AnalyticsException | DomainException | NotFoundException ex) {
      body.put("sec_trend", new JsonArray()).put("sec_note", ex.getMessage());
    }
    List<?> days =
        secSeries(body, enterpriseScope, enterprise, e.enpi(), baseline, version, yesterday);
    Map<?, ?> verification =
        savings.savings(body, enterpriseScope, enterprise, e.enpi(), baseline, yesterday);
    JsonObject shown = body.getJsonObject("savings");
    if (days != null && body.getString("measure_from") != null) {
      // the month (or week) of the measure as two points: before it and from it
      body.put(
          "sec_series",
          ShowcaseStory.splitAt(
              body.getJsonArray("sec_series"),
              days,
              LocalDate.parse(body.getString("measure_from"))));
    }
    if (days != null && shown != null && body.getString("measure_from") != null) {
      body.put(
          "sec_summary",
          ShowcaseStory.secSummary(
              days,
              LocalDate.parse(String.valueOf(baseline.get("from"))),
              LocalDate.parse(String.valueOf(baseline.get("to"))),
              LocalDate.parse(body.getString("measure_from")),
              LocalDate.parse(shown.getString("to"))));
    }
    // the role recorded when it was approved (issue 15: only an assigned auditor approves; a
    // baseline approved before that keeps the role its approver had, e.g. enterprise_admin)
    boolean byAuditor = baseline != null && "auditor".equals(baseline.get("approved_by_role"));
    body.put("verification", ShowcaseStory.verification(baseline, byAuditor, verification));
    JsonObject saved = body.getJsonObject("savings");
    resources(body, enterprise, site, e, baseline, byAuditor, saved, yesterday);
    body.put(
        "payback",
        ShowcaseStory.payback(
            story,
            saved == null || saved.getValue("money") == null ? null : saved.getDouble("money"),
            config.currency(),
            body.getString("measure_from") == null
                ? null
                : LocalDate.parse(body.getString("measure_from")),
            // the savings' own last day (that of the verified period when there is one)
            saved == null || saved.getString("to") == null
                ? yesterday
                : LocalDate.parse(saved.getString("to"))));
    return body;
  }

  /**
   * SEC before and after the measure (issue 20): from the baseline's first day to yesterday, by
   * week (by month beyond {@link ShowcaseStory#MAX_WEEKS} weeks), the actual SEC against the
   * baseline model's SEC at the same output.
   *
   * @return the same days' points, one a day (for {@link ShowcaseStory#secSummary}); null when
   *     there is no baseline or no series
   */
  private List<?> secSeries(
      JsonObject body,
      Scope scope,
      String enterprise,
      String enpi,
      Map<String, Object> baseline,
      Integer version,
      LocalDate yesterday) {
    if (baseline == null) {
      return null;
    }
    LocalDate from = LocalDate.parse(String.valueOf(baseline.get("from")));
    if (yesterday.minusYears(3).isAfter(from)) {
      from = yesterday.minusYears(3);
    }
    Bucket bucket = ShowcaseStory.bucket(from, yesterday);
    try {
      var series = analytics.series(scope, enterprise, enpi, from, yesterday, null);
      var sec = analytics.sec(series, bucket, version);
      body.put("sec_bucket", bucket.name().toLowerCase(Locale.ROOT))
          .put("sec_series", ShowcaseStory.secSeries((List<?>) sec.get("points")));
      return (List<?>) analytics.sec(series, Bucket.DAY, version).get("points");
    } catch (AnalyticsException | DomainException | NotFoundException ex) {
      body.put("sec_series_note", ex.getMessage());
      return null;
    }
  }

  /**
   * The site's resources per unit of the EnPI's first product (issue 17): against the period of the
   * same approved baseline as the energy saving and over the same days, none without one.
   */
  private void resources(
      JsonObject body,
      String enterprise,
      String site,
      EnpiView e,
      Map<String, Object> baseline,
      boolean byAuditor,
      JsonObject saved,
      LocalDate yesterday) {
    body.put("resources", new JsonArray());
    if (baseline == null || e.products().isEmpty() || body.getString("measure_from") == null) {
      body.put("resources_note", baseline == null ? "no_approved_baseline" : "no_product");
      return;
    }
    LocalDate from = LocalDate.parse(body.getString("measure_from"));
    LocalDate to =
        saved == null || saved.getString("to") == null
            ? yesterday
            : LocalDate.parse(saved.getString("to"));
    if (to.isBefore(from)) {
      body.put("resources_note", "no_reporting_days");
      return;
    }
    String product = e.products().get(0);
    body.put("resources_product", product);
    // its name, as the enterprise gave it: a visitor read "per unit of can-beer"
    body.put(
        "resources_product_name",
        enpis.lines(Scope.ALL, enterprise).stream()
            .flatMap(l -> l.products().stream())
            .filter(p -> p.product().equals(product))
            .map(PgEnpiStore.ProductView::name)
            .findFirst()
            .orElse(product));
    body.put(
        "resources",
        resources.of(
            enterprise,
            site,
            product,
            new ResourceShowcase.Baseline(
                e.enpi(),
                ((Number) baseline.get("version")).intValue(),
                LocalDate.parse(String.valueOf(baseline.get("from"))),
                LocalDate.parse(String.valueOf(baseline.get("to"))),
                byAuditor),
            from,
            to));
  }

  /**
   * The address of the site's public showcase page: on the configured public address
   * (dashboards.public_url), else on the origin the visitor used.
   */
  private String publicUrl(RoutingContext ctx, String enterprise, String site) {
    String origin = config.publicUrl();
    if (origin.isEmpty()) {
      try {
        URI uri = URI.create(ctx.request().absoluteURI());
        origin = uri.getScheme() + "://" + uri.getRawAuthority();
      } catch (IllegalArgumentException | NullPointerException e) {
        origin = "";
      }
    }
    return origin + "/showcase.html?enterprise=" + enterprise + "&site=" + site;
  }
}
