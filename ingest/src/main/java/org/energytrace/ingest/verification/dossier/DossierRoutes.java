package org.energytrace.ingest.verification.dossier;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.verification.Actor;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * {@code GET /api/v1/enterprises/{enterprise}/enpis/{enpi}/dossier?from&to&lang&baseline} ({@code
 * getDossier}, bound by operationId, made on a worker thread): the verification dossier as a ZIP;
 * and {@code /.well-known/energytrace/dossier-key.pem} (no sign-in): the server's public key that
 * verifies it.
 */
public final class DossierRoutes {
  public static final String KEY_PATH = "/.well-known/energytrace/dossier-key.pem";

  /** Longest reporting period of one dossier (days). */
  static final int MAX_DAYS = 400;

  private final Blocking blocking;
  private final DossierService service;
  private final ServerKey key;

  public DossierRoutes(Vertx vertx, DossierService service, ServerKey key) {
    // 400/409 naming the parameter, 422 when the data cannot give figures
    this.blocking = Blocking.noStore(vertx).answering(Blocking::refusals);
    this.service = service;
    this.key = key;
  }

  public void mount(Router router) {
    // the key file is no operation of api/openapi.yaml (no sign-in, outside /api/v1)
    router
        .get(KEY_PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/x-pem-file")
                    .putHeader("Cache-Control", "public, max-age=3600")
                    .end(key.publicPem()));
    ApiRouter.of(router).bind("getDossier", blocking.handler(this::dossier));
  }

  private Blocking.File dossier(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String enpi = ctx.pathParam("enpi");
    LocalDate from = Params.day(ctx, "from");
    LocalDate to = Params.day(ctx, "to");
    Params.span(from, to, MAX_DAYS, "in one dossier");
    String l = ctx.queryParams().get("lang");
    String lang = l == null ? "vi" : l;
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw DomainException.invalid("lang", "vi or en, got '" + l + "'");
    }
    String b = ctx.queryParams().get("baseline");
    Integer version = b == null ? null : Params.version("baseline", b, "a version number from 1");
    Principal p = Principal.of(ctx);
    byte[] zip =
        service.dossier(
            Actor.of(p, SecurityHandler.clientIp(ctx)),
            p.scope(),
            enterprise,
            enpi,
            version,
            from,
            to,
            lang);
    // no hash header: the hash a sign-off names is the auditor's own of the bytes received
    // (docs/verification.md §1.5); its dossier.generate entry names the SHA-256 of these bytes
    return new Blocking.File(
        "application/zip",
        // the language in the name: both downloads of a period had one name ("(1).zip")
        "dossier-" + enterprise + "-" + enpi + "-" + from + "-" + to + "-" + lang + ".zip",
        zip);
  }
}
