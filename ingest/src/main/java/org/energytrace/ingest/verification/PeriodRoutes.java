package org.energytrace.ingest.verification;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.HttpErrors;

/**
 * The routes of a reporting period's verification under {@code
 * /api/v1/enterprises/{enterprise}/enpis/{enpi}} (docs/verification.md §1.2), bound by operationId:
 * {@code signOffPeriod}, {@code listSignoffs}, {@code proposeAdjustment}, {@code listAdjustments},
 * {@code getAdjustmentAttachment}, {@code approveAdjustment} and {@code rejectAdjustment}. The
 * bodies are read by {@link PeriodRequests}; each handler runs on a worker thread ({@link
 * Blocking#handler}). Refusals: 403 for a caller who may not take the step, 409 naming the state.
 */
public final class PeriodRoutes {
  private final Blocking blocking;
  private final PgSignoffs signoffs;
  private final PgAdjustments adjustments;
  private final Clock clock;

  public PeriodRoutes(Vertx vertx, PgSignoffs signoffs, PgAdjustments adjustments, Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(PeriodRoutes::refusals);
    this.signoffs = signoffs;
    this.adjustments = adjustments;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("signOffPeriod", blocking, this::signOff);
    api.bind(
        "listSignoffs",
        blocking,
        ctx -> Map.of("signoffs", signoffs.list(Principal.scope(ctx), enterprise(ctx), enpi(ctx))));
    api.bind("proposeAdjustment", blocking, this::propose);
    api.bind(
        "listAdjustments",
        blocking,
        ctx ->
            Map.of(
                "adjustments", adjustments.list(Principal.scope(ctx), enterprise(ctx), enpi(ctx))));
    api.bind("getAdjustmentAttachment", this::attachment);
    api.bind(
        "approveAdjustment",
        blocking,
        ctx -> decide(ctx, PgAdjustments.Decision.APPROVE, "comment"));
    api.bind(
        "rejectAdjustment",
        blocking,
        ctx -> decide(ctx, PgAdjustments.Decision.REJECT, "comments"));
  }

  private Object signOff(RoutingContext ctx) {
    PgSignoffs.Request r = PeriodRequests.signoff(ctx);
    return Blocking.Answer.created(
        signoffs.sign(
            actor(ctx), Principal.scope(ctx), enterprise(ctx), enpi(ctx), r, clock.instant()));
  }

  private Object propose(RoutingContext ctx) {
    Adjustment a = PeriodRequests.adjustment(ctx);
    return Blocking.Answer.created(
        adjustments.propose(
            actor(ctx), Principal.scope(ctx), enterprise(ctx), enpi(ctx), a, clock.instant()));
  }

  /** The stored attachment as a download ({@link AttachmentDownload}), its reading audited. */
  private void attachment(RoutingContext ctx) {
    blocking
        .run(
            ctx,
            () -> {
              long id = PeriodRequests.adjustmentId(ctx);
              return adjustments.attachment(
                  actor(ctx),
                  Principal.scope(ctx),
                  enterprise(ctx),
                  enpi(ctx),
                  id,
                  clock.instant());
            })
        .onSuccess(a -> AttachmentDownload.send(ctx, a));
  }

  /** Approves ({@code comment} optional) or rejects ({@code comments} required) an adjustment. */
  private Object decide(RoutingContext ctx, PgAdjustments.Decision decision, String field) {
    long id = PeriodRequests.adjustmentId(ctx);
    String text = VerificationRoutes.text(ctx, field, decision == PgAdjustments.Decision.REJECT);
    return adjustments.decide(
        actor(ctx),
        Principal.scope(ctx),
        enterprise(ctx),
        enpi(ctx),
        id,
        decision,
        text,
        clock.instant());
  }

  private static Actor actor(RoutingContext ctx) {
    return Actor.of(Principal.of(ctx), SecurityHandler.clientIp(ctx));
  }

  private static String enterprise(RoutingContext ctx) {
    return ctx.pathParam("enterprise");
  }

  private static String enpi(RoutingContext ctx) {
    return ctx.pathParam("enpi");
  }

  /**
   * The verification routes' refusals: a {@link TransitionRefused} as 409 naming the state or 403,
   * a {@link DomainException} as its status naming the field; false for anything else.
   */
  static boolean refusals(RoutingContext ctx, Throwable e) {
    if (VerificationRoutes.transitionRefused(ctx, e, null)) {
      return true;
    }
    if (e instanceof DomainException d) {
      HttpErrors.refused(ctx, d);
      return true;
    }
    return false;
  }
}
