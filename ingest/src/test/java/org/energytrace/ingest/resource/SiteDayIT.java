package org.energytrace.ingest.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An entered day is past at the enterprise's sites, not merely somewhere: a day was refused only
 * once it had not begun at UTC+14, so a Vietnamese plant could enter tomorrow's output every
 * evening. The site here keeps Pago Pago's time (UTC−11), 25 hours behind UTC+14: its tomorrow has
 * always begun at UTC+14, and was always taken.
 */
class SiteDayIT {
  static final String SITE = "pago";
  static final ZoneId ZONE = ZoneId.of("Pacific/Pago_Pago");

  static SecuredService svc;
  static String token;
  static String enterprise;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    token = svc.access.systemAdminToken();
    enterprise = "day-" + UUID.randomUUID().toString().substring(0, 8);
    Gateways.register(svc.db, enterprise + "/" + SITE + "/gw-1");
    put("/sites/" + SITE + "/time-zone", new JsonObject().put("time_zone", ZONE.getId()));
    put("/lines/l1", new JsonObject().put("site", SITE).put("name", "Line 1"));
    put("/products/p1", new JsonObject().put("line", "l1").put("unit", "TNE"));
    put(
        "/resources/malt",
        new JsonObject().put("site", SITE).put("kind", "material").put("unit", "kg"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static LocalDate siteToday() {
    return LocalDate.now(ZONE);
  }

  @Test
  void theSitesTomorrowIsRefusedThoughItHasBegunElsewhere() {
    LocalDate tomorrow = siteToday().plusDays(1);
    assertThat(tomorrow).isBeforeOrEqualTo(LocalDate.now(ZoneOffset.ofHours(14)));

    HttpResponse<Buffer> production = post("/production", quantity(tomorrow));
    assertThat(production.statusCode()).as(production.bodyAsString()).isEqualTo(422);
    assertThat(production.bodyAsString())
        .contains("quantities[0].day")
        .contains("is in the future (" + tomorrow)
        .contains("today is " + siteToday());

    HttpResponse<Buffer> entry = post("/resources/malt/entries", usage(tomorrow));
    assertThat(entry.statusCode()).as(entry.bodyAsString()).isEqualTo(422);
    assertThat(entry.bodyAsString())
        .contains("entries[0].day")
        .contains("is in the future (" + tomorrow)
        .contains("today is " + siteToday());

    HttpResponse<Buffer> upload =
        svc.withToken(HttpMethod.POST, path("/production/uploads/preview"), token)
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer("product,day,quantity\np1," + tomorrow + ",5\n"))
            .await();
    assertThat(upload.bodyAsString()).contains("is in the future (" + tomorrow);
  }

  @Test
  void anEmptyListIsRefusedNamingTheListAndAMisspeltColumnNamingTheColumn() {
    // an empty production list was answered "quantities[-2]: the file has no data rows"
    HttpResponse<Buffer> production =
        post("/production", new JsonObject().put("quantities", new JsonArray()));
    assertThat(production.statusCode()).as(production.bodyAsString()).isEqualTo(400);
    assertThat(production.bodyAsJsonObject().getString("parameter")).isEqualTo("quantities");
    assertThat(production.bodyAsString())
        .contains("required: a non-empty list of quantities")
        .doesNotContain("[-");
    HttpResponse<Buffer> entries =
        post("/resources/malt/entries", new JsonObject().put("entries", new JsonArray()));
    assertThat(entries.statusCode()).as(entries.bodyAsString()).isEqualTo(400);
    assertThat(entries.bodyAsString()).contains("required: a non-empty list of entries");

    // "unitt": 2 t were previewed as valid and taken as 2 kg, the resource's unit
    HttpResponse<Buffer> upload =
        svc.withToken(HttpMethod.POST, path("/resource-uploads/preview"), token)
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(
                Buffer.buffer(
                    "resource,type,day,quantity,unitt\nmalt,usage," + siteToday() + ",2,t\n"))
            .await();
    JsonObject preview = upload.bodyAsJsonObject();
    assertThat(preview.getBoolean("valid")).as(upload.bodyAsString()).isFalse();
    assertThat(preview.getJsonArray("errors").getJsonObject(0).getString("column"))
        .isEqualTo("unitt");
    assertThat(preview.getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("unknown column; the columns are resource, type, day, quantity, unit");
  }

  @Test
  void theSitesTodayIsTaken() {
    LocalDate today = siteToday();
    HttpResponse<Buffer> production = post("/production", quantity(today));
    assertThat(production.statusCode()).as(production.bodyAsString()).isEqualTo(200);
    assertThat(production.bodyAsJsonObject().getInteger("stored")).isEqualTo(1);
    HttpResponse<Buffer> entry = post("/resources/malt/entries", usage(today));
    assertThat(entry.statusCode()).as(entry.bodyAsString()).isEqualTo(200);
    assertThat(entry.bodyAsJsonObject().getInteger("stored")).isEqualTo(1);
  }

  static JsonObject quantity(LocalDate day) {
    return new JsonObject()
        .put(
            "quantities",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("product", "p1")
                        .put("day", day.toString())
                        .put("quantity", 5)));
  }

  static JsonObject usage(LocalDate day) {
    return new JsonObject()
        .put(
            "entries",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "usage")
                        .put("day", day.toString())
                        .put("quantity", 1.5)
                        .put("unit", "kg")));
  }

  static String path(String tail) {
    return "/api/v1/enterprises/" + enterprise + tail;
  }

  static void put(String tail, JsonObject body) {
    svc.ok(HttpMethod.PUT, path(tail), token, body);
  }

  static HttpResponse<Buffer> post(String tail, JsonObject body) {
    return svc.withToken(HttpMethod.POST, path(tail), token).sendJsonObject(body).await();
  }
}
