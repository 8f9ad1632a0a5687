package org.energytrace.ingest.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stock period counts in the year of its closing count (docs/resources.md), also when its opening
 * count is in the year before: a re-check found the demo's week of coal from 28 December to 4
 * January in neither year's TOE (3.54 t), because the year's ledger began at its own first count.
 */
class StockAcrossYearsIT {
  static final String SITE = "plant-1";

  static SecuredService svc;
  static String token;
  static String enterprise;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    enterprise = "stock-" + UUID.randomUUID().toString().substring(0, 8);
    Gateways.register(svc.db, enterprise + "/" + SITE + "/gw-1");
    svc.ok(
        HttpMethod.PUT,
        path("/resources/coal"),
        token,
        new JsonObject()
            .put("site", SITE)
            .put("kind", "energy")
            .put("carrier", "coal_grade_3_4")
            .put("unit", "t"));
    // used: 20 + 10 − 15 = 15 t in the week closing on 4 January, 15 − 10 = 5 t in the next
    JsonArray entries = new JsonArray();
    entries.add(entry("stock_count", "2025-12-28", 20, ""));
    entries.add(entry("delivery", "2025-12-30", 10, "DN-1"));
    entries.add(entry("stock_count", "2026-01-04", 15, ""));
    entries.add(entry("stock_count", "2026-01-11", 10, ""));
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.POST, path("/resources/coal/entries"), token)
            .sendJsonObject(new JsonObject().put("entries", entries))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void aStockPeriodAcrossNewYearCountsInTheYearOfItsClosingCount() {
    assertThat(coal(2026)).isCloseTo(15 + 5, within(1e-9));
    assertThat(coal(2025)).isZero();
  }

  /** The coal the facility's TOE of {@code year} counts, in t. */
  static double coal(int year) {
    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.GET, path("/resource-toe?year=" + year), token).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("quantities").stream()
        .map(JsonObject.class::cast)
        .filter(q -> "coal".equals(q.getString("resource")))
        .mapToDouble(q -> q.getDouble("quantity"))
        .sum();
  }

  static JsonObject entry(String type, String day, double quantity, String ref) {
    return new JsonObject()
        .put("type", type)
        .put("day", day)
        .put("quantity", quantity)
        .put("unit", "t")
        .put("ref", ref);
  }

  static String path(String tail) {
    return "/api/v1/enterprises/" + enterprise + tail;
  }
}
