package org.energytrace.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.energytrace.ingest.web.HttpErrors;

/**
 * Validates a request against its operation in the OpenAPI document (parameters and JSON body), as
 * the last handler of the gate: after the access check and the reading of the body (issue 11). A
 * refusal is a 400 in the API's problem format naming the parameter or body field ({@code limit},
 * {@code quantities[1].product}): vertx-openapi 5.0.7's {@link ValidatorException} keeps only a
 * message, so its wording is matched against the operation's parameter names, and a body field is
 * the instance location of {@link SchemaValidationException#getOutputUnit()}.
 */
final class RequestValidation {
  private static final Pattern PROPERTY =
      Pattern.compile(
          "required property \"([^\"]+)\"|^Property \"([^\"]+)\" does not match additional");

  /** A whole number as the handlers parse one. */
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

  private final RequestValidator validator;

  RequestValidation(Vertx vertx, ApiContract contract) {
    this.validator = RequestValidator.create(vertx, new ValidatorCache(contract.contract()));
  }

  /** Route handler after {@link RequestBodies} and the check of a body's enterprise. */
  void handle(RoutingContext ctx) {
    Optional<Operation> op = SecurityHandler.operation(ctx);
    if (op.isEmpty()) {
      ctx.next();
      return;
    }
    Optional<String[]> early = beforeTheSchema(ctx, op.get());
    if (early.isPresent()) {
      HttpErrors.badRequest(ctx, early.get()[0], early.get()[1]);
      return;
    }
    ValidatableRequestImpl request;
    try {
      request = request(ctx, op.get());
    } catch (RuntimeException e) {
      HttpErrors.badRequest(ctx, "query", "malformed");
      return;
    }
    validator
        .validate(request, op.get().getOperationId())
        .onSuccess(v -> ctx.next())
        .onFailure(
            e -> {
              if (e instanceof ValidatorException v) {
                String[] refusal = refusal(op.get(), v);
                HttpErrors.badRequest(ctx, refusal[0], refusal[1]);
              } else {
                HttpErrors.failed(ctx, e);
              }
            });
  }

