package org.energytrace.ingest.programme;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.web.Blocking;

/**
 * The programme API (issue 16) under {@code /api/v1/programme}, bound by operationId: the
 * registry's facilities (list, one with its lifecycle, put a profile: {@link FacilityRoutes}), CP
 * steps and their evidence ({@link CpStepRoutes}), CP officers and training ({@link
 * CpOfficerRoutes}), declared energy and savings ({@link DeclarationRoutes}), the registry import
 * (CSV or XLSX preview, then commit: {@link RegistryImportRoutes}), the area officers' areas
 * ({@link OfficerAreaRoutes}), the programme input export and the indicators ({@link
 * ProgrammeIndicatorRoutes}). Access is decided by the gate ({@code auth.AccessPolicy}); every read
 * also takes the caller's scope, so a district officer sees the facilities of their districts only.
 * Each handler reads its request and does its work on a worker thread ({@link Blocking#handler}).
 */
public final class ProgrammeRoutes {
  private final Blocking blocking;
  private final FacilityRoutes facilities;
  private final CpStepRoutes steps;
  private final CpOfficerRoutes officers;
  private final DeclarationRoutes declarations;
  private final RegistryImportRoutes imports;
  private final OfficerAreaRoutes areas;
  private final ProgrammeIndicatorRoutes indicators;

  public ProgrammeRoutes(Vertx vertx, PgProgramme store, ProgrammeExport export, Clock clock) {
    this.blocking = Blocking.noStore(vertx).answering(Blocking::refusals);
    this.facilities = new FacilityRoutes(store, export, clock);
    this.steps = new CpStepRoutes(store.steps(), clock, blocking);
    this.officers = new CpOfficerRoutes(store.officers(), clock);
    this.declarations = new DeclarationRoutes(store.declarations(), clock);
    this.imports = new RegistryImportRoutes(store, clock);
    this.areas = new OfficerAreaRoutes(store.areas(), clock);
    this.indicators = new ProgrammeIndicatorRoutes(export, clock);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    bind(api, "listProgrammeFacilities", facilities::list);
    bind(api, "getProgrammeFacility", facilities::facility);
    bind(api, "putProgrammeFacility", facilities::putProfile);
    bind(api, "recordCpStep", steps::recordStep);
    api.bind("getCpStepAttachment", steps::attachment);
    bind(api, "putCpOfficer", officers::putOfficer);
    bind(api, "recordCpTraining", officers::recordTraining);
    bind(api, "putDeclaredEnergy", declarations::putEnergy);
    bind(api, "recordProgrammeSaving", declarations::recordSaving);
    bind(api, "previewRegistryImport", imports::preview);
    bind(api, "commitRegistryImport", imports::commit);
    bind(api, "putOfficerArea", areas::putArea);
    bind(api, "exportProgrammeInput", indicators::input);
    bind(api, "getProgrammeIndicators", indicators::indicators);
  }

  private void bind(ApiRouter api, String operationId, Blocking.Work work) {
    api.bind(operationId, blocking.handler(work));
  }
}
