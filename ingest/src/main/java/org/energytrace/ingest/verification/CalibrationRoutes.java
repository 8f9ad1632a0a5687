package org.energytrace.ingest.verification;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * A meter's calibration records under {@code
 * /api/v1/enterprises/{enterprise}/meters/{meter}/calibrations} (docs/verification.md §1.6): {@code
 * listCalibrations}, {@code recordCalibration} and {@code getCalibrationCertificate} (the stored
 * certificate file, sent as an adjustment's attachment is).
 */
public final class CalibrationRoutes {
  static final List<String> FIELDS =
      List.of(
          "calibrated_on",
          "valid_until",
          "certificate",
          "lab",
          "result",
          "note",
          "corrects",
          "attachment");

  private final Blocking blocking;
  private final PgCalibrations store;
  private final Clock clock;

  public CalibrationRoutes(Vertx vertx, PgCalibrations store, Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(PeriodRoutes::refusals);
    this.store = store;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("listCalibrations", blocking.handler(this::list));
    api.bind("recordCalibration", blocking.handler(this::record));
    api.bind("getCalibrationCertificate", this::certificate);
  }

  private Object list(RoutingContext ctx) {
    String meter = Params.id("meter", ctx.pathParam("meter"));
    String enterprise = ctx.pathParam("enterprise");
    return Map.of(
        "enterprise",
        enterprise,
        "meter",
        meter,
        "calibrations",
        store.list(Principal.scope(ctx), enterprise, meter));
  }

  private Object record(RoutingContext ctx) {
    String meter = Params.id("meter", ctx.pathParam("meter"));
    JsonObject b = Params.body(ctx);
    Params.onlyFields(b, FIELDS, "one of " + FIELDS);
    LocalDate on = date(b, "calibrated_on", true);
    // a day in any time zone's today at most
    if (on.isAfter(LocalDate.now(clock).plusDays(1))) {
      throw DomainException.invalid(
          "calibrated_on", "is in the future (" + on + "): record a calibration once done");
    }
    Object corrects = b.getValue("corrects");
    if (corrects != null
        && (!(corrects instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()))) {
      throw DomainException.invalid(
          "corrects", "must be the id (an integer) of the record this one corrects");
    }
    Calibration cal =
        new Calibration(
            on,
            date(b, "valid_until", false),
            Params.text(b, "certificate", true),
            Params.text(b, "lab", true),
            Calibration.Result.of(Params.text(b, "result", true)),
            Params.text(b, "note", false),
            corrects == null ? null : ((Number) corrects).longValue(),
            PeriodRequests.attachment(b));
    Actor actor = Actor.of(Principal.of(ctx), SecurityHandler.clientIp(ctx));
    return Blocking.Answer.created(
        store.record(
            actor, Principal.scope(ctx), ctx.pathParam("enterprise"), meter, cal, clock.instant()));
  }

  /** The stored certificate as a download ({@link AttachmentDownload}), its reading audited. */
  private void certificate(RoutingContext ctx) {
    blocking
        .run(
            ctx,
            () -> {
              String meter = Params.id("meter", ctx.pathParam("meter"));
              long id =
                  Params.longPath(ctx, "calibration", "must be a calibration id (an integer)");
              if (id < 1) {
                throw DomainException.invalid("calibration", "must be a calibration id from 1");
              }
              return store.attachment(
                  Actor.of(Principal.of(ctx), SecurityHandler.clientIp(ctx)),
                  Principal.scope(ctx),
                  ctx.pathParam("enterprise"),
                  meter,
                  id,
                  clock.instant());
            })
        .onSuccess(a -> AttachmentDownload.send(ctx, a));
  }

  private static LocalDate date(JsonObject b, String field, boolean required) {
    String s = Params.text(b, field, required);
    return s == null ? null : PeriodRequests.date(field, s);
  }
}
