package org.energytrace.ingest.enpi;

import static org.energytrace.ingest.enpi.EnpiParams.basisParam;
import static org.energytrace.ingest.enpi.EnpiParams.enterprise;
import static org.energytrace.ingest.enpi.EnpiParams.enumOf;
import static org.energytrace.ingest.enpi.EnpiParams.obj;
import static org.energytrace.ingest.enpi.EnpiParams.param;
import static org.energytrace.ingest.enpi.EnpiParams.str;
import static org.energytrace.ingest.enpi.EnpiParams.version;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Map;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * The analytics of one EnPI (issue 5): SEC ({@code getEnpiSec}), the CSV export ({@code
 * exportEnpiData}), baselines ({@code fitBaseline}, {@code listBaselines}) and savings ({@code
 * getEnpiSavings}). Each handler runs on a worker thread ({@link EnpiRoutes}).
 */
final class EnpiAnalyticsRoutes {
  private final EnpiAnalytics analytics;
  private final Tariffs tariffs;
  private final Integer gridFactorYear;

  EnpiAnalyticsRoutes(EnpiAnalytics analytics, Tariffs tariffs, Integer gridFactorYear) {
    this.analytics = analytics;
    this.tariffs = tariffs;
    this.gridFactorYear = gridFactorYear;
  }

  Object sec(RoutingContext ctx) {
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    Bucket bucket = enumOf(Bucket.class, "bucket", param(ctx, "bucket", "day"));
    var series = series(ctx, from, to);
    String v = ctx.queryParams().get("baseline");
    return analytics.sec(series, bucket, v == null ? null : version(v));
  }

  Object csv(RoutingContext ctx) {
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    var series = series(ctx, from, to);
    return new Blocking.Text(
        "text/csv; charset=utf-8",
        EnpiAnalytics.csv(series.series().dataSet(EnpiAnalytics.perProduct(series.series()))));
  }

  private EnpiAnalytics.Series series(RoutingContext ctx, LocalDate from, LocalDate to) {
    return analytics.series(
        Principal.scope(ctx), enterprise(ctx), ctx.pathParam("enpi"), from, to, basisParam(ctx));
  }

  Object fit(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    LocalDate from = Params.day("from", str(b, "from", null));
    LocalDate to = Params.day("to", str(b, "to", null));
    ModelSelector.Request model =
        enumOf(ModelSelector.Request.class, "model", str(b, "model", "auto"));
    return Blocking.Answer.created(
        analytics.fitBaseline(
            Principal.scope(ctx),
            enterprise(ctx),
            ctx.pathParam("enpi"),
            from,
            to,
            model,
            weather(b),
            Principal.of(ctx).subject()));
  }

  Object baselines(RoutingContext ctx) {
    return Map.of(
        "baselines",
        analytics.listBaselines(Principal.scope(ctx), enterprise(ctx), ctx.pathParam("enpi")));
  }

  /** The optional {@code weather: {variable: cdd|hdd, balance_point?}} of a baseline request. */
  private static WeatherVariable weather(JsonObject b) {
    if (b.getValue("weather") == null) {
      return null;
    }
    JsonObject w = obj(b, "weather");
    Object bp = w.getValue("balance_point");
    if (bp != null && !(bp instanceof Number)) {
      throw DomainException.invalid("weather.balance_point", "must be a number of °C");
    }
    for (String key : w.fieldNames()) {
      if (!key.equals("variable") && !key.equals("balance_point")) {
        throw DomainException.invalid("weather." + key, "unknown field (variable, balance_point)");
      }
    }
    return WeatherVariable.of(
        str(w, "variable", null, "weather.variable"),
        bp == null ? null : ((Number) bp).doubleValue());
  }

  Object savings(RoutingContext ctx) {
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    double confidence;
    try {
      confidence = Double.parseDouble(param(ctx, "confidence", "90"));
    } catch (NumberFormatException e) {
      throw DomainException.invalid("confidence", "must be a number of percent, e.g. 90");
    }
    if (!(confidence > 0 && confidence < 100)) {
      throw DomainException.invalid("confidence", "must be between 0 and 100, got " + confidence);
    }
    String v = ctx.queryParams().get("baseline");
    if (v == null) {
      throw DomainException.invalid("baseline", "the baseline version is required");
    }
    String year = ctx.queryParams().get("co2_year");
    // the configured year, as the overview and the showcase use it (docs/dashboards.md)
    Integer co2Year = gridFactorYear;
    if (year != null) {
      try {
        co2Year = Integer.parseInt(year);
      } catch (NumberFormatException e) {
        throw DomainException.invalid("co2_year", "must be a year, e.g. 2023");
      }
    }
    return analytics.savings(
        Principal.scope(ctx),
        enterprise(ctx),
        ctx.pathParam("enpi"),
        version(v),
        from,
        to,
        confidence,
        co2Year,
        tariffs);
  }
}
