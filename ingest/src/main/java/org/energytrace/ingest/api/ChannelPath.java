package org.energytrace.ingest.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.energytrace.ingest.web.Params;

/** The enterprise, meter and channel of a channel path, checked. */
record ChannelPath(String enterprise, String meter, String channel) {
  static ChannelPath of(RoutingContext ctx) {
    String enterprise = Params.id("enterprise", ctx.pathParam("enterprise"));
    String meter = Params.id("meter", ctx.pathParam("meter"));
    return new ChannelPath(enterprise, meter, Params.channel(ctx.pathParam("channel")));
  }

  /** {@code body} with this path's enterprise, meter and channel. */
  JsonObject into(JsonObject body) {
    return body.put("enterprise", enterprise).put("meter", meter).put("channel", channel);
  }
}
