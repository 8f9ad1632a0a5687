package org.energytrace.ingest.cp;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.web.Blocking;

/**
 * The CP assessment API (issue 18): an enterprise's assessments under {@code
 * /api/v1/enterprises/{enterprise}/cp-assessments} (put, get, the balance filled from stored data,
 * options, the report) and the officers' search {@code /api/v1/cp-assessments}. Access is decided
 * by the gate ({@code auth.AccessPolicy}); every read takes the caller's scope. The handlers are
 * {@link CpAssessmentRoutes} and {@link CpPublicRoutes} (the public section, content, guidance);
 * each runs on a worker thread ({@link Blocking#handler}).
 */
public final class CpRoutes {
  private final Blocking blocking;
  private final CpCatalogue catalogue;
  private final CpAssessmentRoutes assessments;
  private final CpPublicRoutes publicRoutes;

  public CpRoutes(
      Vertx vertx,
      PgCpAssessments store,
      CpCatalogue catalogue,
      PgCpPublic content,
      PgCpGuidance guidance,
      PgCpHighlights highlights,
      CpAchievements achievements,
      Clock clock) {
    this.blocking = Blocking.noStore(vertx);
    this.catalogue = catalogue;
    this.assessments = new CpAssessmentRoutes(store, catalogue, clock);
    this.publicRoutes =
        new CpPublicRoutes(catalogue, content, guidance, highlights, achievements, clock);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    bind(api, "searchCpAssessments", assessments::search);
    bind(api, "listCpCatalogue", ctx -> catalogue.catalogue());
    bind(api, "listCpPublic", ctx -> publicRoutes.publicSection());
    bind(api, "putCpPublicItem", publicRoutes::putItem);
    bind(api, "recordCpAttendance", publicRoutes::attend);
    bind(api, "listCpContent", ctx -> publicRoutes.content());
    bind(api, "putCpGuidance", publicRoutes::putGuidance);
    bind(api, "getCpGuidanceDocument", publicRoutes::guidanceDocument);
    bind(api, "publishCpAchievement", publicRoutes::publishAchievement);
    bind(api, "putCpPilotSite", publicRoutes::putPilot);
    bind(api, "putCpAssessment", assessments::put);
    bind(api, "getCpAssessment", assessments::get);
    bind(api, "prefillCpBalance", assessments::prefill);
    bind(api, "putCpOption", assessments::putOption);
    bind(api, "getCpReport", assessments::report);
  }

  private void bind(ApiRouter api, String operationId, Blocking.Work work) {
    api.bind(operationId, blocking.handler(work));
  }
}
