package org.energytrace.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIContractException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.energytrace.ingest.auth.ApiOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API document is valid OpenAPI 3.1 as Vert.x's own parser reads it (vertx-openapi 5.0.7, the
 * parser of its OpenAPI router), so that routing from it with {@code RouterBuilder} stays one step
 * away (docs/architecture.md, "Inside ingest"). Two things that parser cannot take yet are adapted
 * here, as a router would have to: a relative server URL ({@code /}) and the media types it does
 * not support (text/event-stream, text/csv, application/yaml, XLSX).
 */
class OpenApiContractTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  static JsonObject document() throws IOException {
    try (InputStream in =
        OpenApiContractTest.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      assertThat(in).isNotNull();
      @SuppressWarnings("unchecked")
      Map<String, Object> tree =
          DatabindCodec.mapper().convertValue(new YAMLMapper().readTree(in), Map.class);
      return new JsonObject(tree);
    }
  }

  /** Replaces each media type the parser does not support by an opaque octet stream. */
  static void adaptMediaTypes(Object node, Set<String> replaced) {
    if (node instanceof JsonObject o) {
      if (o.getValue("content") instanceof JsonObject content) {
        for (String type : new ArrayList<>(content.fieldNames())) {
          if (!MediaType.isMediaTypeSupported(type)) {
            replaced.add(type);
            content.remove(type);
          }
        }
        if (content.isEmpty()) {
          content.put(
              MediaType.APPLICATION_OCTET_STREAM,
              new JsonObject().put("schema", new JsonObject().put("type", "string")));
        }
      }
      o.forEach(e -> adaptMediaTypes(e.getValue(), replaced));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> adaptMediaTypes(v, replaced));
    }
  }

  @Test
  void everyOperationOfTheDocumentBecomesARouteOfVertxOpenApiRouter() throws IOException {
    JsonObject doc = document();
    // vertx-openapi 5.0 reads servers[].url as an absolute URL only
    doc.put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost/")));
    Set<String> replaced = new TreeSet<>();
    adaptMediaTypes(doc, replaced);

    OpenAPIContract contract;
    try {
      contract = OpenAPIContract.from(vertx, doc).await();
    } catch (OpenAPIContractException e) {
      // the parser's own words, innermost last (e.g. a flow mapping split by a comma into a key)
      StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        why.append("\n  ").append(c.getMessage());
      }
      throw new AssertionError("api/openapi.yaml is not valid OpenAPI: " + why, e);
    }
    RouterBuilder builder = RouterBuilder.create(vertx, contract);

    for (ApiOperations.Operation op : ApiOperations.load().all()) {
      assertThat(builder.getRoute(op.operationId())).as(op.operationId()).isNotNull();
    }
    // what the router could not serve as documented today (the reason routing stays ApiRouter's)
    assertThat(replaced).contains("text/event-stream");
  }
}
