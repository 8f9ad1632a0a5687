package org.energytrace.ingest.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code api/openapi.yaml} as Vert.x's OpenAPI parser (vertx-openapi 5.0.7) reads it: an in-memory
 * copy of the published document without what that version cannot take or what is decided elsewhere
 * (docs/architecture.md, "Routing with Vert.x's OpenAPI router"):
 *
 * <ul>
 *   <li>{@code servers}: its relative URL {@code /} is refused; without it the routes are the
 *       document's paths;
 *   <li>{@code security}, global and per operation: access is {@link AccessPolicy}'s, and the
 *       router's authentication handler would resume the request and lose its body;
 *   <li>response media types 5.0.7 does not know (PDF, CSV, XLSX, event streams, YAML) become one
 *       {@code application/octet-stream} (answers are not validated);
 *   <li>the request body of an upload (CSV, XLSX) is left out; {@value #BODY} keeps what each
 *       operation's body is ({@link Body}) for {@link RequestBodies}.
 * </ul>
 */
public final class ApiContract {
  /** The extension of each operation of the copy that names the kind of its request body. */
  static final String BODY = "x-energytrace-body";

  private static final String[] METHODS = {
    "get", "put", "post", "delete", "patch", "head", "options", "trace"
  };

  /**
   * What the body of an operation's request is, from its {@code requestBody} in the document: none
   * (nothing is read), a JSON document, or a file (CSV, XLSX) spooled to a temporary file.
   */
  public enum Body {
    NONE,
    JSON,
    FILE
  }

  private final OpenAPIContract contract;

  private ApiContract(OpenAPIContract contract) {
    this.contract = contract;
  }

  /** Reads {@code api/openapi.yaml} from the class path and parses the adapted copy. */
  public static Future<ApiContract> load(Vertx vertx) {
    return vertx
        .executeBlocking(() -> adapt(document()), false)
        .compose(copy -> OpenAPIContract.from(vertx, copy))
        .map(ApiContract::new);
  }

  /** The published document as JSON. */
  static JsonObject document() {
    try (InputStream in =
        ApiContract.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("api/openapi.yaml is not on the class path");
      }
      Object tree = YAMLMapper.builder().build().readTree(in);
      return new JsonObject(new ObjectMapper().writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The copy of {@code doc} the parser is given (changed in place and returned). */
  static JsonObject adapt(JsonObject doc) {
    doc.remove("servers");
    doc.remove("security");
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        JsonObject op = item.getJsonObject(method);
        if (op == null) {
          continue;
        }
        if (op.getString("operationId", "").isEmpty()) {
          throw new IllegalStateException(
              method.toUpperCase(Locale.ROOT) + " " + path + " has no operationId");
        }
        op.remove("security");
        Body body = body(op.getJsonObject("requestBody"));
        op.put(BODY, body.name());
        if (body == Body.FILE) {
          op.remove("requestBody");
        }
        responseTypes(op.getJsonObject("responses"));
      }
    }
    responseTypes(doc.getJsonObject("components", new JsonObject()).getJsonObject("responses"));
    return doc;
  }

  private static Body body(JsonObject requestBody) {
    JsonObject content = requestBody == null ? null : requestBody.getJsonObject("content");
    if (content == null || content.isEmpty()) {
      return Body.NONE;
    }
    return content.fieldNames().stream().allMatch(t -> t.equals("application/json"))
        ? Body.JSON
        : Body.FILE;
  }

  /** Replaces the media types of answers 5.0.7 does not support by an opaque octet stream. */
  private static void responseTypes(JsonObject responses) {
    if (responses == null) {
      return;
    }
    for (String status : responses.fieldNames()) {
      JsonObject content = responses.getJsonObject(status).getJsonObject("content");
      if (content == null) {
        continue;
      }
      for (String type : new ArrayList<>(content.fieldNames())) {
        if (!MediaType.isMediaTypeSupported(type)) {
          content.remove(type);
        }
      }
      if (content.isEmpty()) {
        content.put(
            MediaType.APPLICATION_OCTET_STREAM,
            new JsonObject().put("schema", new JsonObject().put("type", "string")));
      }
    }
  }

  public OpenAPIContract contract() {
    return contract;
  }

  /** The kind of {@code operation}'s request body. */
  public static Body body(Operation operation) {
    return Body.valueOf(operation.getOpenAPIModel().getString(BODY, Body.NONE.name()));
  }

  /** The operationIds of the published document, in its order. */
  static List<String> operationIds() {
    List<String> ids = new ArrayList<>();
    JsonObject paths = document().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : METHODS) {
        JsonObject op = paths.getJsonObject(path).getJsonObject(method);
        if (op != null) {
          ids.add(op.getString("operationId"));
        }
      }
    }
    return ids;
  }
}
