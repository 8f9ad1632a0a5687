package org.energytrace.ingest.demo;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.fixtures.DocumentedAnswers;
import org.energytrace.ingest.fixtures.OpenApiDocument;
import tools.jackson.databind.JsonNode;

/**
 * Every read of the API on the running demo's data, checked against openapi.yaml: the demo holds
 * what the tests' small plants do not (a year of history, a signed-off period with a rejected
 * adjustment, four resources, CP assessments, the province of forty facilities), so an answer shape
 * only such data gives is checked too ({@link DocumentedAnswers}).
 */
final class DemoAnswers {
  private DemoAnswers() {}

  static final String E = "demo-brewery";
  static final Pattern PARAM = Pattern.compile("\\{(\\w+)\\}");

  /** What was read and what did not match. */
  record Checked(List<String> operations, List<String> problems, List<String> skipped) {}

  /**
   * Reads every GET operation whose path parameters the demo's codes fill, as {@code admin} (the
   * system administrator, who may read them all), and checks each JSON answer.
   */
  static Checked check(HttpClient admin, int port) throws Exception {
    String base = "http://localhost:" + port;
    LocalDate today = LocalDate.now(ZoneId.of(DemoSeeder.ZONE));
    JsonObject firstMeter =
        new JsonObject(get(admin, base + "/api/v1/meters").body())
            .getJsonArray("meters").stream()
                .map(JsonObject.class::cast)
                .filter(m -> m.getString("enterprise").equals(E))
                .findFirst()
                .orElseThrow();
    JsonArray lines =
        new JsonObject(get(admin, base + "/api/v1/enterprises/" + E + "/lines").body())
            .getJsonArray("lines");
    String product =
        lines.getJsonObject(0).getJsonArray("products").getJsonObject(0).getString("product");
    JsonArray periods =
        new JsonObject(get(admin, base + "/api/v1/programme/reporting-periods").body())
            .getJsonArray("periods");
    Map<String, String> path = new LinkedHashMap<>();
    path.put("enterprise", E);
    path.put("site", DemoSeeder.SITE);
    path.put("enpi", DemoSeeder.ENPI);
    path.put("meter", firstMeter.getString("meter"));
    path.put("channel", firstMeter.getJsonArray("channels").getJsonObject(0).getString("name"));
    path.put("resource", "coal");
    path.put("assessment", "sxsh-nau-lohoi");
    if (!periods.isEmpty()) {
      path.put("period", periods.getJsonObject(0).getString("period"));
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("from", today.minusDays(30).toString());
    query.put("to", today.minusDays(1).toString());
    query.put("bucket", "day");
    query.put("product", product);
    query.put("baseline", "1");
    query.put("baseline_from", today.minusDays(300).toString());
    query.put("baseline_to", today.minusDays(31).toString());
    query.put("year", String.valueOf(today.getYear()));

    Vertx vertx = Vertx.vertx();
    List<String> operations = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try {
      DocumentedAnswers documented = DocumentedAnswers.of(vertx);
      JsonNode document = OpenApiDocument.load();
      for (OpenApiDocument.ApiOperation op : OpenApiDocument.operations(document)) {
        if (op.method() != HttpMethod.GET || op.id().equals("live")) {
          continue;
        }
        StringBuilder uri = new StringBuilder();
        Matcher m = PARAM.matcher(op.path());
        boolean filled = true;
        while (m.find()) {
          String v = path.get(m.group(1));
          filled &= v != null;
          m.appendReplacement(uri, v == null ? "" : Matcher.quoteReplacement(v));
        }
        m.appendTail(uri);
        if (!filled) {
          skipped.add(op.id());
          continue;
        }
        List<String> args = new ArrayList<>();
        for (JsonNode given : op.node().path("parameters")) {
          // a shared parameter is a reference: "#/components/parameters/fromDay"
          JsonNode p =
              given.has("$ref")
                  ? document
                      .path("components")
                      .path("parameters")
                      .path(given.path("$ref").asString().replace("#/components/parameters/", ""))
                  : given;
          String name = p.path("name").asString("");
          String in = p.path("in").asString("");
          // from/to and the like where the operation takes them; other optional ones left out
          // a resource's indicator against its baseline period, not the EnPI's baseline version
          boolean enpiBaseline = name.equals("baseline") && op.id().equals("getResourceIndicator");
          if (in.equals("query")
              && query.containsKey(name)
              && !enpiBaseline
              && (p.path("required").asBoolean(false)
                  || name.equals("from")
                  || name.equals("to")
                  || op.id().equals("getResourceIndicator"))) {
            boolean instant = p.path("schema").path("format").asString("").equals("date-time");
            args.add(
                name
                    + "="
                    + URLEncoder.encode(
                        query.get(name) + (instant ? "T00:00:00Z" : ""), StandardCharsets.UTF_8));
          }
        }
        String url = uri + (args.isEmpty() ? "" : "?" + String.join("&", args));
        HttpResponse<String> r = get(admin, base + url);
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() != 200 || !type.startsWith("application/json")) {
          skipped.add(
              op.id()
                  + " ("
                  + r.statusCode()
                  + " "
                  + type
                  + (r.statusCode() == 200 ? "" : ": " + url + " " + r.body())
                  + ")");
          continue;
        }
        operations.add(op.id());
        try {
          documented.check(HttpMethod.GET, url, 200, type, Buffer.buffer(r.body()));
        } catch (AssertionError e) {
          problems.add(e.getMessage().lines().findFirst().orElse(""));
        }
      }
    } finally {
      vertx.close().await();
    }
    return new Checked(operations, problems, skipped);
  }

  static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
