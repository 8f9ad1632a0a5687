package org.energytrace.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * U+0000 cannot be stored in PostgreSQL text. A request carrying it in any string, wherever it is
 * nested, is refused with 400 naming the field (issue 11: it answered 503 "database unavailable");
 * and a quarantined message whose payload holds it can be listed, re-processed without a server
 * error, and discarded.
 */
class NulInputIT {
  static final String E = "nul-" + UUID.randomUUID().toString().substring(0, 6);
  static SecuredService svc;
  static String token;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    put("/api/v1/enterprises/" + E + "/gateways/gw-1", new JsonObject().put("site", "plant-1"));
    put("/api/v1/enterprises/" + E + "/meters/m1", MeteredPlant.counterMeter("gw-1"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void put(String uri, JsonObject body) {
    HttpResponse<Buffer> r = svc.withToken(HttpMethod.PUT, uri, token).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(uri + " " + r.bodyAsString()).isEqualTo(200);
  }

  static void assertRefusedNaming(HttpResponse<Buffer> r, String field) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("parameter")).isEqualTo(field);
    assertThat(body.getString("message")).startsWith(field + ": ").contains("U+0000");
  }

  @Nested
  class Requests {
    @Test
    void aCounterEventNoteWithANulIsRefusedNamingTheNote() {
      HttpResponse<Buffer> r =
          svc.withToken(
                  HttpMethod.POST,
                  "/api/v1/enterprises/" + E + "/meters/m1/channels/E/counter-events",
                  token)
              .sendJsonObject(
                  new JsonObject()
                      .put("ts", "2026-01-01T00:00:00Z")
                      .put("kind", "replacement")
                      .put("closing_value", 10)
                      .put("opening_value", 0)
                      .put("note", "swapped\u0000"))
              .await();

      assertRefusedNaming(r, "note");
      assertThat(svc.count("select count(*) from counter_event")).isZero();
    }

    @Test
    void aLineNameWithANulIsRefusedNamingTheName() {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + E + "/lines/l1", token)
              .sendJsonObject(new JsonObject().put("site", "plant-1").put("name", "Line\u00001"))
              .await();

      assertRefusedNaming(r, "name");
    }

    @Test
    void aNulDeepInsideTheBodyIsNamedByItsPath() {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.POST, "/api/v1/enterprises/" + E + "/production", token)
              .sendJsonObject(
                  new JsonObject()
                      .put(
                          "quantities",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("product", "p1")
                                      .put("day", "2026-01-01")
                                      .put("quantity", 1))
                              .add(
                                  new JsonObject()
                                      .put("product", "p\u00002")
                                      .put("day", "2026-01-01")
                                      .put("quantity", 1))))
              .await();

      assertRefusedNaming(r, "quantities[1].product");
    }

    @Test
    void aQueryParameterWithANulIsRefusedNamingIt() {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.GET, "/api/v1/quarantine?limit=5&status=new%00", token)
              .send()
              .await();

      assertRefusedNaming(r, "status");
    }
  }

  @Nested
  class Quarantine {
    @Test
    void
        aQuarantinedStatusWhoseReasonHoldsANulIsListedReprocessedWithoutAServerErrorAndDiscarded() {
      String payload =
          "{\"schema_version\": 1, \"gateway\": \"gw-1\", \"state\": \"online\", \"ts\": \""
              + Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30)
              + "\", \"reason\": \"restart\\u0000after update\"}";
      long id = svc.quarantine(E, "et/v1/" + E + "/plant-1/gw-1/status", payload);
      Instant since = Instant.now().minusSeconds(1);

      HttpResponse<Buffer> listed =
          svc.withToken(HttpMethod.GET, "/api/v1/quarantine?enterprise=" + E, token).send().await();
      HttpResponse<Buffer> reprocessed =
          svc.withToken(HttpMethod.POST, "/api/v1/quarantine/" + id + "/reprocess", token)
              .send()
              .await();
      HttpResponse<Buffer> discarded =
          svc.withToken(HttpMethod.POST, "/api/v1/quarantine/" + id + "/discard", token)
              .sendJsonObject(new JsonObject().put("reason", "cannot be stored"))
              .await();
      HttpResponse<Buffer> again =
          svc.withToken(HttpMethod.POST, "/api/v1/quarantine/" + id + "/discard", token)
              .send()
              .await();
      HttpResponse<Buffer> reprocessAfter =
          svc.withToken(HttpMethod.POST, "/api/v1/quarantine/" + id + "/reprocess", token)
              .send()
              .await();

      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.bodyAsJsonObject().getJsonArray("quarantine").encode())
          .contains("\"id\":" + id);
      assertThat(reprocessed.statusCode()).as(reprocessed.bodyAsString()).isEqualTo(422);
      assertThat(reprocessed.bodyAsJsonObject().getString("status")).isEqualTo("new");
      assertThat(reprocessed.bodyAsJsonObject().getString("reason")).isNotBlank();
      assertThat(discarded.statusCode()).as(discarded.bodyAsString()).isEqualTo(200);
      assertThat(discarded.bodyAsJsonObject().getString("status")).isEqualTo("discarded");
      assertThat(again.statusCode()).isEqualTo(404);
      assertThat(reprocessAfter.statusCode()).isEqualTo(404);
      assertThat(
              svc.count(
                  "select count(*) from quarantine where quarantine_id = "
                      + id
                      + " and status = 'discarded'"))
          .isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> svc.audited("quarantine.discard", since) == 1);
    }
  }
}
