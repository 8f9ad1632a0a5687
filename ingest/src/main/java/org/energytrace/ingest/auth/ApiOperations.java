package org.energytrace.ingest.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The operations of the OpenAPI document ({@code api/openapi.yaml}): method, path template and
 * operationId, and the matching of a request to one of them with its path parameters.
 */
public final class ApiOperations {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  /**
   * What the body of an operation's request is, from its {@code requestBody} in the document: none
   * (nothing is read), a JSON document, or a file (CSV, XLSX) spooled to a temporary file.
   */
  public enum Body {
    NONE,
    JSON,
    FILE
  }

  /** One operation: {@code GET /api/v1/enterprises/{enterprise}/meters}. */
  public record Operation(
      String method, String template, String operationId, List<String> params, Body body) {
    public Operation(String method, String template, String operationId, List<String> params) {
      this(method, template, operationId, params, Body.NONE);
    }

    Pattern pattern() {
      String regex =
          Pattern.quote(template)
              .replaceAll("\\{[^}]+}", "\\\\E([^/]+)\\\\Q")
              .replace("\\Q\\E", "");
      return Pattern.compile("^" + regex + "$");
    }

    long literalSegments() {
      return template.chars().filter(ch -> ch == '/').count() * 100
          - template.chars().filter(ch -> ch == '{').count();
    }
  }

  /** A request matched to an operation, with its path parameters by name. */
  public record Match(Operation operation, Map<String, String> pathParams) {}

  private final List<Operation> operations;
  private final List<Pattern> patterns;

  private ApiOperations(List<Operation> operations) {
    this.operations =
        operations.stream()
            .sorted(Comparator.comparingLong(Operation::literalSegments).reversed())
            .toList();
    this.patterns = this.operations.stream().map(Operation::pattern).toList();
  }

  /** Reads {@code api/openapi.yaml} from the class path. */
  public static ApiOperations load() {
    try (InputStream in =
        ApiOperations.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("api/openapi.yaml is not on the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ApiOperations parse(String yaml) {
    JsonNode root = YAMLMapper.builder().build().readTree(yaml);
    List<Operation> ops = new ArrayList<>();
    root.path("paths")
        .properties()
        .forEach(
            path -> {
              for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                  List<String> params = new ArrayList<>();
                  Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                  while (m.find()) {
                    params.add(m.group(1));
                  }
                  String id = op.path("operationId").asString("");
                  if (id.isEmpty()) {
                    throw new IllegalStateException(
                        method.toUpperCase(Locale.ROOT)
                            + " "
                            + path.getKey()
                            + " has no operationId");
                  }
                  ops.add(
                      new Operation(
                          method.toUpperCase(Locale.ROOT),
                          path.getKey(),
                          id,
                          params,
                          body(op.path("requestBody").path("content"))));
                }
              }
            });
    return new ApiOperations(ops);
  }

  private static Body body(JsonNode content) {
    if (content.isMissingNode() || content.isEmpty()) {
      return Body.NONE;
    }
    for (var type : content.properties()) {
      if (!type.getKey().equals("application/json")) {
        return Body.FILE;
      }
    }
    return Body.JSON;
  }

  public List<Operation> all() {
    return operations;
  }

  /** The operation of {@code operationId}, if the document has one. */
  public Optional<Operation> byId(String operationId) {
    return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst();
  }

  /** The operation a request addresses, if the document has one. */
  public Optional<Match> match(String method, String path) {
    for (int i = 0; i < operations.size(); i++) {
      Operation op = operations.get(i);
      if (!op.method().equals(method)) {
        continue;
      }
      Matcher m = patterns.get(i).matcher(path);
      if (m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int g = 0; g < op.params().size(); g++) {
          params.put(op.params().get(g), m.group(g + 1));
        }
        return Optional.of(new Match(op, params));
      }
    }
    return Optional.empty();
  }
}
