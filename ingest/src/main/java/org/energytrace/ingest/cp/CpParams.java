package org.energytrace.ingest.cp;

import io.vertx.ext.web.RoutingContext;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.TopicName;

/** The request parts the CP API shares: who asks, the path's ids, query texts. */
final class CpParams {
  private CpParams() {}

  static String enterprise(RoutingContext ctx) {
    String e = ctx.pathParam("enterprise");
    if (e == null || !TopicName.ID.matcher(e).matches()) {
      throw DomainException.invalid("enterprise", "must match " + TopicName.ID.pattern());
    }
    return e;
  }

  static String code(RoutingContext ctx, String name) {
    String v = ctx.pathParam(name);
    if (v == null || !CpInput.CODE.matcher(v).matches()) {
      throw DomainException.invalid(name, "must match " + CpInput.CODE.pattern());
    }
    return v;
  }
}
