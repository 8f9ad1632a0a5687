package org.energytrace.ingest.showcase;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.HttpErrors;

/**
 * {@code PUT /api/v1/enterprises/{enterprise}/sites/{site}/story} ({@code putSiteStory}): the
 * enterprise's administrators write what the site's showcase tells (names, sector, measures); the
 * story replaces the previous one and is audited as {@code site.story} with both versions.
 */
public final class SiteStoryRoutes {
  private final Vertx vertx;
  private final PgSiteStories stories;
  private final PgAuditLog audit;
  private final Clock clock;

  public SiteStoryRoutes(Vertx vertx, PgSiteStories stories, PgAuditLog audit, Clock clock) {
    this.vertx = vertx;
    this.stories = stories;
    this.audit = audit;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.put("/api/v1/enterprises/:enterprise/sites/:site/story").handler(this::put);
  }

  private void put(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String site = ctx.pathParam("site");
    if (!TopicName.ID.matcher(enterprise).matches() || !TopicName.ID.matcher(site).matches()) {
      HttpErrors.badRequest(
          ctx, "site", "enterprise and site must match " + TopicName.ID.pattern());
      return;
    }
    SiteStory story;
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw DomainException.invalid("body", "a JSON object is required");
      }
      story = SiteStory.parse(body);
    } catch (DecodeException | ClassCastException e) {
      HttpErrors.badRequest(ctx, "body", "must be a JSON object");
      return;
    } catch (DomainException e) {
      HttpErrors.badRequest(ctx, e.field(), e.getMessage());
      return;
    }
    Principal p = Principal.of(ctx);
    String ip = SecurityHandler.clientIp(ctx);
    vertx
        .executeBlocking(
            () -> {
              String before =
                  stories
                      .get(Principal.scope(ctx), enterprise, site)
                      .map(s -> s.json().encode())
                      .orElse(null);
              stories.put(Principal.scope(ctx), enterprise, site, story);
              audit.record(
                  new AuditEntry(
                      clock.instant(),
                      p.subject(),
                      p.role().wire(),
                      "site.story",
                      AuditEntry.Outcome.SUCCESS,
                      enterprise,
                      enterprise + "/" + site,
                      ip,
                      null,
                      before,
                      story.json().encode()));
              return story.json().put("enterprise", enterprise).put("site", site);
            },
            false)
        .onSuccess(
            b ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(b.encode()))
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }
}
