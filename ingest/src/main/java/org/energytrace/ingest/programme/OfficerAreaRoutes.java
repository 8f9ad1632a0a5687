package org.energytrace.ingest.programme;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * The area officers' areas ({@code putOfficerArea}): a district officer's districts or a park
 * officer's parks.
 */
final class OfficerAreaRoutes {
  private final PgOfficerAreas store;
  private final Clock clock;

  OfficerAreaRoutes(PgOfficerAreas store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** {@code putOfficerArea}: either {@code districts} or {@code parks}, a list of names. */
  Object putArea(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    JsonObject b = Params.nonEmptyBody(ctx);
    boolean districts = b.containsKey("districts");
    if (districts == b.containsKey("parks") || b.size() != 1) {
      throw DomainException.invalid("body", "give either districts or parks (a list of names)");
    }
    String field = districts ? "districts" : "parks";
    if (!(b.getValue(field) instanceof JsonArray list)) {
      throw DomainException.invalid(field, "must be a list of names");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Fields f = new Fields(Map.of("name", list.getValue(i) == null ? "" : list.getValue(i)), "");
      String n = f.text("name", true, 200);
      if (!f.ok()) {
        throw DomainException.invalid(field + "[" + i + "]", f.problems().get(0).message());
      }
      names.add(n);
    }
    return store.putArea(
        Who.of(ctx),
        username,
        new Inputs.Area(districts ? "district" : "park", names),
        clock.instant());
  }
}
