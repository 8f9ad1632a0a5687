package org.energytrace.ingest.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import java.util.stream.Collectors;

/**
 * What a request parameter's schema in openapi.yaml asks for, in the words a refusal adds after the
 * rule broken ({@link RequestValidation}).
 */
final class ExpectedWords {
  private ExpectedWords() {}

  /**
   * What the parameter's schema asks for, in words ("; expected one of pdf, xlsx", "; expected an
   * integer from 2000 to 2100", "; expected text matching ^[0-9]{4}(-H[12])?$"); empty when it
   * states nothing to add. The validator's own message names the rule broken, not what is wanted.
   */
  static String of(JsonSchema schema) {
    if (schema == null) {
      return "";
    }
    Object values = schema.get("enum");
    if (values instanceof JsonArray a && !a.isEmpty()) {
      return "; expected one of "
          + a.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    Object type = schema.get("type");
    Object format = schema.get("format");
    if ("date".equals(format)) {
      return "; expected a date YYYY-MM-DD";
    }
    if ("date-time".equals(format)) {
      return "; expected an instant such as 2026-01-31T17:00:00Z";
    }
    if ("integer".equals(type) || "number".equals(type)) {
      Object min = schema.get("minimum");
      Object max = schema.get("maximum");
      String what = "integer".equals(type) ? "an integer" : "a number";
      if (min != null && max != null) {
        return "; expected " + what + " from " + min + " to " + max;
      }
      return "; expected "
          + what
          + (min != null ? " of at least " + min : "")
          + (max != null ? " of at most " + max : "");
    }
    Object pattern = schema.get("pattern");
    if (pattern != null) {
      return "; expected text matching " + pattern;
    }
    // a list parameter (channel=m1/E,m2/E): what each item must be ("channel: is malformed" said
    // nothing of the meter/channel form)
    if ("array".equals(type) && schema.get("items") instanceof JsonObject items) {
      String each = of(JsonSchema.of(items));
      return each.isEmpty() ? "" : "; expected each " + each.substring("; expected ".length());
    }
    return "";
  }
}
