package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.code;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * A facility's CP officers ({@code putCpOfficer}) and their training ({@code recordCpTraining}).
 */
final class CpOfficerRoutes {
  private final PgCpOfficers store;
  private final Clock clock;

  CpOfficerRoutes(PgCpOfficers store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** {@code putCpOfficer}: the officer with its training. */
  Object putOfficer(RoutingContext ctx) {
    String code = code(ctx.pathParam("officer"), "officer");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(Set.of("name", "appointed_on", "email", "phone"));
    Inputs.Officer o =
        new Inputs.Officer(
            f.text("name", true, 200),
            f.date("appointed_on", false),
            f.matching("email", false, FacilityProfile.EMAIL, "an e-mail address"),
            f.text("phone", false, 40));
    f.throwFirst();
    return store.putOfficer(
        Who.of(ctx), Principal.scope(ctx), ctx.pathParam("enterprise"), code, o, clock.instant());
  }

  /** {@code recordCpTraining}: 201 with the officer and its training. */
  Object recordTraining(RoutingContext ctx) {
    String code = code(ctx.pathParam("officer"), "officer");
    Fields f = new Fields(Params.nonEmptyBody(ctx).getMap(), "");
    f.only(Set.of("course", "date", "certificate", "completed"));
    String course = f.text("course", true, 300);
    LocalDate date = f.date("date", true);
    String certificate = f.text("certificate", false, 200);
    Boolean completed = f.bool("completed", true);
    f.throwFirst();
    return Blocking.Answer.created(
        store.recordTraining(
            Who.of(ctx),
            Principal.scope(ctx),
            ctx.pathParam("enterprise"),
            code,
            new Inputs.Training(course, date, certificate, completed),
            clock.instant()));
  }
}
