package org.energytrace.ingest.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads {@link IngestConfig} from YAML. String values may contain {@code ${ENV:NAME:default}} or
 * {@code ${ENV:NAME}} (required) placeholders. Secrets (passwords) must be placeholders: a literal
 * secret in a file is refused. Every invalid field is reported at once in a {@link
 * ConfigException}.
 */
public final class ConfigLoader {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{ENV:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
  private static final Pattern ONLY_PLACEHOLDER = Pattern.compile("^\\s*\\$\\{ENV:[^}]*}\\s*$");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final Function<String, String> env;

  public ConfigLoader(Function<String, String> env) {
    this.env = env;
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
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(
          List.of(
              new ConfigProblem(fileName, line, "", "not valid YAML: " + e.getOriginalMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(
          List.of(new ConfigProblem(fileName, 0, "", "expected a YAML mapping at the top level")));
    }
    Fields f = new Fields(fileName, root, lines(text), env);

    String httpHost = f.text("http.host", "0.0.0.0");
    int httpPort = f.integer("http.port", 8080, 0, 65535);
    int maxBody =
        f.integer("http.max_body_bytes", HttpConfig.DEFAULT_MAX_BODY_BYTES, 1024, 64 << 20);
    int maxUpload =
        f.integer("http.max_upload_bytes", HttpConfig.DEFAULT_MAX_UPLOAD_BYTES, 1024, 256 << 20);
    String uploadDir = f.text("http.upload_dir", "");

    String dbUrl = f.text("db.url", null);
    if (dbUrl != null && !dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql:")) {
      f.problem("db.url", "must be a jdbc:postgresql: URL, got '" + dbUrl + "'");
    }
    String dbUser = f.text("db.user", "postgres");
    String dbPassword = f.secret("db.password");
    int poolSize = f.integer("db.pool_size", 4, 1, 64);
    boolean migrate = f.bool("db.migrate_on_start", true);

    String mqttUrl = f.text("mqtt.url", null);
    if (mqttUrl != null
        && !mqttUrl.isEmpty()
        && !(mqttUrl.startsWith("tcp://") || mqttUrl.startsWith("ssl://"))) {
      f.problem("mqtt.url", "must start with tcp:// or ssl://, got '" + mqttUrl + "'");
    }
    String clientId = f.text("mqtt.client_id", null);
    String mqttUser = f.text("mqtt.username", "");
    String mqttPassword = f.secret("mqtt.password");
    List<String> topics =
        f.textList(
            "mqtt.topics",
            List.of("et/v1/+/+/+/telemetry", "et/v1/+/+/+/status", "et/v1/+/+/+/production"));
    String shared = f.text("mqtt.shared_group", "");
    if (!shared.isEmpty() && !shared.matches("[A-Za-z0-9_-]{1,64}")) {
      f.problem("mqtt.shared_group", "must match [A-Za-z0-9_-]{1,64}, got '" + shared + "'");
    }
    Duration sessionExpiry = f.duration("mqtt.session_expiry", Duration.ofHours(24));
    int queueCapacity = f.integer("mqtt.queue_capacity", 1000, 1, 1_000_000);
    Duration reconnectDelay = f.positiveDuration("mqtt.reconnect_delay", Duration.ofSeconds(2));
    Duration reconnectMaxDelay =
        f.positiveDuration("mqtt.reconnect_max_delay", MqttConfig.DEFAULT_RECONNECT_MAX_DELAY);
    if (reconnectMaxDelay.compareTo(reconnectDelay) < 0) {
      f.problem(
          "mqtt.reconnect_max_delay",
          "must not be shorter than mqtt.reconnect_delay ("
              + reconnectDelay
              + "), got "
              + reconnectMaxDelay);
    }
    Duration keepAlive = f.positiveDuration("mqtt.keep_alive", MqttConfig.DEFAULT_KEEP_ALIVE);
    if (keepAlive.toMillis() < 1000 || keepAlive.getSeconds() > 65_535) {
      f.problem("mqtt.keep_alive", "must be between PT1S and PT65535S, got " + keepAlive);
    }
    int queueMaxBytes =
        f.integer("mqtt.queue_max_bytes", (int) MqttConfig.DEFAULT_QUEUE_MAX_BYTES, 1024, 1 << 30);

    boolean autoRegister = f.bool("ingest.auto_register", false);
    int maxPayload = f.integer("ingest.max_payload_bytes", 1 << 20, 1024, 256 << 20);
    Duration skew = f.duration("ingest.clock_skew", Duration.ofMinutes(5));
    Duration maxAge = f.positiveDuration("ingest.max_age", Duration.ofDays(400));
    int batchRows = f.integer("ingest.batch_max_rows", 5000, 1, 100_000);
    Duration batchWait = f.positiveDuration("ingest.batch_max_wait", Duration.ofMillis(200));
    Duration retryDelay = f.positiveDuration("ingest.retry_delay", Duration.ofSeconds(1));
    int inFlight = f.integer("ingest.in_flight", 2, 1, PipelineConfig.MAX_IN_FLIGHT);
    int batchBytes =
        f.integer(
            "ingest.batch_max_bytes", (int) PipelineConfig.DEFAULT_BATCH_MAX_BYTES, 1024, 1 << 30);
    Duration stallTimeout =
        f.positiveDuration("ingest.stall_timeout", PipelineConfig.DEFAULT_STALL_TIMEOUT);
    if (inFlight > poolSize && poolSize >= 1) {
      // each batch in flight holds a connection until its commit; more lanes than connections
      // would only wait for one (and starve the HTTP API's queries)
      f.problem(
          "ingest.in_flight",
          "must not exceed db.pool_size ("
              + poolSize
              + "): each batch in flight needs its own"
              + " connection, got "
              + inFlight);
    }

    String mode = f.text("security.mode", "production");
    String adminUser = f.text("security.admin_username", "admin");
    String adminPassword = f.secret("security.admin_password");
    String cookieSecure = f.text("security.cookie_secure", "auto");
    boolean trustProto = f.bool("security.trust_forwarded_proto", false);
    Duration idle = f.positiveDuration("security.session_idle_timeout", Duration.ofMinutes(30));
    Duration sessionMaxAge = f.positiveDuration("security.session_max_age", Duration.ofHours(8));
    int perAccount = f.integer("security.login_max_failures_per_account", 5, 1, 1000);
    int perIp = f.integer("security.login_max_failures_per_ip", 50, 1, 100_000);
    Duration failureWindow =
        f.positiveDuration("security.login_failure_window", Duration.ofMinutes(15));
    int livePerPrincipal = f.integer("security.live_max_streams_per_principal", 10, 1, 10_000);
    int livePerIp = f.integer("security.live_max_streams_per_ip", 50, 1, 100_000);
    Duration liveReauthorize =
        f.positiveDuration("security.live_reauthorize_every", Duration.ofSeconds(5));
    Duration refusalWindow =
        f.positiveDuration("security.refusal_audit_window", Duration.ofMinutes(1));
    List<String> frameAncestors = f.textList("security.showcase_frame_ancestors", List.of());
    for (String origin : frameAncestors) {
      if (!SecurityConfig.ORIGIN.matcher(origin).matches()) {
        f.problem(
            "security.showcase_frame_ancestors",
            "'" + origin + "' is not an origin such as https://portal.example.org");
      }
    }

    String tariffText = f.text("dashboards.tariff_per_kwh", "0");
    double tariff = 0;
    try {
      tariff = Double.parseDouble(tariffText.trim());
    } catch (NumberFormatException e) {
      f.problem("dashboards.tariff_per_kwh", "must be a number, got '" + tariffText + "'");
    }
    String gasText = f.text("dashboards.tariff_per_nm3_gas", "0");
    double gasTariff = 0;
    try {
      gasTariff = Double.parseDouble(gasText.trim());
    } catch (NumberFormatException e) {
      f.problem("dashboards.tariff_per_nm3_gas", "must be a number, got '" + gasText + "'");
    }
    String currency = f.text("dashboards.currency", "VND");
    String gridYearText = f.text("dashboards.grid_factor_year", "").trim();
    Integer gridYear = null;
    if (!gridYearText.isEmpty()) {
      try {
        gridYear = Integer.parseInt(gridYearText);
      } catch (NumberFormatException e) {
        f.problem(
            "dashboards.grid_factor_year",
            "must be a year such as 2023 (or empty), got '" + gridYearText + "'");
      }
    }
    Duration onlineWithin = f.positiveDuration("dashboards.online_within", Duration.ofMinutes(5));

    Duration sealGrace =
        f.positiveDuration("integrity.seal_grace", IntegrityConfig.DEFAULT_SEAL_GRACE);
    Duration sealEvery =
        f.positiveDuration("integrity.seal_every", IntegrityConfig.DEFAULT_SEAL_EVERY);
    String serverKeyText = f.text("integrity.server_key_file", "").trim();
    // "" = in the service account's home, never in the working directory (a checkout, a jar's dir)
    Path serverKeyFile =
        serverKeyText.isEmpty() ? IntegrityConfig.homeKeyFile() : Path.of(serverKeyText);
    f.refuseUnknownFields();
    f.throwIfAny();

    HttpConfig http =
        f.build("http", () -> new HttpConfig(httpHost, httpPort, maxBody, maxUpload, uploadDir));
    DbConfig db = f.build("db", () -> new DbConfig(dbUrl, dbUser, dbPassword, poolSize, migrate));
    MqttConfig mqtt =
        f.build(
            "mqtt",
            () ->
                new MqttConfig(
                    mqttUrl,
                    clientId,
                    mqttUser,
                    mqttPassword,
                    topics,
                    shared,
                    sessionExpiry,
                    queueCapacity,
                    reconnectDelay,
                    keepAlive,
                    reconnectMaxDelay,
                    queueMaxBytes));
    PipelineConfig ingest =
        f.build(
            "ingest",
            () ->
                new PipelineConfig(
                    autoRegister,
                    maxPayload,
                    skew,
                    maxAge,
                    batchRows,
                    batchWait,
                    retryDelay,
                    inFlight,
                    batchBytes,
                    stallTimeout));
    f.throwIfAny();
    SecurityConfig security =
        f.build(
            "security",
            () ->
                new SecurityConfig(
                    mode,
                    adminUser,
                    adminPassword,
                    cookieSecure,
                    trustProto,
                    idle,
                    sessionMaxAge,
                    perAccount,
                    perIp,
                    failureWindow,
                    livePerPrincipal,
                    livePerIp,
                    liveReauthorize,
                    refusalWindow,
                    frameAncestors));
    double tariffPerKwh = tariff;
    double tariffPerNm3 = gasTariff;
    Integer gridFactorYear = gridYear;
    DashboardConfig dashboards =
        f.build(
            "dashboards",
            () ->
                new DashboardConfig(
                    tariffPerKwh, tariffPerNm3, currency, gridFactorYear, onlineWithin));
    IntegrityConfig integrity =
        f.build("integrity", () -> new IntegrityConfig(sealGrace, sealEvery, serverKeyFile));
    f.throwIfAny();
    return new IngestConfig(http, db, mqtt, ingest, security, dashboards, integrity);
  }

  /** Line of every property, keyed by dotted path ({@code db.url}). */
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

  private static final class Fields {
    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final Function<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    Fields(String file, JsonNode root, Map<String, Integer> lines, Function<String, String> env) {
      this.file = file;
      this.root = root;
      this.lines = lines;
      this.env = env;
    }

    void problem(String path, String message) {
      problems.add(new ConfigProblem(file, lines.getOrDefault(path, 0), path, message));
    }

    void throwIfAny() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }

    <T> T build(String section, Supplier<T> constructor) {
      try {
        return constructor.get();
      } catch (IllegalArgumentException | NullPointerException e) {
        problem(section, e.getMessage());
        return null;
      }
    }

    private JsonNode node(String path) {
      known.add(path);
      JsonNode n = root;
      for (String part : path.split("\\.")) {
        n = n == null ? null : n.get(part);
      }
      return n == null || n.isNull() ? null : n;
    }

    /** The resolved text of a scalar, or {@code def} when absent (null def = required). */
    String text(String path, String def) {
      JsonNode n = node(path);
      if (n == null) {
        if (def == null) {
          problem(path, "is required");
        }
        return def;
      }
      if (!n.isValueNode()) {
        problem(path, "must be a single value, not a " + n.getNodeType().name().toLowerCase());
        return def;
      }
      return resolve(path, n.asString());
    }

    String secret(String path) {
      JsonNode n = node(path);
      if (n == null) {
        return "";
      }
      if (!n.isString() || !ONLY_PLACEHOLDER.matcher(n.asString()).matches()) {
        problem(path, "secrets come from the environment: write ${ENV:NAME}, not the secret");
        return "";
      }
      return resolve(path, n.asString());
    }

    List<String> textList(String path, List<String> def) {
      JsonNode n = node(path);
      if (n == null) {
        return def;
      }
      if (!n.isArray() || n.isEmpty()) {
        problem(path, "must be a non-empty list of topic filters");
        return def;
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode item = n.get(i);
        if (!item.isString() || item.asString().isBlank()) {
          problem(path + "[" + i + "]", "must be a non-empty string");
        } else {
          out.add(resolve(path, item.asString()));
        }
      }
      return out;
    }

    int integer(String path, int def, int min, int max) {
      String s = text(path, Integer.toString(def));
      try {
        int v = Integer.parseInt(s.trim());
        if (v < min || v > max) {
          problem(path, "must be between " + min + " and " + max + ", got " + v);
        }
        return v;
      } catch (NumberFormatException e) {
        problem(path, "must be an integer, got '" + s + "'");
        return def;
      }
    }

    boolean bool(String path, boolean def) {
      String s = text(path, Boolean.toString(def)).trim();
      if (!s.equals("true") && !s.equals("false")) {
        problem(path, "must be true or false, got '" + s + "'");
        return def;
      }
      return Boolean.parseBoolean(s);
    }

    Duration duration(String path, Duration def) {
      String s = text(path, def.toString()).trim();
      try {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
          problem(path, "must not be negative, got " + s);
        }
        return d;
      } catch (DateTimeParseException e) {
        problem(path, "must be an ISO-8601 duration such as PT5M or P400D, got '" + s + "'");
        return def;
      }
    }

    Duration positiveDuration(String path, Duration def) {
      Duration d = duration(path, def);
      if (d.isZero()) {
        problem(path, "must be positive");
        return def;
      }
      return d;
    }

    private String resolve(String path, String raw) {
      Matcher m = PLACEHOLDER.matcher(raw);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = env.apply(m.group(1));
        if (value == null) {
          value = m.group(2);
        }
        if (value == null) {
          problem(path, "environment variable " + m.group(1) + " is not set and has no default");
          value = "";
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      return out.toString();
    }

    void refuseUnknownFields() {
      root.properties()
          .forEach(
              section -> {
                String name = section.getKey();
                if (!Set.of("http", "db", "mqtt", "ingest", "security", "dashboards", "integrity")
                    .contains(name)) {
                  problem(
                      name,
                      "unknown section (expected http, db, mqtt, ingest, security, dashboards,"
                          + " integrity)");
                } else if (!section.getValue().isObject()) {
                  problem(name, "must be a mapping");
                } else {
                  section
                      .getValue()
                      .properties()
                      .forEach(
                          field -> {
                            String path = name + "." + field.getKey();
                            if (!known.contains(path)) {
                              problem(path, "unknown field");
                            }
                          });
                }
              });
    }
  }
}
