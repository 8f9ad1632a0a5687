package org.energytrace.ingest.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads {@link IngestConfig} from YAML in four steps, collecting every problem as {@code file:line:
 * section.key: problem} before one {@link ConfigException} reports them all:
 *
 * <ol>
 *   <li>parse (the tree and the line of every key);
 *   <li>resolve {@code ${ENV:NAME:default}} and {@code ${ENV:NAME}} (required) placeholders ({@link
 *       Placeholders}); secrets (passwords) must be placeholders: a literal secret in a file is
 *       refused;
 *   <li>validate against the published schema ({@link IngestConfigSchema},
 *       docs/schemas/config/ingest-config.schema.json): types, ranges, patterns, required and
 *       unknown keys; the schema's defaults fill what the file leaves out;
 *   <li>check what needs two keys, and bind each section with Jackson into its record, whose
 *       constructor refuses what is left ({@code section: problem}).
 * </ol>
 */
public final class ConfigLoader {
  /** A key given twice is an error, not the last one silently winning. */
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Reads on past a key given twice, to find where it was given first. */
  private static final YAMLMapper LENIENT = YAMLMapper.builder().build();

  /** Where a problem of the file as a whole is said to stand, as the gateway says it. */
  static final String DOCUMENT = "(document)";

  private static final JsonMapper BINDER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Placeholders placeholders;

  public ConfigLoader(Function<String, String> env) {
    this.placeholders = new Placeholders(env);
  }

  /** Reads the process environment. */
  public static ConfigLoader withSystemEnv() {
    return new ConfigLoader(System::getenv);
  }

