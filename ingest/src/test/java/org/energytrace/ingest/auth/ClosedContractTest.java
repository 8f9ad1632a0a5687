package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The answers' check closes what the document lists: an object schema that names its properties
 * takes no other, at any depth, unless it says so; a schema an {@code allOf} extends stays open.
 */
class ClosedContractTest {
  static JsonObject schema(JsonObject doc, String pointer) {
    Object node = doc;
    for (String part : pointer.substring(1).split("/")) {
      node = ((JsonObject) node).getValue(part.replace("~1", "/"));
    }
    return (JsonObject) node;
  }

  @Test
  void everyListedObjectIsClosedButWhatAnAllOfExtendsAndWhatSaysOtherwise() {
    JsonObject doc =
        new JsonObject(
            """
            {"paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json":
              {"schema": {"type": "object", "properties": {
                 "inner": {"type": "object", "properties": {"x": {"type": "number"}}},
                 "map": {"type": "object", "additionalProperties": {"type": "number"}},
                 "list": {"type": "array", "items": {"properties": {"y": {}}}},
                 "both": {"allOf": [{"$ref": "#/components/schemas/Base"},
                                    {"type": "object", "properties": {"z": {}}}]}}}}}}}}}},
             "components": {"schemas": {
               "Base": {"type": "object", "properties": {"b": {}}},
               "Other": {"type": "object", "properties": {"c": {}}}}}}
            """);

    ClosedContract.close(doc);

    String answer = "/paths/~1a/get/responses/200/content/application~1json/schema";
    assertThat(schema(doc, answer).getValue("additionalProperties")).isEqualTo(false);
    assertThat(schema(doc, answer + "/properties/inner").getValue("additionalProperties"))
        .isEqualTo(false);
    assertThat(schema(doc, answer + "/properties/map").getValue("additionalProperties"))
        .isEqualTo(new JsonObject().put("type", "number"));
    assertThat(schema(doc, answer + "/properties/list/items").getValue("additionalProperties"))
        .isEqualTo(false);
    assertThat(schema(doc, answer + "/properties/both").containsKey("additionalProperties"))
        .isFalse();
    assertThat(schema(doc, "/components/schemas/Base").containsKey("additionalProperties"))
        .isFalse();
    assertThat(schema(doc, "/components/schemas/Other").getValue("additionalProperties"))
        .isEqualTo(false);
  }
}
