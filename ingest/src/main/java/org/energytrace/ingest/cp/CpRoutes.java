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
    api.bind("searchCpAssessments", blocking, assessments::search);
    api.bind("listCpCatalogue", blocking, ctx -> catalogue.catalogue());
    api.bind("listCpPublic", blocking, ctx -> publicRoutes.publicSection());
    api.bind("putCpPublicItem", blocking, publicRoutes::putItem);
    api.bind("recordCpAttendance", blocking, publicRoutes::attend);
    api.bind("listCpContent", blocking, ctx -> publicRoutes.content());
    api.bind("putCpGuidance", blocking, publicRoutes::putGuidance);
    api.bind("getCpGuidanceDocument", blocking, publicRoutes::guidanceDocument);
    api.bind("publishCpAchievement", blocking, publicRoutes::publishAchievement);
    api.bind("putCpPilotSite", blocking, publicRoutes::putPilot);
    api.bind("putCpAssessment", blocking, assessments::put);
    api.bind("getCpAssessment", blocking, assessments::get);
    api.bind("prefillCpBalance", blocking, assessments::prefill);
    api.bind("putCpOption", blocking, assessments::putOption);
    api.bind("getCpReport", blocking, assessments::report);
  }
}