  public IngestConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(file.toString(), 0, "", "cannot read: " + e)));
    }
    return parse(file.toString(), text);
  }

  /** Reads a classpath resource, e.g. {@code ingest-default.yaml}. */
  public IngestConfig loadResource(String name) {
    try (var in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new ConfigException(
            List.of(new ConfigProblem(name, 0, "", "no such classpath resource")));
      }
      return parse("classpath:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, 0, "", "cannot read: " + e)));
    }
  }

  public IngestConfig parse(String fileName, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      throw new ConfigException(
          List.of(duplicateKey(fileName, text).orElseGet(() -> syntaxProblem(fileName, e))));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(
          List.of(new ConfigProblem(fileName, 0, "", "expected a YAML mapping at the top level")));
    }
    Report report = new Report(fileName, lines(text));
    IngestConfigSchema schema = IngestConfigSchema.get();

    // the tree the schema sees: scalars as text, placeholders resolved except in secrets
    ObjectNode checked = NODES.objectNode();
    Map<String, String> secrets = new HashMap<>();
    for (Map.Entry<String, JsonNode> section : root.properties()) {
      JsonNode keys = schema.sections().getOrDefault(section.getKey(), NODES.objectNode());
      checked.set(
          section.getKey(),
          resolveSection(section.getKey(), section.getValue(), keys, secrets, report));
    }
    for (String section : schema.sections().keySet()) {
      if (!checked.has(section)) {
        checked.set(section, NODES.objectNode()); // so that its required keys are named
      }
    }
    for (IngestConfigSchema.Violation v : schema.validate(checked)) {
      report.addOnce(v.pointer(), v.message()); // an unset variable is its value's one problem
    }
    report.throwIfAny();

    ObjectNode tree = checked;
    secrets.forEach((pointer, value) -> tree.withObject(parent(pointer)).put(name(pointer), value));
    withDefaults(tree, schema);
    checkAcrossKeys(tree, report);
    report.throwIfAny();

    HttpConfig http = bind(tree, "http", HttpConfig.class, report);
    DbConfig db = bind(tree, "db", DbConfig.class, report);
    MqttConfig mqtt = bind(tree, "mqtt", MqttConfig.class, report);
    PipelineConfig ingest = bind(tree, "ingest", PipelineConfig.class, report);
    SecurityConfig security = bind(tree, "security", SecurityConfig.class, report);
    DashboardConfig dashboards = bind(tree, "dashboards", DashboardConfig.class, report);
    IntegrityConfig integrity = bind(tree, "integrity", IntegrityConfig.class, report);
    MailConfig mail = bind(tree, "mail", MailConfig.class, report);
    report.throwIfAny();
    return new IngestConfig(http, db, mqtt, ingest, security, dashboards, integrity, mail);
  }

  /**
   * A section with its scalars as (resolved) text; a secret keeps its text as written for the
   * schema (only a placeholder may stand there) and its resolved value goes to {@code secrets}.
   */
  private JsonNode resolveSection(
      String section, JsonNode node, JsonNode schema, Map<String, String> secrets, Report report) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String pointer = "/" + section + "/" + field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue; // "key:" with nothing after it is the default
      }
      if (value.isArray()) {
        ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          if (item.isString()) {
            items.add(resolve(pointer, item.asString(), report));
          } else {
            items.add(item);
          }
        }
        out.set(field.getKey(), items);
      } else if (value.isValueNode()) {
        JsonNode key = schema.path("properties").path(field.getKey());
        JsonNode type = key.path("type");
        if (type.isString() && "array".equals(type.asString())) {
          // a list of one is still written as a list: "topics: [et/v1/#]"
          report.addOnce(pointer, "must be a list, was '" + value.asString() + "'");
          continue;
        }
        String resolved = resolve(pointer, value.asString(), report);
        if (IngestConfigSchema.isSecret(key)) {
          secrets.put(pointer, resolved);
          out.put(field.getKey(), value.asString());
        } else {
          out.put(field.getKey(), resolved);
        }
      } else {
        out.set(field.getKey(), value);
      }
    }
    return out;
  }

  private String resolve(String pointer, String raw, Report report) {
    Placeholders.Resolved r = placeholders.resolve(raw);
    r.missing().forEach(name -> report.addOnce(pointer, Placeholders.missingMessage(name)));
    return r.text();
  }

  /**
   * The schema's default for every key the file leaves out; an empty {@code grid_factor_year} is
   * none (the year of each day), an empty {@code server_key_file} the one in the service account's
   * home (never the working directory: a checkout, a jar's directory).
   */
  private static void withDefaults(ObjectNode tree, IngestConfigSchema schema) {
    schema
        .sections()
        .forEach(
            (section, keys) -> {
              ObjectNode values = tree.withObject("/" + section);
              keys.path("properties")
                  .properties()
                  .forEach(
                      key -> {
                        JsonNode def = key.getValue().get("default");
                        if (!values.has(key.getKey()) && def != null) {
                          values.set(key.getKey(), def);
                        }
                      });
            });
    ObjectNode dashboards = tree.withObject("/dashboards");
    if (dashboards.path("grid_factor_year").asString().isBlank()) {
      dashboards.remove("grid_factor_year");
    }
    ObjectNode integrity = tree.withObject("/integrity");
    if (integrity.path("server_key_file").asString().isBlank()) {
      integrity.put("server_key_file", IntegrityConfig.homeKeyFile().toString());
    }
  }

  /** What one key's schema cannot say: its bound depends on another key. */
  private static void checkAcrossKeys(JsonNode tree, Report report) {
    int poolSize = Integer.parseInt(tree.at("/db/pool_size").asString().trim());
    int inFlight = Integer.parseInt(tree.at("/ingest/in_flight").asString().trim());
    if (inFlight > poolSize) {
      // each batch in flight holds a connection until its commit; more lanes than connections
      // would only wait for one (and starve the HTTP API's queries)
      report.add(
          "/ingest/in_flight",
          "must not exceed db.pool_size ("
              + poolSize
              + "): each batch in flight needs its own connection, got "
              + inFlight);
    }
    Duration reconnectDelay = Duration.parse(tree.at("/mqtt/reconnect_delay").asString());
    Duration reconnectMaxDelay = Duration.parse(tree.at("/mqtt/reconnect_max_delay").asString());
    if (reconnectMaxDelay.compareTo(reconnectDelay) < 0) {
      report.add(
          "/mqtt/reconnect_max_delay",
          "must not be shorter than mqtt.reconnect_delay ("
              + reconnectDelay
              + "), got "
              + reconnectMaxDelay);
    }
    // MQTT 5 §3.1.2.10: a two-byte number of seconds; 0 (no keep-alive) is not offered
    Duration keepAlive = Duration.parse(tree.at("/mqtt/keep_alive").asString());
    if (keepAlive.toMillis() < 1000 || keepAlive.getSeconds() > 65_535) {
      report.add("/mqtt/keep_alive", "must be between PT1S and PT65535S, got " + keepAlive);
    }
  }

  /** A section bound into its record; what the record's constructor refuses names the section. */
  private static <T> T bind(JsonNode tree, String section, Class<T> type, Report report) {
    try {
      return BINDER.treeToValue(tree.get(section), type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      report.add("/" + section, cause.getMessage());
    } catch (DatabindException e) {
      report.add("/" + section, "cannot be read: " + e.getOriginalMessage());
    }
    return null;
  }

  private static String parent(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  private static String name(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  /**
   * A syntax error on one line, at the line and column where the YAML scanner or parser stopped
   * (Jackson's own location is one line early for some of them, e.g. a tab), and with the construct
   * it was reading when that started on another line.
   */
  static ConfigProblem syntaxProblem(String fileName, JacksonException e) {
    if (e.getCause() instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
      Mark at = m.getProblemMark().get();
      StringBuilder message =
          new StringBuilder("not valid YAML at column ")
              .append(at.getColumn() + 1)
              .append(": ")
              .append(plain(m.getProblem()));
      m.getContextMark()
          .filter(start -> m.getContext() != null && start.getLine() != at.getLine())
          .ifPresent(
              start ->
                  message
                      .append(" (")
                      .append(m.getContext().replaceFirst("^while ", ""))
                      .append(" from line ")
                      .append(start.getLine() + 1)
                      .append(')'));
      return new ConfigProblem(fileName, at.getLine() + 1, DOCUMENT, message.toString());
    }
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    return new ConfigProblem(
        fileName, line, DOCUMENT, "not valid YAML: " + plain(e.getOriginalMessage()));
  }

  /**
   * The first key given twice in one mapping, at the line where it is given again, named by its
   * dotted path as the gateway names it ({@code http.port: given twice (first on line 2)}); empty
   * when no key is (the library's "Duplicate Object property" named neither path nor line).
   */
  static Optional<ConfigProblem> duplicateKey(String fileName, String text) {
    Deque<Map<String, Integer>> seen = new ArrayDeque<>();
    try (JsonParser p = LENIENT.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          seen.push(new HashMap<>());
        } else if (t == JsonToken.END_OBJECT) {
          seen.pop();
        } else if (t == JsonToken.PROPERTY_NAME) {
          int line = p.currentTokenLocation().getLineNr();
          Integer first = seen.peek().putIfAbsent(p.currentName(), line);
          if (first != null) {
            String path = p.streamReadContext().pathAsPointer().toString().substring(1);
            return Optional.of(
                new ConfigProblem(
                    fileName,
                    line,
                    path.replace('/', '.'),
                    "given twice (first on line " + first + "); write each key once"));
          }
        }
      }
    } catch (JacksonException e) {
      // a syntax error: reported as such
    }
    return Optional.empty();
  }

  /** The YAML library's words on one line, a tab named as such. */
  private static String plain(String problem) {
    if (problem == null) {
      return "syntax error";
    }
    if (problem.contains("\\t(TAB)")) {
      return "a tab character: YAML indents with spaces only";
    }
    return problem.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  /** Line of every key, keyed by dotted path ({@code db.url}). */
  private static Map<String, Integer> lines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.PROPERTY_NAME) {
          String path = p.streamReadContext().pathAsPointer().toString().substring(1);
          lines.put(path.replace('/', '.'), p.currentTokenLocation().getLineNr());
        }
      }
    } catch (JacksonException e) {
      // reported by readTree
    }
    return lines;
  }

  /** The problems found so far, each with its file, line and dotted key. */
  private static final class Report {
    private final String file;
    private final Map<String, Integer> lines;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    Report(String file, Map<String, Integer> lines) {
      this.file = file;
      this.lines = lines;
    }

    /** A problem at a JSON pointer ({@code /mqtt/topics/0} is {@code mqtt.topics[0]}). */
    void add(String pointer, String message) {
      reported.add(pointer);
      StringBuilder path = new StringBuilder();
      String key = "";
      for (String part : pointer.substring(Math.min(1, pointer.length())).split("/")) {
        if (!part.isEmpty() && part.chars().allMatch(Character::isDigit) && !path.isEmpty()) {
          path.append('[').append(part).append(']');
        } else {
          path.append(path.isEmpty() ? "" : ".").append(part);
          key = path.toString();
        }
      }
      problems.add(new ConfigProblem(file, line(key), path.toString(), message));
    }

    /**
     * The line of {@code key}, else of the nearest section around it that the file has: a missing
     * key ({@code db.url: is required}) is placed at its section's line, where it belongs; 0 when
     * the file has neither.
     */
    private int line(String key) {
      for (String k = key;
          !k.isEmpty();
          k = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "") {
        Integer line = lines.get(k);
        if (line != null) {
          return line;
        }
      }
      return 0;
    }

    /** Adds the problem unless its place has one already. */
    void addOnce(String pointer, String message) {
      if (!reported.contains(pointer)) {
        add(pointer, message);
      }
    }

    void throwIfAny() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }
  }
}
