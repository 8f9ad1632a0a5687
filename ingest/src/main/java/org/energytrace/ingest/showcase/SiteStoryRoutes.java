package org.energytrace.ingest.showcase;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/**
 * {@code PUT /api/v1/enterprises/{enterprise}/sites/{site}/story} ({@code putSiteStory}): the
 * enterprise's administrators write what the site's showcase tells (names, sector, measures); the
 * story replaces the previous one and is audited as {@code site.story} with both versions.
 */
public final class SiteStoryRoutes {
  private final Blocking blocking;
  private final PgSiteStories stories;
  private final PgAuditLog audit;
  private final Clock clock;

  public SiteStoryRoutes(Vertx vertx, PgSiteStories stories, PgAuditLog audit, Clock clock) {
    this.blocking = Blocking.noStore(vertx);
    this.stories = stories;
    this.audit = audit;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter.of(router).bind("putSiteStory", blocking.parsing(this::put));
  }

  private Callable<?> put(RoutingContext ctx) {
    String enterprise = ctx.pathParam("enterprise");
    String site = Params.ids(enterprise, ctx.pathParam("site"), "site");
    SiteStory story = story(ctx);
    Principal p = Principal.of(ctx);
    Scope scope = Principal.scope(ctx);
    String ip = SecurityHandler.clientIp(ctx);
    return () -> {
      String before = stories.get(scope, enterprise, site).map(s -> s.json().encode()).orElse(null);
      stories.put(scope, enterprise, site, story);
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
    };
  }

  private static SiteStory story(RoutingContext ctx) {
    JsonObject body = Params.body(ctx);
    try {
      return SiteStory.parse(body);
    } catch (ClassCastException e) {
      throw DomainException.invalid("body", "must be a JSON object");
    }
  }
}
