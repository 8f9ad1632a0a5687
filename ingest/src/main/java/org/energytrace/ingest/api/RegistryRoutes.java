package org.energytrace.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.registry.PgRegistry.ChannelSpec;
import org.energytrace.ingest.registry.PgRegistry.GatewaySpec;
import org.energytrace.ingest.registry.PgRegistry.MeterSpec;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;

/** The registry's writes: a gateway and its sites, a meter and its channels (idempotent PUTs). */
final class RegistryRoutes {
  private final Blocking blocking;
  private final PgRegistry registry;

  RegistryRoutes(Blocking blocking, PgRegistry registry) {
    this.blocking = blocking;
    this.registry = registry;
  }

  void mount(ApiRouter api) {
    api.bind("putGateway", blocking.parsing(this::putGateway));
    api.bind("putMeter", blocking.parsing(this::putMeter));
  }

  private Callable<?> putGateway(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    GatewaySpec spec =
        specOf(
            () ->
                new GatewaySpec(
                    ctx.pathParam("enterprise"),
                    ctx.pathParam("gateway"),
                    Params.text(b, "site", true),
                    Params.texts(b, "extra_sites"),
                    Params.bool(b, "auto_register_meters", false)));
    return () -> {
      registry.putGateway(spec);
      return new JsonObject()
          .put("enterprise", spec.enterprise())
          .put("gateway", spec.gateway())
          .put("site", spec.site())
          .put("extra_sites", new JsonArray(spec.extraSites()))
          .put("auto_register_meters", spec.autoRegisterMeters());
    };
  }

  private Callable<?> putMeter(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    MeterSpec spec =
        specOf(
            () -> {
              List<ChannelSpec> channels = channels(b); // checked first, as always
              return new MeterSpec(
                  ctx.pathParam("enterprise"),
                  ctx.pathParam("meter"),
                  Params.text(b, "site", true),
                  Params.text(b, "gateway", false),
                  channels);
            });
    return () -> {
      try {
        registry.putMeter(spec);
      } catch (IllegalArgumentException e) {
        // a channel declared again with another unit or kind
        throw DomainException.conflict(null, e.getMessage());
      }
      return new JsonObject()
          .put("enterprise", spec.enterprise())
          .put("meter", spec.meter())
          .put("channels", spec.channels().size());
    };
  }

  private static List<ChannelSpec> channels(JsonObject b) {
    Object raw = b.getValue("channels");
    if (raw != null && !(raw instanceof JsonArray)) {
      throw DomainException.invalid(
          "channels", "must be a list of {name, unit, kind, counter_bits}");
    }
    JsonArray list = raw == null ? new JsonArray() : (JsonArray) raw;
    List<ChannelSpec> channels = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "channels[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject c)) {
        throw DomainException.invalid(at, "must be an object {name, unit, kind, counter_bits}");
      }
      Object bits = c.getValue("counter_bits");
      if (bits != null && !(bits instanceof Integer || bits instanceof Long)
          || bits instanceof Long l && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
        throw DomainException.invalid(at + ".counter_bits", "must be 16, 32, 48 or 64");
      }
      String kind = Params.text(c, "kind", false, at + ".kind");
      channels.add(
          new ChannelSpec(
              Params.text(c, "name", true, at + ".name"),
              Params.text(c, "unit", true, at + ".unit"),
              kind == null ? "gauge" : kind,
              bits == null ? null : ((Number) bits).intValue()));
    }
    return channels;
  }

  /** A spec built from the body; the registry's own checks name the field in their message. */
  private static <T> T specOf(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("body", e.getMessage());
    }
  }
}
