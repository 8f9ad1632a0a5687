package org.energytrace.ingest.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** A site on or off the public showcase, and a gateway's MQTT credentials (issued, shown once). */
final class SiteRoutes {
  private final Blocking blocking;
  private final PgAccounts accounts;
  private final GatewayCredentials gateways;
  private final AccountAudit audit;

  SiteRoutes(
      Blocking blocking, PgAccounts accounts, GatewayCredentials gateways, AccountAudit audit) {
    this.blocking = blocking;
    this.accounts = accounts;
    this.gateways = gateways;
    this.audit = audit;
  }

  void mount(ApiRouter api) {
    api.bind("publishSite", blocking.parsing(this::publish));
    api.bind("issueGatewayCredentials", this::issueGatewayCredentials);
  }

  private Callable<?> publish(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    String enterprise = ctx.pathParam("enterprise");
    String site = Params.ids(enterprise, ctx.pathParam("site"), "site");
    JsonObject b = Params.bodyOrNull(ctx);
    if (b == null || !(b.getValue("published") instanceof Boolean published)) {
      throw DomainException.invalid(
          "published", "a JSON object with a boolean 'published' is required");
    }
    return () -> {
      boolean before = accounts.setPublished(enterprise, site, published);
      audit.record(
          ctx,
          p,
          "site.publish",
          enterprise,
          enterprise + "/" + site,
          new JsonObject().put("published", before).encode(),
          new JsonObject().put("published", published).encode());
      return new JsonObject()
          .put("enterprise", enterprise)
          .put("site", site)
          .put("published", published);
    };
  }

  private void issueGatewayCredentials(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    String enterprise = ctx.pathParam("enterprise");
    String gateway = ctx.pathParam("gateway");
    if (Blocking.parse(ctx, () -> Params.ids(enterprise, gateway, "gateway")).isEmpty()) {
      return;
    }
    blocking
        .run(
            ctx,
            () -> {
              var issued = gateways.issue(enterprise, gateway, audit.clock().instant());
              issued.ifPresent(
                  i ->
                      audit.record(
                          ctx, p, "gateway.credentials", enterprise, i.username(), null, null));
              return issued;
            })
        .onSuccess(
            issued -> {
              if (issued.isEmpty()) {
                SecurityHandler.error(ctx, 404, "not_found", "gateway not registered");
                return;
              }
              blocking.json(
                  ctx,
                  201,
                  new JsonObject()
                      .put("username", issued.get().username())
                      .put("password", issued.get().password())
                      .put("topic_prefix", "et/v1/" + enterprise + "/<site>/" + gateway + "/"));
            });
  }
}
