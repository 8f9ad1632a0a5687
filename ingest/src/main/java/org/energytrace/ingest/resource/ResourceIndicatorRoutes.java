package org.energytrace.ingest.resource;

import static org.energytrace.ingest.resource.ResourceParams.code;
import static org.energytrace.ingest.resource.ResourceParams.confidence;
import static org.energytrace.ingest.resource.ResourceParams.day;
import static org.energytrace.ingest.resource.ResourceParams.enterprise;
import static org.energytrace.ingest.resource.ResourceParams.model;
import static org.energytrace.ingest.resource.ResourceParams.span;
import static org.energytrace.ingest.resource.ResourceParams.str;
import static org.energytrace.ingest.web.Params.version;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.verification.BaselineLifecycle;
import org.energytrace.ingest.verification.VerificationRoutes;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * A resource's indicator per unit of product ({@code getResourceIndicator}), the facility's TOE
 * ({@code getResourceToe}) and the stored resource baselines with their lifecycle as EnPI
 * baselines' (docs/verification.md §1). Each handler runs on a worker thread ({@link
 * ResourceRoutes}).
 */
final class ResourceIndicatorRoutes {
  private final ResourceIndicators indicators;
  private final ResourceToe toe;
  private final PgResourceBaselines baselines;
  private final Clock clock;

  ResourceIndicatorRoutes(
      ResourceIndicators indicators, ResourceToe toe, PgResourceBaselines baselines, Clock clock) {
    this.indicators = indicators;
    this.toe = toe;
    this.baselines = baselines;
    this.clock = clock;
  }

  Object indicator(RoutingContext ctx) {
    String code = code(ctx);
    String stored = ctx.queryParams().get("baseline");
    if (stored != null) {
      // against a stored baseline: its product, period and model
      PgResourceBaselines.Stored b =
          baselines.get(Principal.scope(ctx), enterprise(ctx), code, version(stored));
      LocalDate from = Params.day(ctx, "from");
      LocalDate to = Params.day(ctx, "to");
      span("from", from, "to", to);
      return indicators.indicator(
          Principal.scope(ctx), enterprise(ctx), b, from, to, confidence(ctx));
    }
    String product = ctx.queryParams().get("product");
    if (product == null || product.isBlank()) {
      throw DomainException.invalid("product", "required: the product the SEC is per unit of");
    }
    LocalDate baselineFrom = Params.day(ctx, "baseline_from");
    LocalDate baselineTo = Params.day(ctx, "baseline_to");
    span("baseline_from", baselineFrom, "baseline_to", baselineTo);
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    span("from", from, "to", to);
    if (!from.isAfter(baselineTo)) {
      throw DomainException.invalid("from", "the reporting period starts after the baseline's");
    }
    ModelSelector.Request model = model(ctx.queryParams().get("model"));
    double confidence = confidence(ctx);
    return ResourceIndicators.unapproved(
        indicators.indicator(
            Principal.scope(ctx),
            enterprise(ctx),
            code,
            product,
            baselineFrom,
            baselineTo,
            from,
            to,
            model,
            confidence));
  }

  Object toe(RoutingContext ctx) {
    String y = ctx.queryParams().get("year");
    int year;
    try {
      year = Integer.parseInt(y == null ? "" : y);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("year", "required: a year such as 2026");
    }
    if (year < 2000 || year > 2100) {
      throw DomainException.invalid("year", "must be between 2000 and 2100, got " + year);
    }
    // the province's day (every site of the programme is in Vietnam's zone)
    LocalDate today = LocalDate.ofInstant(clock.instant(), SiteZones.DEFAULT);
    return toe.toe(Principal.scope(ctx), enterprise(ctx), year, today);
  }

  Object listBaselines(RoutingContext ctx) {
    String code = code(ctx);
    return Map.of(
        "resource",
        code,
        "baselines",
        baselines.list(Principal.scope(ctx), enterprise(ctx), code).stream()
            .map(PgResourceBaselines.Stored::json)
            .toList());
  }

  Object createBaseline(RoutingContext ctx) {
    String code = code(ctx);
    JsonObject b = Params.body(ctx);
    String product = str(b, "product");
    if (product == null) {
      throw DomainException.invalid("product", "required: the product the SEC is per unit of");
    }
    LocalDate from = day(b, "from");
    LocalDate to = day(b, "to");
    span("from", from, "to", to);
    ModelSelector.Request model = model(str(b, "model"));
    PgResourceBaselines.NewVersion v =
        indicators.baselineFit(
            Principal.scope(ctx), enterprise(ctx), code, product, from, to, model);
    return new Blocking.Answer(
        201,
        baselines
            .create(Principal.scope(ctx), enterprise(ctx), code, v, Who.of(ctx), clock.instant())
            .json()
            .getMap());
  }

  Object step(RoutingContext ctx, BaselineLifecycle.Step step, String field) {
    String code = code(ctx);
    int version = version(ctx.pathParam("version"));
    String text = VerificationRoutes.text(ctx, field, step != BaselineLifecycle.Step.SUBMIT);
    Principal p = Principal.of(ctx);
    return baselines
        .take(
            Actor.of(p, SecurityHandler.clientIp(ctx)),
            p.scope(),
            enterprise(ctx),
            code,
            version,
            step,
            text,
            clock.instant())
        .json();
  }
}
