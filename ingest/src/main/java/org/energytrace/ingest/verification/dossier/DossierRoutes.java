package org.energytrace.ingest.verification.dossier;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Locale;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Instants;

/**
 * {@code GET /api/v1/enterprises/{enterprise}/enpis/{enpi}/dossier?from&to&lang&baseline} ({@code
 * getDossier}): the verification dossier as a ZIP; and {@code
 * /.well-known/energytrace/dossier-key.pem} (no sign-in): the server's public key that verifies it.
 */
public final class DossierRoutes {
  public static final String KEY_PATH = "/.well-known/energytrace/dossier-key.pem";

  /** Longest reporting period of one dossier (days). */
  static final int MAX_DAYS = 400;

  private final Vertx vertx;
  private final DossierService service;
  private final ServerKey key;

  public DossierRoutes(Vertx vertx, DossierService service, ServerKey key) {
    this.vertx = vertx;
    this.service = service;
    this.key = key;
  }

  public void mount(Router router) {
    router
        .get(KEY_PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/x-pem-file")
                    .putHeader("Cache-Control", "public, max-age=3600")
                    .end(key.publicPem()));
    router.get("/api/v1/enterprises/:enterprise/enpis/:enpi/dossier").handler(this::dossier);
  }

  private void dossier(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String enpi = ctx.pathParam("enpi");
    LocalDate from;
    LocalDate to;
    String lang;
    Integer version;
    try {
      from = day(ctx, "from");
      to = day(ctx, "to");
      if (to.isBefore(from)) {
        throw DomainException.invalid("to", "must not be before from (" + from + "), got " + to);
      }
      if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
        throw DomainException.invalid(
            "to", "at most " + MAX_DAYS + " days from 'from' in one dossier, got " + to);
      }
      String l = ctx.queryParams().get("lang");
      lang = l == null ? "vi" : l;
      if (!lang.equals("vi") && !lang.equals("en")) {
        throw DomainException.invalid("lang", "vi or en, got '" + l + "'");
      }
      String b = ctx.queryParams().get("baseline");
      version = b == null ? null : version(b);
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.getMessage());
      return;
    }
    Principal p = Principal.of(ctx);
    LocalDate f = from;
    LocalDate t = to;
    String lg = lang;
    Integer v = version;
    vertx
        .executeBlocking(
            () ->
                service.dossier(
                    Actor.of(p, SecurityHandler.clientIp(ctx)),
                    p.scope(),
                    enterprise,
                    enpi,
                    v,
                    f,
                    t,
                    lg),
            false)
        .onSuccess(
            zip ->
                ctx.response()
                    .putHeader("Content-Type", "application/zip")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"dossier-"
                            + enterprise
                            + "-"
                            + enpi
                            + "-"
                            + f
                            + "-"
                            + t
                            + ".zip\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(io.vertx.core.buffer.Buffer.buffer(zip)))
        .onFailure(e -> failure(ctx, e));
  }

  /** 400/409 naming the parameter, 422 when the data cannot give figures, else HttpErrors. */
  static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof DomainException d) {
      HttpErrors.send(
          ctx,
          d.httpStatus(),
          new JsonObject()
              .put("error", d.kind() == DomainException.Kind.INVALID ? "bad_request" : "conflict")
              .put("parameter", d.field())
              .put("message", d.field() + ": " + d.getMessage()));
    } else if (e instanceof AnalyticsException a) {
      HttpErrors.send(
          ctx,
          422,
          new JsonObject()
              .put("error", "unprocessable")
              .put("code", a.code().name().toLowerCase(Locale.ROOT))
              .put("message", a.getMessage()));
    } else {
      HttpErrors.failed(ctx, e);
    }
  }

  private static int version(String v) {
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw DomainException.invalid("baseline", "a version number from 1, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw DomainException.invalid("baseline", "must be an integer, got '" + v + "'");
    }
  }

  private static LocalDate day(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null) {
      throw DomainException.invalid(name, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(v)
        .orElseThrow(
            () -> DomainException.invalid(name, Instants.EXPECTED_DAY + ", got '" + v + "'"));
  }
}
