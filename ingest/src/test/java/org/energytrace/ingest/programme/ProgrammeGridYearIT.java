package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The programme's indicators and reports convert electricity with the grid factor of the service's
 * {@code dashboards.grid_factor_year} when a request names no {@code grid_year}, as the pages and
 * the savings API do. Before, a report downloaded from {@code /programme.html} (which names no
 * year) said "no CO2 emission factor for electricity in 2026" on a service configured for 2023's
 * factor.
 */
class ProgrammeGridYearIT {
  static SecuredService svc;
  static String admin;
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String D1 = "Thủ Dầu Một " + S;
  static final String F1 = "gy1-" + S;
  static Session province;

  @BeforeAll
  static void start() {
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withDashboards(c.dashboards().withGridFactorYear(2023)));
    admin = svc.access.systemAdminToken();
    ok(
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + F1, admin)
            .sendJsonObject(ProgrammeRegistryIT.profile("Công ty Dệt " + S, "1311", D1, null))
            .await());
    for (String stage : List.of("aware", "potential_assessed", "applying")) {
      JsonObject step = new JsonObject().put("stage", stage).put("date", "2026-02-01");
      if (stage.equals("aware")) {
        step.put("detail", "workshop");
      } else if (stage.equals("potential_assessed")) {
        step.put("potential", true);
      }
      ok(post("/cp-steps", step));
    }
    ok(
        post(
            "/savings",
            new JsonObject()
                .put("resource", "electricity")
                .put("kind", "energy")
                .put("carrier", "electricity")
                .put("unit", "kWh")
                .put("from", "2026-01-01")
                .put("to", "2026-05-31")
                .put("fraction", 0.10)
                .put("fraction_low", 0.09)
                .put("fraction_high", 0.11)
                .put("amount", 100000)));
    svc.access.user("gyp-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("gyp-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static HttpResponse<Buffer> post(String path, JsonObject body) {
    return svc.withToken(HttpMethod.POST, "/api/v1/programme/facilities/" + F1 + path, admin)
        .sendJsonObject(body)
        .await();
  }

  static void ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
  }

  static HttpResponse<Buffer> get(String uri) {
    return svc.request(HttpMethod.GET, uri, province).send().await();
  }

  static JsonObject indicative(String query) {
    HttpResponse<Buffer> r = get("/api/v1/programme/indicators?period=2026-H1" + query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonObject("energy_saved").getJsonObject("indicative");
  }

  @Test
  void withoutGridYearTheIndicatorsUseTheConfiguredYearAndARequestedYearWins() {
    JsonObject configured = indicative("");
    assertThat(configured.getJsonArray("missing_factors").stream().map(String::valueOf))
        .as("the 2026 saving has 2023's grid factor, not a gap")
        .noneMatch(m -> m.contains(F1) && m.contains("CO2"));
    assertThat(configured.getDouble("co2_t")).isPositive();
    assertThat(configured.getDouble("co2_t"))
        .as("no year named: the configured 2023")
        .isEqualTo(indicative("&grid_year=2023").getDouble("co2_t"));
    assertThat(indicative("&grid_year=2022").getDouble("co2_t"))
        .as("a year asked for wins")
        .isNotEqualTo(configured.getDouble("co2_t"));
    assertThat(get("/api/v1/programme/indicators?grid_year=1999").statusCode()).isEqualTo(400);
  }

  @Test
  void theIndicatorsAndTheReportNameTheGridFactorTheyUsed() throws Exception {
    // a reviewer found 2026's savings in t CO2 with 2023's grid factor and no word of it
    assertThat(indicative("").getJsonArray("grid_factors").getJsonObject(0).getMap())
        .containsEntry("version", "2023")
        .containsEntry("t_co2_per_mwh", 0.6592);
    assertThat(
            indicative("&grid_year=2022")
                .getJsonArray("grid_factors")
                .getJsonObject(0)
                .getString("version"))
        .isEqualTo("2022");
    for (String[] c :
        new String[][] {
          {"en", "", "Energy", "Grid CO2 factor used (year)", "0.6592 t CO2/MWh (2023)"},
          {
            "vi",
            "",
            "Năng lượng",
            "Hệ số phát thải lưới điện đã dùng (năm)",
            "0,6592 t CO2/MWh (2023)"
          },
          {
            "en",
            "&grid_year=2022",
            "Energy",
            "Grid CO2 factor used (year)",
            "0.6766 t CO2/MWh (2022)"
          }
        }) {
      HttpResponse<Buffer> r =
          get("/api/v1/programme/report?period=2026-H1&format=xlsx&lang=" + c[0] + c[1]);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      List<Object> row =
          ProgrammeReportIT.sheet(r.body().getBytes(), c[2]).stream()
              .filter(x -> c[3].equals(x.get(0)))
              .findFirst()
              .orElseThrow();
      // verified (nothing verified here), indicative (the 2026 saving)
      assertThat(row.get(2)).as(c[0] + c[1]).isEqualTo(c[4]);
    }
    // TOE and t CO2 with two decimals in both columns: "18.4 | 1,641.41" read as figures of
    // different precision (100 000 kWh x 0.0001543 TOE/kWh; x 0.6592 t/MWh)
    HttpResponse<Buffer> r = get("/api/v1/programme/report?period=2026-H1&lang=en");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(ProgrammeReportIT.pdfText(r.body().getBytes()).replaceAll("\\s+", " "))
        .containsPattern("TOE\\s*0\\.00\\s*15\\.43")
        .containsPattern("t CO2 avoided\\s*0\\.00\\s*65\\.92");
  }

  @Test
  void aBadOrRepeatedParameterIsRefusedSayingWhatIsExpected() {
    // a reviewer read "Instance type string is invalid. Expected integer" and "String does not
    // match pattern", and a repeated grid_year was answered with the first
    for (String[] c :
        new String[][] {
          {"grid_year=abc", "grid_year", "expected an integer from 2000 to 2100"},
          {"grid_year=1999", "grid_year", "expected an integer from 2000 to 2100"},
          {"period=2026-Q3", "period", "expected text matching ^[0-9]{4}(-H[12])?$"},
          {"grid_year=2023&grid_year=2022", "grid_year", "is given 2 times: give it once"},
          {"grid_year=2026.0", "grid_year", "must be a whole number; expected an integer from 2000"}
        }) {
      HttpResponse<Buffer> r = get("/api/v1/programme/indicators?" + c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("parameter")).as(c[0]).isEqualTo(c[1]);
      assertThat(r.bodyAsJsonObject().getString("message")).as(c[0]).contains(c[2]);
    }
    // JSON Schema takes 2.0 for an integer, the audit listing then failed with a 500
    HttpResponse<Buffer> audit =
        svc.withToken(HttpMethod.GET, "/api/v1/audit?limit=2.0", admin).send().await();
    assertThat(audit.statusCode()).as(audit.bodyAsString()).isEqualTo(400);
    assertThat(audit.bodyAsJsonObject().getString("parameter")).isEqualTo("limit");
  }

  @Test
  void aReportDownloadedWithoutGridYearHasNoMissingFactorForElectricity() {
    HttpResponse<Buffer> r = get("/api/v1/programme/report?period=2026-H1&format=xlsx&lang=en");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    List<List<Object>> energy;
    try {
      energy = ProgrammeReportIT.sheet(r.body().getBytes(), "Energy");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(energy).noneMatch(row -> "Missing factors".equals(row.get(0)));
    assertThat(energy.toString()).contains("CO2");
  }
}
