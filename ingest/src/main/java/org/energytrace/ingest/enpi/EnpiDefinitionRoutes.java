package org.energytrace.ingest.enpi;

import static org.energytrace.ingest.enpi.EnpiParams.arr;
import static org.energytrace.ingest.enpi.EnpiParams.author;
import static org.energytrace.ingest.enpi.EnpiParams.basis;
import static org.energytrace.ingest.enpi.EnpiParams.enterprise;
import static org.energytrace.ingest.enpi.EnpiParams.enumOf;
import static org.energytrace.ingest.enpi.EnpiParams.obj;
import static org.energytrace.ingest.enpi.EnpiParams.str;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.MeterRole;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiSpec;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiView;
import org.energytrace.ingest.enpi.PgEnpiStore.MeterEnergySpec;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Params;

/**
 * The EnPI domain of an enterprise (issue 5): site time zones ({@code putSiteTimeZone}), meter
 * energy attributes ({@code putMeterEnergy}, {@code listEnergyMeters}), lines, products and EnPI
 * definitions with their frozen versions. Each handler runs on a worker thread ({@link
 * EnpiRoutes}).
 */
final class EnpiDefinitionRoutes {
  private final PgEnpiStore store;
  private final Clock clock;

  EnpiDefinitionRoutes(PgEnpiStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Object putTimeZone(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    store.putSiteTimeZone(
        Principal.scope(ctx), enterprise(ctx), ctx.pathParam("site"), str(b, "time_zone", null));
    return Map.of("site", ctx.pathParam("site"), "time_zone", str(b, "time_zone", null));
  }

  Object putMeter(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    MeterRole role = enumOf(MeterRole.class, "role", str(b, "role", "main"));
    store.putMeterEnergy(
        Principal.scope(ctx),
        enterprise(ctx),
        ctx.pathParam("meter"),
        new MeterEnergySpec(
            str(b, "carrier", null),
            str(b, "unit", null),
            role,
            str(b, "boundary", null),
            str(b, "channel", null)),
        author(ctx),
        clock.instant());
    return b.copy().put("meter", ctx.pathParam("meter"));
  }

  Object energyMeters(RoutingContext ctx) {
    return listed("meters", store.energyMeters(Principal.scope(ctx), enterprise(ctx)));
  }

  Object putLine(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    store.putLine(
        Principal.scope(ctx),
        enterprise(ctx),
        ctx.pathParam("line"),
        str(b, "site", null),
        str(b, "name", null));
    return b.copy().put("line", ctx.pathParam("line"));
  }

  Object lines(RoutingContext ctx) {
    return listed("lines", store.lines(Principal.scope(ctx), enterprise(ctx)));
  }

  Object putProduct(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    store.putProduct(
        Principal.scope(ctx),
        enterprise(ctx),
        ctx.pathParam("product"),
        str(b, "line", null),
        str(b, "name", null),
        str(b, "unit", null));
    return b.copy().put("product", ctx.pathParam("product"));
  }

  Object putEnpi(RoutingContext ctx) {
    JsonObject b = Params.body(ctx);
    JsonObject scopeJson = obj(b, "scope");
    List<MeterTerm> meters = new ArrayList<>();
    JsonArray terms = arr(b, "meters");
    for (int i = 0; i < terms.size(); i++) {
      String at = "meters[" + i + "]";
      if (!(terms.getValue(i) instanceof JsonObject m)) {
        throw DomainException.invalid(at, "each meter is an object {meter, sign}");
      }
      Object sign = m.getValue("sign");
      if (sign != null && !(sign instanceof Integer || sign instanceof Long)) {
        throw DomainException.invalid(at + ".sign", "must be 1 or -1");
      }
      try {
        meters.add(
            new MeterTerm(
                str(m, "meter", null, at + ".meter"),
                sign == null ? 1 : (int) Math.max(-2, Math.min(2, ((Number) sign).longValue()))));
      } catch (AnalyticsException e) {
        throw DomainException.invalid(at, e.getMessage());
      }
    }
    JsonArray codes = arr(b, "products");
    List<String> products = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      if (!(codes.getValue(i) instanceof String code)) {
        throw DomainException.invalid("products[" + i + "]", "must be a product code (a string)");
      }
      products.add(code);
    }
    String enpi = ctx.pathParam("enpi");
    store.putEnpi(
        Principal.scope(ctx),
        enterprise(ctx),
        enpi,
        new EnpiSpec(
            str(b, "name", null),
            enumOf(
                EnpiScope.Level.class,
                "scope.level",
                str(scopeJson, "level", "facility", "scope.level")),
            str(scopeJson, "ref", enterprise(ctx), "scope.ref"),
            basis(str(b, "basis", "kwh_final")),
            meters,
            products),
        clock.instant(),
        author(ctx));
    return enpiJson(store.enpi(Principal.scope(ctx), enterprise(ctx), enpi));
  }

  Object enpis(RoutingContext ctx) {
    return Map.of(
        "enpis",
        store.enpis(Principal.scope(ctx), enterprise(ctx)).stream()
            .map(EnpiDefinitionRoutes::enpiJson)
            .toList());
  }

  Object enpi(RoutingContext ctx) {
    return enpiJson(store.enpi(Principal.scope(ctx), enterprise(ctx), ctx.pathParam("enpi")));
  }

  /** The EnPI's frozen versions, oldest first; the newest is {@code current}. */
  Object versions(RoutingContext ctx) {
    var versions = store.versions(Principal.scope(ctx), enterprise(ctx), ctx.pathParam("enpi"));
    JsonArray out = new JsonArray();
    for (var v : versions) {
      out.add(
          new JsonObject()
              .put("version", v.version())
              .put("definition", v.definition())
              .put("created_by", v.createdBy())
              .put("created_at", v.createdAt().toString())
              .put("current", v.version() == versions.get(versions.size() - 1).version()));
    }
    return new JsonObject().put("enpi", ctx.pathParam("enpi")).put("versions", out);
  }

  private static JsonObject enpiJson(EnpiView v) {
    JsonArray meters = new JsonArray();
    v.meters()
        .forEach(t -> meters.add(new JsonObject().put("meter", t.meterId()).put("sign", t.sign())));
    return new JsonObject()
        .put("enpi", v.enpi())
        .put("name", v.name())
        .put("scope", new JsonObject().put("level", v.scopeLevel()).put("ref", v.scopeRef()))
        .put("basis", v.basis())
        .put("meters", meters)
        .put("products", new JsonArray(v.products()))
        .put("updated_at", v.updatedAt().toString())
        .put("version", v.version());
  }

  /** {@code key}: each of {@code records} as a JSON object. */
  private static Map<String, Object> listed(String key, List<?> records) {
    return Map.of(key, records.stream().map(JsonObject::mapFrom).toList());
  }
}
