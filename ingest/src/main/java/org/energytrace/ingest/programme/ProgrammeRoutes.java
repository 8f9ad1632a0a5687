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

  /**
   * @param gridFactorYear the year of the grid CO2 factor when a request names none
   *     (dashboards.grid_factor_year; null: each day's own year)
   */
  public ProgrammeRoutes(
      Vertx vertx, PgProgramme store, ProgrammeExport export, Clock clock, Integer gridFactorYear) {
    this.blocking = Blocking.noStore(vertx).answering(Blocking::refusals);
    this.facilities = new FacilityRoutes(store, export, clock);
    this.steps = new CpStepRoutes(store.steps(), clock, blocking);
    this.officers = new CpOfficerRoutes(store.officers(), clock);
    this.declarations = new DeclarationRoutes(store.declarations(), clock);
    this.imports = new RegistryImportRoutes(store, clock);
    this.areas = new OfficerAreaRoutes(store.areas(), clock);
    this.indicators = new ProgrammeIndicatorRoutes(export, clock, gridFactorYear);
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("listProgrammeFacilities", blocking, facilities::list);
    api.bind("getProgrammeFacility", blocking, facilities::facility);
    api.bind("putProgrammeFacility", blocking, facilities::putProfile);
    api.bind("recordCpStep", blocking, steps::recordStep);
    api.bind("getCpStepAttachment", steps::attachment);
    api.bind("putCpOfficer", blocking, officers::putOfficer);
    api.bind("recordCpTraining", blocking, officers::recordTraining);
    api.bind("putDeclaredEnergy", blocking, declarations::putEnergy);
    api.bind("recordProgrammeSaving", blocking, declarations::recordSaving);
    api.bind("previewRegistryImport", blocking, imports::preview);
    api.bind("commitRegistryImport", blocking, imports::commit);
    api.bind("putOfficerArea", blocking, areas::putArea);
    api.bind("exportProgrammeInput", blocking, indicators::input);
    api.bind("getProgrammeIndicators", blocking, indicators::indicators);
  }
}
