package org.energytrace.ingest.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.energytrace.ingest.dashboard.PgDashboard.SiteView;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiView;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.resource.ResourceShowcase;
import org.energytrace.ingest.showcase.PgSiteStories;
import org.energytrace.ingest.showcase.QrSvg;
import org.energytrace.ingest.showcase.SiteStory;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.HttpErrors;

/**
 * Read endpoints made for the pages (docs/dashboards.md): the enterprise overview (live state of
 * every meter, today's energy in kWh, TOE and t CO2) and the public showcase of one published site
 * (power, energy today, savings since the measure in energy, money and CO2, SEC trend). SEC and
 * savings come from the EnPI analytics (issue 5), so the pages show the numbers the API reports.
 */
public final class DashboardRoutes {
  private static final ConversionTable TABLE = ConversionTable.bundled();
  private static final EmissionFactors FACTORS = EmissionFactors.bundled();

  /** Days of SEC on the showcase's trend. */
  static final int TREND_DAYS = 30;

  private final Vertx vertx;
  private final PgDashboard dashboard;
  private final PgEnpiStore enpis;
  private final PgSiteStories stories;
  private final EnpiAnalytics analytics;
  private final DashboardConfig config;
  private final ResourceShowcase resources;
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
    this.vertx = vertx;
    this.resources = resources;
    this.dashboard = dashboard;
    this.enpis = enpis;
    this.stories = stories;
    this.analytics = analytics;
    this.config = config;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("getOverview", this::overview);
    api.bind("getShowcase", this::showcase);
  }

  // ---- overview ----

  private void overview(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    if (!TopicName.ID.matcher(enterprise).matches()) {
      bad(ctx, "enterprise");
      return;
    }
    Scope scope = Principal.scope(ctx);
    Instant now = clock.instant();
    vertx
        .executeBlocking(
            () -> {
              List<MeterState> meters = dashboard.meters(scope, enterprise, null, now);
              JsonObject body = summary(meters, now);
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
                                      LocalDate.ofInstant(now, SiteZones.of(s.timeZone()))
                                          .toString())
                                  .put("published", s.published())));
              JsonArray ids = new JsonArray();
              enpis.enpis(scope, enterprise).forEach(v -> ids.add(enpiJson(v)));
              return body.put("enterprise", enterprise)
                  .put("sites", sites)
                  .put("enpis", ids)
                  .put("online_within", config.onlineWithin().toString())
                  .put("grid_factor_year", config.gridFactorYear())
                  .put("currency", config.currency());
            },
            false)
        .onSuccess(b -> json(ctx, 200, b))
        .onFailure(e -> failure(ctx, e));
  }

  private JsonObject summary(List<MeterState> meters, Instant now) {
    JsonArray rows = new JsonArray();
    double power = 0;
    int online = 0;
    boolean anyPower = false;
    for (MeterState m : meters) {
      boolean isOnline =
          m.lastSeen() != null && !m.lastSeen().isBefore(now.minus(config.onlineWithin()));
      if (isOnline) {
        online++;
      }
      double elapsed = Math.max(1, now.getEpochSecond() - m.dayStart().getEpochSecond());
      if (m.powerKw() != null) {
        power += m.powerKw();
        anyPower = true;
      }
      rows.add(
          new JsonObject()
              .put("site", m.site())
              .put("meter", m.meter())
              .put("carrier", m.carrier())
              .put("online", isOnline)
              .put("last_seen", str(m.lastSeen()))
              .put("power_channel", m.powerChannel())
              .put("power_kw", m.powerKw())
              .put("power_ts", str(m.powerTs()))
              .put("power_quality", m.powerQuality() == null ? null : m.powerQuality().wire())
              .put("energy_channel", m.energyChannel())
              .put("energy_unit", m.energyUnit())
              .put("energy_today", m.energyToday())
              .put(
                  "coverage_today",
                  m.energyChannel() == null ? null : Math.min(1, m.coveredSeconds() / elapsed))
              .put("day_start", m.dayStart().toString()));
    }
    JsonObject body =
        new JsonObject()
            .put("at", now.toString())
            .put("meters", rows)
            .put("meters_online", online)
            .put("meters_offline", meters.size() - online)
            .put("power_kw", anyPower ? power : null);
    // conversion factors of the sites' local day (one zone in practice; the first meter's)
    LocalDate today =
        LocalDate.ofInstant(now, SiteZones.of(meters.isEmpty() ? null : meters.get(0).timeZone()));
    LocalDate gridOn =
        config.gridFactorYear() == null ? today : LocalDate.of(config.gridFactorYear(), 7, 1);
    EnergyToday energy = EnergyToday.of(meters, today, gridOn, TABLE, FACTORS);
    JsonArray byCarrier = new JsonArray();
    energy
        .byCarrier()
        .forEach(
            c ->
                byCarrier.add(
                    new JsonObject()
                        .put("carrier", c.carrier())
                        .put("unit", c.unit())
                        .put("quantity", c.quantity())
                        .put("final_kwh", c.finalKwh())));
    body.put("energy_today_kwh", energy.finalKwh())
        .put("energy_today_by_carrier", byCarrier)
        .put("energy_today_toe", energy.toe())
        .put("co2_today_t", energy.tonnesCo2())
        .put("co2_factor_year", gridOn.getYear())
        .put("energy_today_not_counted", new JsonArray(energy.notCounted()));
    if (!energy.notes().isEmpty()) {
      body.put("energy_today_note", String.join("; ", energy.notes()));
    }
    return body;
  }

  // ---- showcase ----

  private void showcase(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String site = ctx.pathParam("site");
    if (!TopicName.ID.matcher(enterprise).matches()) {
      bad(ctx, "enterprise");
      return;
    }
    if (!TopicName.ID.matcher(site).matches()) {
      bad(ctx, "site");
      return;
    }
    Scope scope = Principal.scope(ctx);
    if (!scope.permits(enterprise, site)) {
      // a site that is not published looks exactly like one that does not exist
      json(ctx, 404, new JsonObject().put("error", "not_found").put("message", "not found"));
      return;
    }
    // the site is published (or the caller may read it anyway): its own data only, from here on
    // read with a scope of exactly this site
    Scope siteScope = Scope.publishedSites(Set.of(enterprise + "/" + site));
    Instant now = clock.instant();
    String publicUrl = publicUrl(ctx, enterprise, site);
    vertx
        .executeBlocking(
            () ->
                showcaseBody(siteScope, enterprise, site, now)
                    .put("public_url", publicUrl)
                    // the page shows it as an image: a QR code of the public page, for phones
                    .put("qr_svg", QrSvg.of(publicUrl)),
            false)
        .onSuccess(b -> json(ctx, 200, b))
        .onFailure(e -> failure(ctx, e));
  }

  private JsonObject showcaseBody(Scope siteScope, String enterprise, String site, Instant now) {
    List<MeterState> meters = dashboard.meters(siteScope, enterprise, site, now);
    if (meters.isEmpty()) {
      dashboard.sites(siteScope, enterprise).stream()
          .filter(s -> s.site().equals(site))
          .findFirst()
          .orElseThrow(() -> new NotFoundException("not found"));
    }
    JsonObject summary = summary(meters, now);
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
            .put("power_meters", powerMeters(meters))
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
    Map<String, Object> baseline = approvedBaseline(enterpriseScope, enterprise, e.enpi());
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
      JsonArray points = new JsonArray();
      for (Object o : (List<?>) trend.get("points")) {
        Map<?, ?> p = (Map<?, ?>) o;
        points.add(
            new JsonObject()
                .put("day", p.get("period"))
                .put("sec", p.get("sec"))
                .put("baseline_sec", p.get("baseline_sec")));
      }
      body.put("sec_trend", points);
    } catch (AnalyticsException | DomainException | NotFoundException ex) {
      body.put("sec_trend", new JsonArray()).put("sec_note", ex.getMessage());
    }
    secSeries(body, enterpriseScope, enterprise, e.enpi(), baseline, version, yesterday);
    Map<?, ?> verification =
        savings(body, enterpriseScope, enterprise, e.enpi(), baseline, yesterday);
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
   */
  private void secSeries(
      JsonObject body,
      Scope scope,
      String enterprise,
      String enpi,
      Map<String, Object> baseline,
      Integer version,
      LocalDate yesterday) {
    if (baseline == null) {
      return;
    }
    LocalDate from = LocalDate.parse(String.valueOf(baseline.get("from")));
    if (yesterday.minusYears(3).isAfter(from)) {
      from = yesterday.minusYears(3);
    }
    Bucket bucket = ShowcaseStory.bucket(from, yesterday);
    try {
      var sec =
          analytics.sec(
              analytics.series(scope, enterprise, enpi, from, yesterday, null), bucket, version);
      body.put("sec_bucket", bucket.name().toLowerCase(Locale.ROOT))
          .put("sec_series", ShowcaseStory.secSeries((List<?>) sec.get("points")));
    } catch (AnalyticsException | DomainException | NotFoundException ex) {
      body.put("sec_series_note", ex.getMessage());
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

  /** The address of the site's public showcase page, on the origin the visitor used. */
  private static String publicUrl(RoutingContext ctx, String enterprise, String site) {
    String origin;
    try {
      URI uri = URI.create(ctx.request().absoluteURI());
      origin = uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException | NullPointerException e) {
      origin = "";
    }
    return origin + "/showcase.html?enterprise=" + enterprise + "&site=" + site;
  }

  /**
   * The EnPI's approved baseline (at most one version is approved at a time; the newest if
   * several), null when none is: the public showcase shows no saving from a draft, submitted or
   * returned baseline (issue 15).
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> approvedBaseline(Scope scope, String enterprise, String enpi) {
    Map<String, Object> chosen = null;
    for (Object o : analytics.listBaselines(scope, enterprise, enpi)) {
      Map<String, Object> v = (Map<String, Object>) o;
      if ("approved".equals(v.get("status"))
          && (chosen == null
              || ((Number) v.get("version")).intValue()
                  > ((Number) chosen.get("version")).intValue())) {
        chosen = v;
      }
    }
    return chosen;
  }

  /**
   * Puts the savings since the measure (with approved non-routine adjustments; routine and
   * non-routine apart); returns their {@code verification} (baseline status, sign-off,
   * verifiability), or null.
   */
  @SuppressWarnings("unchecked")
  private Map<?, ?> savings(
      JsonObject body,
      Scope scope,
      String enterprise,
      String enpi,
      Map<String, Object> chosen,
      LocalDate yesterday) {
    if (chosen == null) {
      body.put("savings", null).put("savings_note", "no_approved_baseline");
      return null;
    }
    LocalDate baselineTo = LocalDate.parse(String.valueOf(chosen.get("to")));
    LocalDate from = baselineTo.plusDays(1);
    if (yesterday.minusYears(3).isAfter(from)) {
      from = yesterday.minusYears(3);
    }
    // the period an auditor verified, when there is one (issue 20: "the verified saving"); else
    // every day since the measure, indicative
    int version = ((Number) chosen.get("version")).intValue();
    var verified = analytics.verifiedPeriod(scope, enterprise, enpi, version);
    if (verified.isPresent()) {
      from = verified.get().from();
      yesterday = verified.get().to();
    }
    body.put("measure_from", from.toString());
    body.put("baseline_version", chosen.get("version"));
    if (yesterday.isBefore(from)) {
      body.put("savings", null).put("savings_note", "no_reporting_days");
      return null;
    }
    try {
      Map<String, Object> s =
          analytics.savings(
              scope,
              enterprise,
              enpi,
              ((Number) chosen.get("version")).intValue(),
              from,
              yesterday,
              90,
              config.gridFactorYear(),
              config.tariffs());
      // the total with approved adjustments, its band, and the routine part
      Map<String, Object> rep = (Map<String, Object>) s.get("savings_split");
      Map<String, Object> period = (Map<String, Object>) s.get("reporting_period");
      Map<String, Object> co2 = (Map<String, Object>) s.get("co2");
      Map<String, Object> money = (Map<String, Object>) s.get("money");
      Object unit = period.get("energy_unit");
      Double energy = rep.get("savings") instanceof Number n ? n.doubleValue() : null;
      JsonObject out =
          new JsonObject()
              .put("energy", energy)
              .put("energy_low", rep.get("savings_low"))
              .put("energy_high", rep.get("savings_high"))
              .put("confidence", 90)
              .put("unit", unit)
              .put("fraction", rep.get("savings_fraction"))
              .put("routine", rep.get("routine"))
              .put("non_routine", rep.get("non_routine"))
              .put("to", yesterday.toString())
              .put("co2_t", co2 == null ? null : co2.get("avoided_t"))
              .put("co2_note", co2 == null ? null : co2.get("reason"))
              .put("money", money == null ? null : money.get("amount"))
              .put("money_note", money == null ? null : money.get("reason"))
              .put("currency", config.currency());
      if (co2 != null && co2.get("by_carrier") instanceof List<?> parts) {
        out.put("co2_by_carrier", new JsonArray(new ArrayList<>(parts)));
      }
      if (money != null && money.get("by_carrier") instanceof List<?> parts) {
        out.put("money_by_carrier", new JsonArray(new ArrayList<>(parts)));
      }
      // issue 20's names: the band and CO2 as the story shows them
      out.put(
              "band",
              new JsonObject()
                  .put("low", rep.get("savings_low"))
                  .put("high", rep.get("savings_high"))
                  .put("confidence", 90)
                  .put("unit", unit))
          .put("co2", out.getValue("co2_t"));
      body.put("savings", out);
      return (Map<?, ?>) s.get("verification");
    } catch (AnalyticsException | DomainException | NotFoundException ex) {
      body.put("savings", null).put("savings_note", ex.getMessage());
      return null;
    }
  }

  // ---- responses ----

  private static JsonArray powerMeters(List<MeterState> meters) {
    JsonArray out = new JsonArray();
    for (MeterState m : meters) {
      if (m.powerKw() != null) {
        out.add(
            new JsonObject()
                .put("meter", m.meter())
                .put("power_kw", m.powerKw())
                .put("power_ts", str(m.powerTs())));
      }
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

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }

  private static void bad(RoutingContext ctx, String parameter) {
    json(
        ctx,
        400,
        new JsonObject()
            .put("error", "bad_request")
            .put("parameter", parameter)
            .put("message", parameter + ": must match " + TopicName.ID.pattern()));
  }

  private static void failure(RoutingContext ctx, Throwable e) {
    // 404 for what does not exist, 503 for a database outage, else 500; internals only in the log
    HttpErrors.failed(ctx, e);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
