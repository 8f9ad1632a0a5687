package org.energytrace.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.HashSet;
import java.util.Set;

/**
 * The contract the service routes by ({@link ApiContract}), with every object schema that lists its
 * properties closed ({@code additionalProperties: false} where it says nothing else): for checking
 * answers, so that a field the service sends and openapi.yaml does not name fails the test that got
 * it. The published document stays open to additions. A schema one of an {@code allOf} extends
 * stays open (the others' properties would be additional to it).
 */
public final class ClosedContract {
  private ClosedContract() {}

  public static OpenAPIContract load(Vertx vertx) {
    JsonObject copy = close(ApiContract.adapt(ApiContract.document()));
    return OpenAPIContract.from(vertx, copy).await();
  }

  /** {@code doc} with its object schemas closed (changed in place and returned). */
  static JsonObject close(JsonObject doc) {
    Set<String> extended = new HashSet<>();
    extendedByAllOf(doc, extended);
    JsonObject schemas =
        doc.getJsonObject("components", new JsonObject())
            .getJsonObject("schemas", new JsonObject());
    for (String name : schemas.fieldNames()) {
      close(schemas.getValue(name), !extended.contains("#/components/schemas/" + name));
    }
    close(doc.getValue("paths"), true);
    close(doc.getJsonObject("components", new JsonObject()).getValue("responses"), true);
    return doc;
  }

  /** The {@code $ref}s an {@code allOf} names directly. */
  private static void extendedByAllOf(Object node, Set<String> out) {
    if (node instanceof JsonObject o) {
      if (o.getValue("allOf") instanceof JsonArray all) {
        for (Object member : all) {
          if (member instanceof JsonObject m && m.getString("$ref") != null) {
            out.add(m.getString("$ref"));
          }
        }
      }
      o.forEach(e -> extendedByAllOf(e.getValue(), out));
    } else if (node instanceof JsonArray a) {
      a.forEach(x -> extendedByAllOf(x, out));
    }
  }

  private static void close(Object node, boolean closeThis) {
    if (node instanceof JsonObject o) {
      if (closeThis
          && o.getValue("properties") instanceof JsonObject
          && !o.containsKey("additionalProperties")
          && !o.containsKey("allOf")) {
        o.put("additionalProperties", false);
      }
      for (String key : o.fieldNames()) {
        Object value = o.getValue(key);
        if (key.equals("allOf") && value instanceof JsonArray members) {
          // the members of an allOf stay open; what they hold is closed
          members.forEach(m -> close(m, false));
        } else if (key.equals("properties") && value instanceof JsonObject props) {
          props.forEach(p -> close(p.getValue(), true));
        } else {
          close(value, true);
        }
      }
    } else if (node instanceof JsonArray a) {
      a.forEach(x -> close(x, true));
    }
  }
}
