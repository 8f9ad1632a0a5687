package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIContractException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API document is valid OpenAPI 3.1 as Vert.x's own parser reads it (vertx-openapi 5.0.7, the
 * parser of the OpenAPI router that routes the API), once {@link ApiContract} has adapted the copy
 * it is given: no relative server URL, no security requirements, no media types the parser does not
 * support (text/event-stream, text/csv, application/yaml, XLSX, PDF), no upload request bodies.
 */
class OpenApiContractTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void everyOperationOfTheDocumentBecomesARouteOfVertxOpenApiRouter() {
    OpenAPIContract contract;
    try {
      contract = ApiContract.load(vertx).await().contract();
    } catch (OpenAPIContractException e) {
      // the parser's own words, innermost last (e.g. a flow mapping split by a comma into a key)
      StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        why.append("\n  ").append(c.getMessage());
      }
      throw new AssertionError("api/openapi.yaml is not valid OpenAPI: " + why, e);
    }
    RouterBuilder builder = RouterBuilder.create(vertx, contract);

    assertThat(ApiContract.operationIds())
        .isNotEmpty()
        .allSatisfy(id -> assertThat(builder.getRoute(id)).as(id).isNotNull());
  }

  @Test
  void theCopyLeavesOutWhatTheParserRefusesOrTheGateDecides() {
    JsonObject copy = ApiContract.adapt(ApiContract.document());

    assertThat(copy.containsKey("servers")).isFalse();
    assertThat(copy.containsKey("security")).isFalse();
    JsonObject login =
        copy.getJsonObject("paths").getJsonObject("/api/v1/auth/login").getJsonObject("post");
    assertThat(login.containsKey("security")).isFalse();
    assertThat(login.getString(ApiContract.BODY)).isEqualTo("JSON");
    JsonObject upload = operation(copy, "commitProductionUpload");
    assertThat(upload.getString(ApiContract.BODY)).isEqualTo("FILE");
    assertThat(upload.containsKey("requestBody")).isFalse();
    assertThat(operation(copy, "live").getJsonObject("responses").encode())
        .doesNotContain("text/event-stream")
        .contains("application/octet-stream");
    assertThat(operation(copy, "listMeters").getString(ApiContract.BODY)).isEqualTo("NONE");
  }

  /**
   * OpenAPI 3.1 schemas are JSON Schema 2020-12, where {@code nullable: true} (OpenAPI 3.0) means
   * nothing: the overview's power_kw, documented so, was null in answers the schema refused. A
   * value that may be null says {@code type: [number, 'null']}.
   */
  @Test
  void noSchemaUsesTheOpenApi30NullableThatJsonSchemaIgnores() {
    List<String> found = new java.util.ArrayList<>();
    walk(ApiContract.document(), "#", found);
    assertThat(found).as("schemas with nullable (use type: [X, 'null'])").isEmpty();
  }

  private static void walk(Object node, String at, List<String> found) {
    if (node instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        if (k.equals("nullable")) {
          found.add(at);
        }
        walk(o.getValue(k), at + "/" + k, found);
      }
    } else if (node instanceof io.vertx.core.json.JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        walk(a.getValue(i), at + "/" + i, found);
      }
    }
  }

  private static JsonObject operation(JsonObject doc, String operationId) {
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (paths.getJsonObject(path).getValue(method) instanceof JsonObject op
            && operationId.equals(op.getString("operationId"))) {
          return op;
        }
      }
    }
    throw new AssertionError(operationId + " not in the document");
  }
}
