package org.energytrace.ingest.resource;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.verification.BaselineLifecycle;
import org.energytrace.ingest.verification.VerificationRoutes;
import org.energytrace.ingest.web.Blocking;

/**
 * The resource API (issue 17, docs/resources.md) under {@code /api/v1/enterprises/{enterprise}},
 * bound by operationId: declaring the resources a site tracks, their entries and uploads of entries
 * ({@link ResourceEntryRoutes}), the indicator of a resource per unit of product, the facility's
 * TOE and the stored resource baselines ({@link ResourceIndicatorRoutes}). Access is decided by the
 * gate ({@code auth.AccessPolicy}); every query takes the caller's scope. Each handler reads its
 * request and does its work on a worker thread ({@link Blocking#handler}).
 */
public final class ResourceRoutes {
  private final Blocking blocking;
  private final ResourceEntryRoutes entries;
  private final ResourceIndicatorRoutes indicators;

  public ResourceRoutes(
      Vertx vertx,
      PgResources store,
      ResourceIndicators indicators,
      PgResourceBaselines baselines,
      Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(ResourceRoutes::failures);
    this.entries = new ResourceEntryRoutes(store, indicators, clock);
    this.indicators =
        new ResourceIndicatorRoutes(
            indicators,
            new ResourceToe(store, indicators, ConversionTable.bundled()),
            baselines,
            clock);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("listResources", blocking, entries::list);
    api.bind("putResource", blocking, entries::put);
    api.bind("postResourceEntries", blocking, entries::postEntries);
    api.bind("listResourceEntries", blocking, entries::listEntries);
    api.bind("deleteResourceEntry", blocking, entries::deleteEntry);
    api.bind("getResourceIndicator", blocking, indicators::indicator);
    api.bind("previewResourceUpload", blocking, entries::preview);
    api.bind("commitResourceUpload", blocking, entries::commit);
    api.bind("getResourceToe", blocking, indicators::toe);
    api.bind("listResourceBaselines", blocking, indicators::listBaselines);
    api.bind("createResourceBaseline", blocking, indicators::createBaseline);
    api.bind(
        "submitResourceBaseline",
        blocking,
        ctx -> indicators.step(ctx, BaselineLifecycle.Step.SUBMIT, "comment"));
    api.bind(
        "approveResourceBaseline",
        blocking,
        ctx -> indicators.step(ctx, BaselineLifecycle.Step.APPROVE, "opinion"));
    api.bind(
        "returnResourceBaseline",
        blocking,
        ctx -> indicators.step(ctx, BaselineLifecycle.Step.RETURN, "comments"));
  }

  /**
   * A refused lifecycle step (409 naming the version and its state, or 403), then the feature
   * refusals ({@link Blocking#refusals}: 400/409 naming the field; 422 when the data cannot give an
   * answer: too few periods, a stock count missing, a negative use).
   */
  private static boolean failures(RoutingContext ctx, Throwable e) {
    return VerificationRoutes.refusals(ctx, e) || Blocking.refusals(ctx, e);
  }
}
