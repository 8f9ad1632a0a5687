package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A request the document refuses is answered naming the parameter or body field, from what
 * vertx-openapi 5.0.7's validator says.
 */
class RequestValidationTest {
  static Vertx vertx;
  static OpenAPIContract contract;
  static RequestValidator validator;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).await().contract();
    validator = RequestValidator.create(vertx, contract);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static String[] refusal(
      String operationId, Map<String, RequestParameter> query, JsonObject body) {
    Map<String, RequestParameter> path =
        Map.of(
            "enterprise", new RequestParameterImpl("acme"),
            "meter", new RequestParameterImpl("m1"),
            "channel", new RequestParameterImpl("P"),
            "username", new RequestParameterImpl("a"),
            "item", new RequestParameterImpl("n1"),
            "enpi", new RequestParameterImpl("x1"),
            "adjustment", new RequestParameterImpl(3));
    ValidatableRequestImpl request =
        body == null
            ? new ValidatableRequestImpl(Map.of(), Map.of(), path, query)
            : new ValidatableRequestImpl(
                Map.of(),
                Map.of(),
                path,
                query,
                new RequestParameterImpl(Buffer.buffer(body.encode())),
                "application/json");
    try {
      validator.validate(request, operationId).await();
      return null;
    } catch (ValidatorException e) {
      return RequestValidation.refusal(contract.operation(operationId), e);
    }
  }

  /** A calibration record's body (recordCalibration) of that day and result. */
  private static JsonObject calibration(String calibratedOn, String result) {
    return new JsonObject()
        .put("calibrated_on", calibratedOn)
        .put("certificate", "C")
        .put("lab", "L")
        .put("result", result);
  }

  @Test
  void aBadValueOfAKnownFieldIsRefusedWithTheRuleItBreaksAndAnUnknownFieldAsUnknown() {
    JsonObject calibration = calibration("2025-02-03", "meh");
    String[] bad = refusal("recordCalibration", Map.of(), calibration);
    // it said 'Property "result" does not match additional properties schema' of a known field
    assertThat(bad[0]).isEqualTo("result");
    assertThat(bad[1]).contains("passed").doesNotContain("additional properties");

    JsonObject targets =
        new JsonObject()
            .put("effective_from", "2027-01-01")
            .put("reason", "r")
            .put("targets", new JsonObject().put("aware", 5));
    bad = refusal("setProgrammeTargets", Map.of(), targets);
    assertThat(bad[0]).isEqualTo("targets.aware");
    assertThat(bad[1]).contains("1").doesNotContain("does not match schema");

    calibration.put("result", "passed").put("colour", "blue");
    bad = refusal("recordCalibration", Map.of(), calibration);
    assertThat(bad[0]).isEqualTo("colour");
    assertThat(bad[1]).startsWith("is not a field here");
  }

  @Test
  void aFieldOfAnotherOperationIsRefusedNotDropped() {
    // approving an adjustment takes "comment", rejecting one "comments": the other one's field
    // was taken and dropped, and the auditor's comment was lost without a word
    String[] bad =
        refusal("approveAdjustment", Map.of(), new JsonObject().put("comments", "seen the line"));
    assertThat(bad).as("approveAdjustment with comments").isNotNull();
    assertThat(bad[0]).isEqualTo("comments");
    assertThat(bad[1]).isEqualTo("is not a field here (this body takes comment)");
  }

  @Test
  void everyJsonObjectOfEveryBodyOfTheDocumentRefusesAFieldItDoesNotName() throws Exception {
    // a channel sent with "type" for "kind" was stored as a gauge, and then could not be changed
    JsonNode doc =
        YAMLMapper.builder()
            .build()
            .readTree(RequestValidationTest.class.getResourceAsStream("/api/openapi.yaml"));
    List<String> lenient = new ArrayList<>();
    int objects = 0;
    for (JsonNode path : doc.get("paths")) {
      for (JsonNode op : path) {
        JsonNode schema = op.at("/requestBody/content/application~1json/schema");
        if (!schema.isMissingNode()) {
          objects += closed(doc, schema, op.path("operationId").asString("?"), lenient);
        }
      }
    }
    assertThat(objects).as("JSON objects in the document's bodies").isGreaterThan(70);
    assertThat(lenient).as("objects of bodies that take unknown fields silently").isEmpty();
  }

  /**
   * How many objects with properties {@code schema} holds (itself, its properties', its items'),
   * each not closed to unknown fields added to {@code lenient} as {@code where}.
   */
  private static int closed(JsonNode doc, JsonNode schema, String where, List<String> lenient) {
    if (schema.has("$ref")) {
      return closed(doc, doc.at(schema.get("$ref").asString().substring(1)), where, lenient);
    }
    int n = 0;
    if (schema.has("properties")) {
      n++;
      if (!schema.path("additionalProperties").isBoolean()
          || schema.get("additionalProperties").asBoolean()) {
        lenient.add(where);
      }
      for (var p : schema.get("properties").properties()) {
        n += closed(doc, p.getValue(), where + "." + p.getKey(), lenient);
      }
    }
    if (schema.has("items")) {
      n += closed(doc, schema.get("items"), where + "[]", lenient);
    }
    return n;
  }

  @Test
  void aMisspelledFieldOfAListItemIsNamedWithItsPlace() {
    JsonObject meter =
        new JsonObject()
            .put("site", "plant-1")
            .put(
                "channels",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "E")
                            .put("unit", "KWH")
                            .put("type", "counter")));
    String[] bad = refusal("putMeter", Map.of(), meter);
    assertThat(bad).as("putMeter with channels[0].type").isNotNull();
    assertThat(bad[0]).isEqualTo("channels[0].type");
    assertThat(bad[1])
        .startsWith("is not a field here (this object takes name, unit, kind")
        .doesNotContain("type,");
  }

  @Test
  void aBodyFieldIsNamedByItsPath() {
    JsonObject calibration = calibration("2025-02-30", "passed");
    assertThat(refusal("recordCalibration", Map.of(), calibration)[0]).isEqualTo("calibrated_on");
    calibration.put("calibrated_on", "2025-02-03").remove("lab");
    assertThat(refusal("recordCalibration", Map.of(), calibration))
        .as("a missing field, in the words the pages translate")
        .containsExactly("lab", "is required");
    JsonObject user =
        new JsonObject()
            .put("role", "auditor")
            .put(
                "assignments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("enterprise", "acme")
                            .put("expires_at", "2027-01-01T00:00:00Z"))
                    .add(new JsonObject().put("enterprise", "acme").put("expires_at", "soon")));
    assertThat(refusal("putUser", Map.of(), user)[0]).isEqualTo("assignments[1].expires_at");
  }

  @Test
  void aBodyFieldsRuleIsSaidAsWhatToWriteNotTheValidatorsWords() {
    // a province officer's CP item read "does not match the API document: String is too long
    // (7999 > 300)"; a target of 150 % "1.5 is greater than 1"
    JsonObject item = new JsonObject().put("kind", "news").put("title_vi", "x".repeat(301));
    assertThat(refusal("putCpPublicItem", Map.of(), item))
        .containsExactly("title_vi", "must be at most 300 characters, got 301");
    item.put("title_vi", "Hội thảo").put("plan_year", 1999);
    assertThat(refusal("putCpPublicItem", Map.of(), item))
        .containsExactly("plan_year", "must be at least 2000, got 1999");
    item.put("plan_year", "next year");
    assertThat(refusal("putCpPublicItem", Map.of(), item))
        .containsExactly("plan_year", "must be an integer, got text");
    JsonObject calibration = calibration("2025-02-03", "meh");
    assertThat(refusal("recordCalibration", Map.of(), calibration))
        .containsExactly("result", "must be one of passed, adjusted, failed");
    JsonObject targets =
        new JsonObject()
            .put("effective_from", "2027-01-01")
            .put("reason", "r")
            .put("targets", new JsonObject().put("aware", 1.5));
    assertThat(refusal("setProgrammeTargets", Map.of(), targets))
        .containsExactly("targets.aware", "must be at most 1, got 1.5");
    // a day the document's format refuses: what to write ("String does not match format")
    JsonObject calibration2 = calibration("30/06/2027", "passed");
    assertThat(refusal("recordCalibration", Map.of(), calibration2))
        .containsExactly("calibrated_on", "must be a date YYYY-MM-DD");
  }

  @Test
  void aParameterIsNamed() {
    String[] r = refusal("listReadings", Map.of("limit", new RequestParameterImpl("0")), null);
    assertThat(r[0])
        .as(String.join(" ", r == null ? new String[] {"valid"} : r))
        .isEqualTo("limit");
    // a required query parameter left out: the 5.0.7 message ends with its name
    assertThat(refusal("getProgrammeReport", Map.of(), null))
        .containsExactly("period", "is required");
    // a choice not offered says the choices, not the validator's "Instance does not match any of"
    assertThat(
            refusal(
                "getProgrammeReport",
                Map.of(
                    "period", new RequestParameterImpl("2026"),
                    "format", new RequestParameterImpl("docx")),
                null))
        .containsExactly("format", "must be one of pdf, xlsx");
  }
}