  /**
   * {parameter, message} of what the schema would let through: a query parameter the operation does
   * not take, a query parameter given twice (answered with the first before:
   * grid_year=2023&grid_year=2022), an integer not in whole digits (JSON Schema takes 2.0 for an
   * integer, and a handler reading digits answered 500).
   */
  private static Optional<String[]> beforeTheSchema(RoutingContext ctx, Operation op) {
    // a misspelled or unknown parameter was ignored: audit?from= for since listed everything,
    // dossier?format=doc made a ZIP
    Set<String> declared = new TreeSet<>();
    for (Parameter p : op.getParameters()) {
      if (p.getIn() == Location.QUERY) {
        declared.add(p.getName());
      }
    }
    for (String name : new TreeSet<>(ctx.queryParams().names())) {
      if (!declared.contains(name)) {
        return Optional.of(
            new String[] {
              name,
              "is not a parameter of this request"
                  + (declared.isEmpty()
                      ? ", which takes none"
                      : ": it takes " + String.join(", ", declared))
            });
      }
    }
    for (Parameter p : op.getParameters()) {
      String raw =
          switch (p.getIn()) {
            case QUERY -> ctx.queryParams().get(p.getName());
            case PATH -> ctx.pathParam(p.getName());
            default -> null;
          };
      int given = p.getIn() == Location.QUERY ? ctx.queryParams().getAll(p.getName()).size() : 0;
      if (given > 1 && p.getSchemaType() != SchemaType.ARRAY) {
        return Optional.of(
            new String[] {p.getName(), "is given " + given + " times: give it once"});
      }
      if (raw != null
          && "integer".equals(p.getSchema().get("type"))
          && !WHOLE.matcher(raw).matches()) {
        return Optional.of(
            new String[] {
              p.getName(),
              "must be a whole number"
                  + ExpectedWords.of(p.getSchema())
                  + ", got '"
                  + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)
                  + "'"
            });
      }
    }
    return Optional.empty();
  }

  /**
   * The parameters as the router decoded them (once: 5.0.7's {@code RequestUtils} decodes query
   * values a second time and a path's {@code +} as a space), and the JSON body already read.
   */
  private static ValidatableRequestImpl request(RoutingContext ctx, Operation op) {
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter p : op.getParameters()) {
      switch (p.getIn()) {
        case PATH -> path.put(p.getName(), new RequestParameterImpl(ctx.pathParam(p.getName())));
        case QUERY -> query.put(p.getName(), queryValue(ctx, p));
        default -> {}
      }
    }
    if (op.getRequestBody() == null) {
      return new ValidatableRequestImpl(Map.of(), Map.of(), path, query);
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    return new ValidatableRequestImpl(
        Map.of(),
        Map.of(),
        path,
        query,
        new RequestParameterImpl(body == null || body.length() == 0 ? null : withoutNulls(body)),
        "application/json");
  }

  /**
   * The body as the handlers read it: a member whose value is {@code null} is an absent one (the
   * API's convention, {@code web.Params}), so the schema sees it left out rather than of the wrong
   * type. {@link RequestBodies#check} has made sure it is a JSON object.
   */
  private static Buffer withoutNulls(Buffer body) {
    Object value = Json.decodeValue(body);
    return value instanceof JsonObject o ? stripNulls(o).toBuffer() : body;
  }

  private static JsonObject stripNulls(JsonObject o) {
    JsonObject out = new JsonObject();
    o.forEach(
        e -> {
          if (e.getValue() != null) {
            out.put(e.getKey(), stripNulls(e.getValue()));
          }
        });
    return out;
  }

  private static Object stripNulls(Object v) {
    if (v instanceof JsonObject o) {
      return stripNulls(o);
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(stripNulls(x)));
      return out;
    }
    return v;
  }

  private static RequestParameter queryValue(RoutingContext ctx, Parameter p) {
    List<String> values = ctx.queryParams().getAll(p.getName());
    if (values.isEmpty()) {
      return new RequestParameterImpl(null);
    }
    if (p.getSchemaType() == SchemaType.ARRAY && p.isExplode()) {
      // the form style's exploded array as the parser's transformer reads it: a=1&a=2
      return new RequestParameterImpl(
          values.stream().map(v -> p.getName() + "=" + v).collect(Collectors.joining("&")));
    }
    return new RequestParameterImpl(values.get(0));
  }

  /** {parameter, message} of a refusal. */
  static String[] refusal(Operation op, ValidatorException e) {
    String message = String.valueOf(e.getMessage());
    // "… query parameter limit is invalid …", "… required query parameter period"
    Optional<Parameter> param =
        op.getParameters().stream()
            .filter(
                p ->
                    Pattern.compile(" parameter " + Pattern.quote(p.getName()) + "(\\s|\\.|$)")
                        .matcher(message)
                        .find())
            .max(Comparator.comparingInt(p -> p.getName().length()));
    if (e instanceof SchemaValidationException s && param.isEmpty()) {
      OutputUnit unit = deepest(s.getOutputUnit());
      String field = field(unit);
      String problem = problem(unit);
      if (problem.startsWith(NOT_A_FIELD)) {
        // approving an adjustment takes "comment", rejecting one "comments": say which
        List<String> takes = fieldsBeside(op, field);
        if (!takes.isEmpty()) {
          problem =
              NOT_A_FIELD
                  + " ("
                  + (field.contains(".") ? "this object" : "this body")
                  + " takes "
                  + String.join(", ", takes)
                  + ")";
        }
      }
      return new String[] {field, problem};
    }
    if (param.isEmpty()) {
      return e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER
          ? new String[] {"body", "a JSON object is required"}
          : new String[] {"body", message};
    }
    if (e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      return new String[] {param.get().getName(), "is required"};
    }
    Object choices = param.get().getSchema() == null ? null : param.get().getSchema().get("enum");
    if (choices instanceof JsonArray a && !a.isEmpty()) {
      // "does not match the API document: Instance does not match any of [...]" was the
      // validator's wording for a report format that is not offered
      return new String[] {
        param.get().getName(),
        "must be one of " + a.stream().map(String::valueOf).collect(Collectors.joining(", "))
      };
    }
    if (e instanceof SchemaValidationException s) {
      String said = problem(deepest(s.getOutputUnit()));
      // the pattern is said once, by what the parameter expects
      return new String[] {
        param.get().getName(),
        (said.startsWith("must match ")
                    || said.startsWith("must be a date")
                    || said.startsWith("must be an instant")
                ? "is malformed"
                : said)
            + ExpectedWords.of(param.get().getSchema())
      };
    }
    return new String[] {param.get().getName(), "is malformed"};
  }

  /**
   * The error of the unit that lies deepest in the instance and, of those, in the schema (the last
   * of equals): of a field with a bad value, the rule it breaks ({@code enum}, {@code minimum}),
   * not the object's {@code properties} or {@code additionalProperties}, which vertx-json-schema
   * also reports for it ("Property "result" does not match additional properties schema" of a field
   * that is in the document, answered before).
   */
  private static OutputUnit deepest(OutputUnit unit) {
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      return unit;
    }
    Comparator<OutputUnit> depth =
        Comparator.<OutputUnit>comparingInt(u -> location(u).length())
            .thenComparingInt(u -> keyword(u).length());
    OutputUnit best = errors.get(errors.size() - 1);
    for (OutputUnit u : errors) {
      if (depth.compare(u, best) > 0) {
        best = u;
      }
    }
    return best;
  }

  private static String location(OutputUnit u) {
    return u.getInstanceLocation() == null ? "" : u.getInstanceLocation();
  }

  private static String keyword(OutputUnit u) {
    return u.getKeywordLocation() == null ? "" : u.getKeywordLocation();
  }

  private static final String NOT_A_FIELD = "is not a field here";

  /**
   * The fields the object holding {@code field} ({@code channels[0].type}) takes in the operation's
   * JSON body schema, in the document's order; empty where the schema does not say (a reference not
   * followed, no body).
   */
  static List<String> fieldsBeside(Operation op, String field) {
    if (op.getRequestBody() == null
        || op.getRequestBody().getContent().get("application/json") == null) {
      return List.of();
    }
    JsonSchema schema = op.getRequestBody().getContent().get("application/json").getSchema();
    JsonObject body = new JsonObject();
    for (String name : schema.fieldNames()) {
      body.put(name, schema.<Object>get(name));
    }
    Object at = body;
    String[] tokens = field.replaceAll("\\[\\d+\\]", ".[]").split("\\.");
    for (int i = 0; i < tokens.length - 1 && at instanceof JsonObject o; i++) {
      at =
          tokens[i].equals("[]")
              ? o.getValue("items")
              : o.getJsonObject("properties") == null
                  ? null
                  : o.getJsonObject("properties").getValue(tokens[i]);
    }
    if (at instanceof JsonObject o && o.getJsonObject("properties") != null) {
      return List.copyOf(o.getJsonObject("properties").fieldNames());
    }
    return List.of();
  }

  // the validator's words of a broken rule (vertx-json-schema 5.0.7), read by problem()
  private static final Pattern TOO_LONG = Pattern.compile("\\((\\d+) > (\\d+)\\)");
  private static final Pattern TOO_SHORT = Pattern.compile("\\((\\d+) < (\\d+)\\)");
  private static final Pattern PATTERN = Pattern.compile("does not match pattern (.+)$");
  private static final Pattern FORMAT = Pattern.compile("does not match format \"([a-z-]+)\"");
  private static final Pattern CHOICES = Pattern.compile("does not match any of \\[(.*)\\]$");
  private static final Pattern TYPE =
      Pattern.compile("Instance type (\\S+) is invalid\\. Expected (\\S+)");
  private static final Pattern ABOVE =
      Pattern.compile("^(\\S+) is greater than (or equal to )?(\\S+)$");
  private static final Pattern BELOW =
      Pattern.compile("^(\\S+) is less than (or equal to )?(\\S+)$");

  /**
   * What a refusal says of the unit's error, in the words the API's own checks use ("must be at
   * most 300 characters, got 7999", "must be one of passed, failed", "must match ^[a-z]+$"): the
   * validator's ("String is too long (7999 > 300)") named the rule of the document, not what to
   * write. An error of another rule is said as the validator says it.
   */
  static String problem(OutputUnit unit) {
    String k = keyword(unit);
    String error = String.valueOf(unit.getError());
    if (k.endsWith("/additionalProperties")) {
      return NOT_A_FIELD + " (the API document lists the fields of this body)";
    }
    if (k.endsWith("/required")) {
      // the validator said 'Instance does not have required property "product"', which the
      // Vietnamese pages could not put in their words
      return "is required";
    }
    Matcher m;
    if (k.endsWith("/maxLength") && (m = TOO_LONG.matcher(error)).find()) {
      return "must be at most " + m.group(2) + " characters, got " + m.group(1);
    }
    if (k.endsWith("/minLength") && (m = TOO_SHORT.matcher(error)).find()) {
      return m.group(2).equals("1")
          ? "must not be empty"
          : "must be at least " + m.group(2) + " characters, got " + m.group(1);
    }
    if (k.endsWith("/pattern")) {
      // the validator names the pattern or not ("String does not match pattern")
      m = PATTERN.matcher(error);
      return m.find() ? "must match " + m.group(1) : "is malformed";
    }
    if (k.endsWith("/format") && (m = FORMAT.matcher(error)).find()) {
      return switch (m.group(1)) {
        case "date" -> "must be a date YYYY-MM-DD";
        case "date-time" -> "must be an instant such as 2026-01-31T17:00:00Z";
        default -> "must be a " + m.group(1);
      };
    }
    if (k.endsWith("/enum") && (m = CHOICES.matcher(error)).find()) {
      return "must be one of " + m.group(1).replace("\"", "").replace(",", ", ");
    }
    if (k.endsWith("/type") && (m = TYPE.matcher(error)).find()) {
      return "must be " + article(m.group(2)) + ", got " + article(m.group(1));
    }
    // "1.5 is greater than 1" (maximum), "… or equal to …" (exclusiveMaximum); "less" for minimum
    boolean upper = k.endsWith("/maximum") || k.endsWith("/exclusiveMaximum");
    if ((upper || k.endsWith("/minimum") || k.endsWith("/exclusiveMinimum"))
        && (m = (upper ? ABOVE : BELOW).matcher(error)).find()) {
      String inclusive = upper ? "must be at most " : "must be at least ";
      String exclusive = upper ? "must be below " : "must be above ";
      return (m.group(2) == null ? inclusive : exclusive) + m.group(3) + ", got " + m.group(1);
    }
    return "does not match the API document: " + error;
  }

  /** A JSON type as a value of it is named: "an integer", "a string", "nothing" for null. */
  private static String article(String type) {
    return switch (type) {
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "string" -> "text";
      case "boolean" -> "true or false";
      case "object" -> "an object";
      case "array" -> "a list";
      case "null" -> "nothing";
      default -> type;
    };
  }

  /**
   * The body field an error is about: its instance location as {@code quantities[1].product}, with
   * the property a "required" or "additional properties" error names.
   */
  static String field(OutputUnit unit) {
    StringBuilder name = new StringBuilder();
    for (String token : location(unit).split("/")) {
      if (token.isEmpty() || token.equals("#")) {
        continue;
      }
      String t = token.replace("~1", "/").replace("~0", "~");
      if (t.chars().allMatch(Character::isDigit) && name.length() > 0) {
        name.append('[').append(t).append(']');
      } else {
        name.append(name.length() == 0 ? "" : ".").append(t);
      }
    }
    Matcher m = PROPERTY.matcher(unit.getError() == null ? "" : unit.getError());
    if (m.find()) {
      String property = m.group(1) != null ? m.group(1) : m.group(2);
      if (!name.toString().equals(property) && !name.toString().endsWith("." + property)) {
        name.append(name.length() == 0 ? "" : ".").append(property);
      }
    }
    return name.length() == 0 ? "body" : name.toString();
  }
}
