package org.energytrace.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.energytrace.gateway.config.ConfigException.Problem;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.Ids;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.PointTarget.Kind;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;

/**
 * Loads a {@link GatewayConfig} from YAML. {@code ${ENV:NAME:default}} placeholders in string
 * values are resolved from the environment ({@code ${ENV:NAME}} without a default is required).
 * Every invalid field is collected with its line and path; one {@link ConfigException} reports them
 * all. Unknown keys are errors too: a typo never silently becomes a default.
 */
public final class ConfigLoader {

  /** Classpath resources are addressed as {@code classpath:demo/gateway.yaml}. */
  public static final String CLASSPATH_PREFIX = "classpath:";

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{ENV:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final UnaryOperator<String> environment;

  /**
   * @param environment looks up an environment variable; returns null when unset
   */
  public ConfigLoader(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System::getenv);
  }

  /** Loads a file path or a {@code classpath:} resource. */
  public GatewayConfig load(String location) {
    String text;
    try {
      if (location.startsWith(CLASSPATH_PREFIX)) {
        String resource = location.substring(CLASSPATH_PREFIX.length());
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw single(location, "file", "no such classpath resource");
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } else {
        text = Files.readString(Path.of(location), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw single(location, "file", "cannot read: " + e);
    }
    return parse(location, text);
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public GatewayConfig parse(String source, String yaml) {
    Map<String, Integer> lines;
    JsonNode root;
    YAMLMapper mapper = new YAMLMapper();
    try {
      lines = lineIndex(mapper.getFactory(), yaml);
      root = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(
          source, List.of(new Problem(source, line, "(document)", e.getOriginalMessage())));
    } catch (IOException e) {
      throw single(source, "(document)", e.toString());
    }
    Reader reader = new Reader(source, lines);
    GatewayConfig config = reader.gatewayConfig(root);
    if (!reader.problems.isEmpty() || config == null) {
      throw new ConfigException(source, reader.problems);
    }
    return config;
  }

  private static ConfigException single(String source, String path, String message) {
    return new ConfigException(source, List.of(new Problem(source, 0, path, message)));
  }

  /** Maps each JSON pointer in the document to the line where its key (or item) starts. */
  static Map<String, Integer> lineIndex(YAMLFactory factory, String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = factory.createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    }
    return lines;
  }

  /** Walks the tree, collecting problems instead of stopping at the first. */
  private final class Reader {
    private final String source;
    private final Map<String, Integer> lines;
    private final List<Problem> problems = new ArrayList<>();

    Reader(String source, Map<String, Integer> lines) {
      this.source = source;
      this.lines = lines;
    }

    GatewayConfig gatewayConfig(JsonNode root) {
      if (root == null || !root.isObject()) {
        problem("", "the document must be a mapping with gateway, mqtt, devices");
        return null;
      }
      allowOnly(
          root, "", "gateway", "mqtt", "publish", "buffer", "http", "poll_interval", "devices");
      GatewayIdentity identity = identity(required(root, "", "gateway"));
      MqttConfig mqtt = mqtt(required(root, "", "mqtt"), identity);
      PublishConfig publish = publish(root.get("publish"));
      BufferConfig buffer = buffer(root.get("buffer"), identity);
      Optional<HttpConfig> http = http(root.get("http"));
      Duration poll = duration(root, "", "poll_interval", null, Duration.ofMillis(100));
      List<DeviceConfig> devices = devices(required(root, "", "devices"));
      if (!problems.isEmpty()) {
        return null;
      }
      return construct(
          "", () -> new GatewayConfig(identity, mqtt, publish, buffer, http, poll, devices), null);
    }

    private GatewayIdentity identity(JsonNode node) {
      if (!isObject(node, "/gateway")) {
        return null;
      }
      allowOnly(node, "/gateway", "id", "enterprise", "site", "data_dir");
      String id = id(node, "/gateway", "id");
      String enterprise = id(node, "/gateway", "enterprise");
      String site = id(node, "/gateway", "site");
      String dataDir = string(node, "/gateway", "data_dir", true, null);
      if (id == null || enterprise == null || site == null || dataDir == null) {
        return null;
      }
      return construct(
          "/gateway", () -> new GatewayIdentity(id, enterprise, site, Path.of(dataDir)), null);
    }

    private MqttConfig mqtt(JsonNode node, GatewayIdentity identity) {
      if (!isObject(node, "/mqtt")) {
        return null;
      }
      allowOnly(
          node,
          "/mqtt",
          "url",
          "username",
          "password",
          "client_id",
          "keep_alive",
          "reconnect_max_backoff",
          "tls",
          "version");
      URI url = uri(node, "/mqtt", "url", List.of("tcp", "ssl"));
      String username = string(node, "/mqtt", "username", false, "");
      String password = string(node, "/mqtt", "password", false, "");
      String clientId =
          string(node, "/mqtt", "client_id", false, identity == null ? "gateway" : identity.id());
      Duration keepAlive =
          duration(node, "/mqtt", "keep_alive", Duration.ofSeconds(30), Duration.ofSeconds(1));
      Duration maxBackoff =
          duration(
              node,
              "/mqtt",
              "reconnect_max_backoff",
              MqttConfig.DEFAULT_RECONNECT_MAX_BACKOFF,
              Duration.ofMillis(100));
      Optional<MqttConfig.Tls> tls = mqttTls(node.get("tls"));
      MqttConfig.Version version = MqttConfig.Version.AUTO;
      JsonNode v = node.get("version");
      if (v != null) {
        version = v.isValueNode() ? MqttConfig.Version.parse(v.asText()).orElse(null) : null;
        if (version == null) {
          problem("/mqtt/version", "must be auto, 5 or 3.1.1, was " + v);
        }
      }
      MqttConfig.Version mqttVersion = version;
      if (url == null
          || mqttVersion == null
          || clientId == null
          || keepAlive == null
          || maxBackoff == null
          || tls == null) {
        return null;
      }
      return construct(
          "/mqtt",
          () ->
              new MqttConfig(
                  url,
                  Optional.ofNullable(username).filter(s -> !s.isEmpty()),
                  Optional.ofNullable(password).filter(s -> !s.isEmpty()),
                  clientId,
                  keepAlive,
                  maxBackoff,
                  tls,
                  mqttVersion),
          null);
    }

    private Optional<MqttConfig.Tls> mqttTls(JsonNode node) {
      if (node == null) {
        return Optional.empty();
      }
      String p = "/mqtt/tls";
      if (!isObject(node, p)) {
        return null;
      }
      allowOnly(node, p, "ca_file", "client_keystore", "client_keystore_password");
      String ca = string(node, p, "ca_file", true, null);
      String keystore = string(node, p, "client_keystore", false, null);
      String password = string(node, p, "client_keystore_password", false, null);
      boolean ok = ca != null;
      if (ca != null && !Files.isReadable(Path.of(ca))) {
        problem(p + "/ca_file", "cannot read " + ca);
        ok = false;
      }
      if (keystore != null && !Files.isReadable(Path.of(keystore))) {
        problem(p + "/client_keystore", "cannot read " + keystore);
        ok = false;
      }
      if (keystore != null && password == null) {
        problem(p + "/client_keystore_password", "is required with client_keystore");
        ok = false;
      }
      if (!ok) {
        return null;
      }
      return Optional.of(
          new MqttConfig.Tls(
              Path.of(ca),
              Optional.ofNullable(keystore).map(Path::of),
              Optional.ofNullable(password)));
    }

    private PublishConfig publish(JsonNode node) {
      if (node == null) {
        return PublishConfig.defaults();
      }
      if (!isObject(node, "/publish")) {
        return null;
      }
      allowOnly(
          node,
          "/publish",
          "max_points_per_message",
          "max_in_flight",
          "buffer_capacity",
          "max_linger",
          "stop_timeout");
      Integer max =
          integer(
              node,
              "/publish",
              "max_points_per_message",
              PublishConfig.DEFAULT_MAX_POINTS_PER_MESSAGE,
              1,
              10_000);
      Integer inFlight =
          integer(
              node, "/publish", "max_in_flight", PublishConfig.DEFAULT_MAX_IN_FLIGHT, 1, 65_535);
      Integer capacity =
          integer(
              node,
              "/publish",
              "buffer_capacity",
              PublishConfig.DEFAULT_BUFFER_CAPACITY,
              1,
              100_000_000);
      Duration linger =
          duration(node, "/publish", "max_linger", PublishConfig.DEFAULT_MAX_LINGER, Duration.ZERO);
      if (linger != null && linger.compareTo(PublishConfig.MAX_MAX_LINGER) > 0) {
        problem("/publish/max_linger", "must be at most " + PublishConfig.MAX_MAX_LINGER);
        return null;
      }
      Duration stop =
          duration(
              node, "/publish", "stop_timeout", PublishConfig.DEFAULT_STOP_TIMEOUT, Duration.ZERO);
      if (stop != null && stop.compareTo(PublishConfig.MAX_STOP_TIMEOUT) > 0) {
        problem("/publish/stop_timeout", "must be at most " + PublishConfig.MAX_STOP_TIMEOUT);
        return null;
      }
      if (max == null || inFlight == null || capacity == null || linger == null || stop == null) {
        return null;
      }
      return construct(
          "/publish",
          () -> new PublishConfig(max, inFlight, capacity, linger, stop),
          "buffer_capacity");
    }

    private BufferConfig buffer(JsonNode node, GatewayIdentity identity) {
      Path dataDir = identity == null ? Path.of(".") : identity.dataDir();
      BufferConfig defaults = BufferConfig.defaults(dataDir);
      if (node == null) {
        return defaults;
      }
      if (!isObject(node, "/buffer")) {
        return null;
      }
      allowOnly(node, "/buffer", "type", "dir", "max_bytes", "overflow", "replay_rate");
      BufferConfig.Type type =
          enumeration(node, "/buffer", "type", BufferConfig.Type.class, defaults.type());
      String dir = string(node, "/buffer", "dir", false, defaults.dir().toString());
      Long maxBytes = bytes(node, "/buffer", "max_bytes", defaults.maxBytes());
      OverflowPolicy overflow =
          enumeration(node, "/buffer", "overflow", OverflowPolicy.class, defaults.overflow());
      Integer rate = integer(node, "/buffer", "replay_rate", defaults.replayRate(), 0, 10_000_000);
      if (type == null || dir == null || maxBytes == null || overflow == null || rate == null) {
        return null;
      }
      return construct(
          "/buffer",
          () -> new BufferConfig(type, Path.of(dir), maxBytes, overflow, rate),
          "max_bytes");
    }

    private Optional<HttpConfig> http(JsonNode node) {
      if (node == null) {
        return Optional.empty();
      }
      if (!isObject(node, "/http")) {
        return null;
      }
      allowOnly(node, "/http", "listen", "health");
      String listen = string(node, "/http", "listen", true, null);
      Duration grace = HttpConfig.DEFAULT_BROKER_GRACE;
      Duration maxAge = HttpConfig.DEFAULT_MAX_BUFFER_AGE;
      JsonNode health = node.get("health");
      if (health != null) {
        if (!isObject(health, "/http/health")) {
          return null;
        }
        allowOnly(health, "/http/health", "broker_grace", "max_buffer_age");
        grace =
            duration(
                health,
                "/http/health",
                "broker_grace",
                HttpConfig.DEFAULT_BROKER_GRACE,
                Duration.ZERO);
        maxAge =
            duration(
                health,
                "/http/health",
                "max_buffer_age",
                HttpConfig.DEFAULT_MAX_BUFFER_AGE,
                Duration.ofSeconds(1));
      }
      if (listen == null || grace == null || maxAge == null) {
        return null;
      }
      Duration brokerGrace = grace;
      Duration maxBufferAge = maxAge;
      int colon = listen.lastIndexOf(':');
      try {
        String host = listen.substring(0, Math.max(0, colon));
        int port = Integer.parseInt(listen.substring(colon + 1).trim());
        HttpConfig built =
            construct(
                "/http/listen", () -> new HttpConfig(host, port, brokerGrace, maxBufferAge), null);
        return built == null ? null : Optional.of(built);
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        problem("/http/listen", "must be host:port like 127.0.0.1:9464, was '" + listen + "'");
        return null;
      }
    }

    /** A size in bytes: a plain integer or a number with KB, MB, GB (or KiB, MiB, GiB). */
    private Long bytes(JsonNode parent, String path, String field, long fallback) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (node.isIntegralNumber()) {
        return node.asLong();
      }
      String text = node.isTextual() ? resolve(path + "/" + field, node.asText()) : null;
      if (text != null) {
        Matcher m =
            Pattern.compile("(?i)\\s*(\\d+)\\s*(|B|K|KB|KIB|M|MB|MIB|G|GB|GIB)\\s*").matcher(text);
        if (m.matches()) {
          long unit =
              switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "K", "KB", "KIB" -> 1024L;
                case "M", "MB", "MIB" -> 1024L * 1024;
                case "G", "GB", "GIB" -> 1024L * 1024 * 1024;
                default -> 1L;
              };
          return Long.parseLong(m.group(1)) * unit;
        }
      }
      problem(path + "/" + field, "must be a size like 512MB or 2GB, was " + node);
      return null;
    }

    private List<DeviceConfig> devices(JsonNode node) {
      List<DeviceConfig> devices = new ArrayList<>();
      if (node == null) {
        return devices;
      }
      if (!node.isArray() || node.isEmpty()) {
        problem("/devices", "must be a non-empty list of devices");
        return devices;
      }
      Set<String> deviceIds = new HashSet<>();
      Map<String, String> meterChannels = new HashMap<>();
      for (int i = 0; i < node.size(); i++) {
        String path = "/devices/" + i;
        JsonNode device = node.get(i);
        if (!isObject(device, path)) {
          continue;
        }
        String id = id(device, path, "id");
        if (id != null && !deviceIds.add(id)) {
          problem(path + "/id", "duplicate device id '" + id + "'");
        }
        String protocol = string(device, path, "protocol", true, null);
        DeviceConfig parsed = null;
        if ("opcua".equals(protocol)) {
          parsed = opcUaDevice(device, path, id);
        } else if ("modbus".equals(protocol)) {
          parsed = modbusDevice(device, path, id);
        } else if (protocol != null) {
          problem(path + "/protocol", "must be opcua or modbus, was '" + protocol + "'");
        }
        if (parsed != null) {
          devices.add(parsed);
          for (int p = 0; p < parsed.points().size(); p++) {
            String key = targetKey(parsed.points().get(p).target());
            String where = path + "/points/" + p;
            String previous = meterChannels.putIfAbsent(key, where);
            if (previous != null) {
              problem(where, key + " is already read by " + display(previous));
            }
          }
        }
      }
      return devices;
    }

    private String targetKey(PointTarget target) {
      if (target instanceof PointTarget.MeterChannel m) {
        return "meter " + m.meter() + " channel " + m.channel();
      }
      PointTarget.ProductionLine l = (PointTarget.ProductionLine) target;
      return "line " + l.line() + " product " + l.product();
    }

    private DeviceConfig opcUaDevice(JsonNode node, String path, String id) {
      allowOnly(
          node,
          path,
          "id",
          "protocol",
          "endpoint",
          "timeout",
          "security_policy",
          "security_mode",
          "username",
          "password",
          "x509",
          "sampling_interval",
          "points");
      URI endpoint = uri(node, path, "endpoint", List.of("opc.tcp"));
      Duration timeout =
          duration(node, path, "timeout", Duration.ofSeconds(5), Duration.ofMillis(1));
      Duration sampling =
          duration(node, path, "sampling_interval", Duration.ofSeconds(1), Duration.ZERO);
      DeviceConfig.OpcUaSecurity security = opcUaSecurity(node, path);
      List<OpcUaPoint> points = new ArrayList<>();
      JsonNode list = pointList(node, path);
      for (int i = 0; list != null && i < list.size(); i++) {
        String p = path + "/points/" + i;
        JsonNode point = list.get(i);
        if (!isObject(point, p)) {
          continue;
        }
        allowOnly(
            point,
            p,
            "meter",
            "channel",
            "unit",
            "kind",
            "counter_bits",
            "production",
            "node",
            "mode",
            "sampling_interval",
            "queue_size",
            "discard_oldest",
            "deadband");
        PointTarget target = target(point, p, null);
        String nodeId = string(point, p, "node", true, null);
        String mode = string(point, p, "mode", false, "subscribe");
        if (mode != null && !mode.equals("subscribe") && !mode.equals("poll")) {
          problem(p + "/mode", "must be subscribe or poll, was '" + mode + "'");
          mode = null;
        }
        Duration pointSampling =
            point.has("sampling_interval")
                ? duration(point, p, "sampling_interval", null, Duration.ZERO)
                : null;
        Integer queue = integer(point, p, "queue_size", 10, 1, 10_000);
        Double deadband = number(point, p, "deadband", 0.0);
        Boolean discardOldest = Boolean.FALSE;
        JsonNode discard = point.get("discard_oldest");
        if (discard != null && !discard.isBoolean()) {
          problem(p + "/discard_oldest", "must be true or false, was " + discard);
          discardOldest = null;
        } else if (discard != null) {
          discardOldest = discard.asBoolean();
        }
        if (nodeId != null) {
          try {
            ExpandedNodeId.parse(nodeId);
          } catch (RuntimeException e) {
            problem(
                p + "/node", "not an OPC UA NodeId (ns=2;s=... or nsu=urn:...;s=...): " + nodeId);
            nodeId = null;
          }
        }
        if (target != null
            && nodeId != null
            && mode != null
            && queue != null
            && deadband != null
            && discardOldest != null
            && (pointSampling != null || !point.has("sampling_interval"))) {
          String n = nodeId;
          boolean subscribe = mode.equals("subscribe");
          Optional<Duration> ps = Optional.ofNullable(pointSampling);
          double db = deadband;
          int q = queue;
          boolean d = discardOldest;
          OpcUaPoint built =
              construct(p, () -> new OpcUaPoint(target, n, subscribe, ps, q, db, d), null);
          if (built != null) {
            points.add(built);
          }
        }
      }
      if (id == null
          || endpoint == null
          || timeout == null
          || sampling == null
          || security == null
          || points.size() != sizeOf(list)) {
        return null;
      }
      return construct(
          path,
          () -> new DeviceConfig.OpcUa(id, endpoint, timeout, security, sampling, points),
          null);
    }

    private DeviceConfig.OpcUaSecurity opcUaSecurity(JsonNode node, String path) {
      String policy = string(node, path, "security_policy", false, "None");
      String mode =
          string(
              node,
              path,
              "security_mode",
              false,
              "None".equals(policy) ? "None" : "SignAndEncrypt");
      String username = string(node, path, "username", false, "");
      String password = string(node, path, "password", false, "");
      Optional<Path> keystore = Optional.empty();
      Optional<String> keystorePassword = Optional.empty();
      JsonNode x509 = node.get("x509");
      if (x509 != null) {
        String p = path + "/x509";
        if (!isObject(x509, p)) {
          return null;
        }
        allowOnly(x509, p, "keystore", "password");
        String file = string(x509, p, "keystore", true, null);
        String pw = string(x509, p, "password", true, null);
        if (file == null || pw == null) {
          return null;
        }
        if (!Files.isReadable(Path.of(file))) {
          problem(p + "/keystore", "cannot read the PKCS#12 key store " + file);
          return null;
        }
        keystore = Optional.of(Path.of(file));
        keystorePassword = Optional.of(pw);
      }
      if (policy == null || mode == null || username == null || password == null) {
        return null;
      }
      Optional<Path> ks = keystore;
      Optional<String> kp = keystorePassword;
      return construct(
          path,
          () ->
              new DeviceConfig.OpcUaSecurity(
                  policy,
                  mode,
                  Optional.of(username).filter(u -> !u.isEmpty()),
                  Optional.of(password).filter(u -> !u.isEmpty()),
                  ks,
                  kp),
          "security_policy");
    }

    private DeviceConfig modbusDevice(JsonNode node, String path, String id) {
      allowOnly(
          node,
          path,
          "id",
          "protocol",
          "link",
          "host",
          "port",
          "serial",
          "unit_id",
          "timeout",
          "retries",
          "retry_backoff",
          "max_gap",
          "template",
          "addressing",
          "address_offset",
          "points");
      DeviceConfig.ModbusLink link =
          enumeration(
              node, path, "link", DeviceConfig.ModbusLink.class, DeviceConfig.ModbusLink.TCP);
      boolean rtu = link == DeviceConfig.ModbusLink.RTU;
      String host = rtu ? "" : string(node, path, "host", true, null);
      Integer port = rtu ? Integer.valueOf(0) : integer(node, path, "port", 502, 1, 65_535);
      Optional<DeviceConfig.SerialLine> serial = rtu ? serialLine(node, path) : Optional.empty();
      if (!rtu && node.has("serial")) {
        problem(path + "/serial", "serial settings are only for link: rtu");
      }
      Integer unitId = integer(node, path, "unit_id", null, 0, 255);
      Duration timeout =
          duration(node, path, "timeout", Duration.ofSeconds(2), Duration.ofMillis(1));
      Integer retries = integer(node, path, "retries", DeviceConfig.Modbus.DEFAULT_RETRIES, 0, 10);
      Duration backoff =
          duration(
              node,
              path,
              "retry_backoff",
              DeviceConfig.Modbus.DEFAULT_RETRY_BACKOFF,
              Duration.ZERO);
      Integer maxGap = integer(node, path, "max_gap", DeviceConfig.Modbus.DEFAULT_MAX_GAP, 0, 123);
      Integer addressingOrNull = integer(node, path, "addressing", 0, 0, 1);
      int addressing = addressingOrNull == null ? 0 : addressingOrNull;
      List<PointSource> sources = new ArrayList<>();
      String templateName = string(node, path, "template", false, null);
      RegisterMapTemplate template = null;
      if (templateName != null) {
        try {
          template = RegisterMapTemplate.load(templateName);
          problems.addAll(template.problems());
        } catch (ConfigException e) {
          problem(path + "/template", e.problems().get(0).message());
        }
      }
      Integer templateOffset =
          integer(
              node,
              path,
              "address_offset",
              template == null ? 0 : template.addressOffset(),
              0,
              0xFFFF);
      if (template != null && templateOffset != null && addressingOrNull != null) {
        for (RegisterMapTemplate.Point tp : template.points()) {
          sources.add(
              new PointSource(
                  tp.node().deepCopy(),
                  path + "/template/" + tp.channel(),
                  tp.addressing(),
                  templateOffset,
                  template.name()));
        }
      }
      JsonNode list = template == null ? pointList(node, path) : node.get("points");
      if (list != null && !list.isArray()) {
        problem(path + "/points", "must be a list of points");
        list = null;
      }
      for (int i = 0; list != null && i < list.size(); i++) {
        String p = path + "/points/" + i;
        JsonNode point = list.get(i);
        if (!isObject(point, p)) {
          continue;
        }
        JsonNode channel = point.get("channel");
        PointSource base = null;
        for (PointSource s : sources) {
          if (channel != null && s.template() != null && channel.asText().equals(s.channel())) {
            base = s;
          }
        }
        if (base != null) {
          // Overrides what differs; an address given here is in the device's numbering.
          ObjectNode merged = base.node().deepCopy();
          merged.setAll((ObjectNode) point);
          boolean ownAddress = point.has("address") || point.has("scale_register");
          sources.set(
              sources.indexOf(base),
              new PointSource(
                  merged,
                  p,
                  ownAddress ? addressing : base.addressing(),
                  ownAddress ? 0 : base.offset(),
                  null));
        } else {
          sources.add(new PointSource(point, p, addressing, 0, null));
        }
      }
      List<ModbusPoint> points = new ArrayList<>();
      int parsedSources = 0;
      for (PointSource source : sources) {
        ModbusPoint built = modbusPoint(source, id);
        if (built != null) {
          points.add(built);
          parsedSources++;
        }
      }
      if (sources.isEmpty() && list != null) {
        problem(path + "/points", "must be a non-empty list of points");
      }
      checkOverlaps(points, sources, path);
      if (id == null
          || host == null
          || port == null
          || serial == null
          || link == null
          || unitId == null
          || timeout == null
          || retries == null
          || backoff == null
          || maxGap == null
          || parsedSources != sources.size()
          || sources.isEmpty()) {
        return null;
      }
      return construct(
          path,
          () ->
              new DeviceConfig.Modbus(
                  id, link, host, port, serial, unitId, timeout, retries, backoff, maxGap, points),
          null);
    }

    private Optional<DeviceConfig.SerialLine> serialLine(JsonNode node, String path) {
      JsonNode serial = required(node, path, "serial");
      String p = path + "/serial";
      if (serial == null || !isObject(serial, p)) {
        return null;
      }
      allowOnly(serial, p, "device", "baud", "parity", "stop_bits");
      String device = string(serial, p, "device", true, null);
      Integer baud = integer(serial, p, "baud", 9600, 300, 921_600);
      DeviceConfig.Parity parity =
          enumeration(serial, p, "parity", DeviceConfig.Parity.class, DeviceConfig.Parity.NONE);
      Integer stop = integer(serial, p, "stop_bits", 1, 1, 2);
      if (device == null || baud == null || parity == null || stop == null) {
        return null;
      }
      DeviceConfig.SerialLine line =
          construct(p, () -> new DeviceConfig.SerialLine(device, baud, parity, stop), null);
      return line == null ? null : Optional.of(line);
    }

    /** One point of a Modbus device, from the device config or a template (merged). */
    private ModbusPoint modbusPoint(PointSource source, String deviceId) {
      JsonNode point = source.node();
      String p = source.path();
      allowOnly(
          point,
          p,
          "meter",
          "channel",
          "unit",
          "kind",
          "counter_bits",
          "production",
          "function",
          "address",
          "type",
          "order",
          "scale",
          "scale_register");
      // For a Modbus point the meter defaults to the device id: one device, one meter.
      PointTarget target = target(point, p, deviceId);
      Integer function = integer(point, p, "function", null, 3, 4);
      Integer address = integer(point, p, "address", null, 0, 0xFFFF);
      Integer wire = wireAddress(address, source, p + "/address");
      DataType type = enumeration(point, p, "type", DataType.class, null);
      RegisterOrder order = enumeration(point, p, "order", RegisterOrder.class, RegisterOrder.ABCD);
      Double scale = number(point, p, "scale", 1.0);
      if (scale != null && (scale == 0 || !Double.isFinite(scale))) {
        problem(p + "/scale", "must be a finite non-zero number, was " + scale);
        scale = null;
      }
      OptionalInt scaleRegister = OptionalInt.empty();
      if (point.has("scale_register")) {
        Integer sf = integer(point, p, "scale_register", null, 0, 0xFFFF);
        Integer sfWire = wireAddress(sf, source, p + "/scale_register");
        if (sfWire == null) {
          return null;
        }
        if (type != null && type.isFloatingPoint()) {
          problem(p + "/scale_register", "a scale-factor register scales integers, not " + type);
          return null;
        }
        scaleRegister = OptionalInt.of(sfWire);
      }
      if (target instanceof PointTarget.MeterChannel m
          && m.kind() == Kind.COUNTER
          && type != null
          && !type.isFloatingPoint()
          && m.counterBits() > type.bits()) {
        problem(
            p + "/counter_bits",
            "counter_bits "
                + m.counterBits()
                + " is wider than the "
                + type.name().toLowerCase(Locale.ROOT)
                + " register ("
                + type.bits()
                + " bits)");
        return null;
      }
      if (target == null
          || function == null
          || wire == null
          || type == null
          || order == null
          || scale == null) {
        return null;
      }
      double s = scale;
      RegisterSpec spec =
          construct(p, () -> new RegisterSpec(function, wire, type, order, s), "address");
      return spec == null ? null : new ModbusPoint(target, spec, scaleRegister);
    }

    /** Manual numbering to wire address: minus 1 in a 1-based map, plus the template offset. */
    private Integer wireAddress(Integer address, PointSource source, String path) {
      if (address == null) {
        return null;
      }
      if (source.addressing() == 1 && address == 0) {
        problem(path, "address 0 does not exist in a 1-based map (addressing: 1)");
        return null;
      }
      int wire = address - source.addressing() + source.offset();
      if (wire > 0xFFFF) {
        problem(path, "wire address " + wire + " is beyond 65535");
        return null;
      }
      return wire;
    }

    /** Two values in the same registers mean the map is wrong: say which, and where. */
    private void checkOverlaps(List<ModbusPoint> points, List<PointSource> sources, String path) {
      if (points.size() != sources.size()) {
        return;
      }
      for (int i = 0; i < points.size(); i++) {
        RegisterSpec a = points.get(i).register();
        for (int j = 0; j < i; j++) {
          RegisterSpec b = points.get(j).register();
          if (a.function() == b.function()
              && a.address() < b.address() + b.registers()
              && b.address() < a.address() + a.registers()) {
            problem(
                sources.get(i).path(),
                "registers "
                    + a.address()
                    + ".."
                    + (a.address() + a.registers() - 1)
                    + " (function "
                    + a.function()
                    + ") overlap "
                    + describe(points.get(j))
                    + " at "
                    + b.address()
                    + ".."
                    + (b.address() + b.registers() - 1)
                    + (sources.get(j).template() == null
                        ? ""
                        : " from template " + sources.get(j).template()));
          }
        }
        if (points.get(i).scaleRegister().isPresent()) {
          int sf = points.get(i).scaleRegister().getAsInt();
          for (int j = 0; j < points.size(); j++) {
            RegisterSpec b = points.get(j).register();
            if (b.function() == a.function()
                && sf >= b.address()
                && sf < b.address() + b.registers()) {
              problem(
                  sources.get(i).path() + "/scale_register",
                  "scale-factor register " + sf + " lies inside " + describe(points.get(j)));
            }
          }
        }
      }
    }

    private String describe(ModbusPoint point) {
      return point.target() instanceof PointTarget.MeterChannel m
          ? "channel " + m.channel()
          : "production " + ((PointTarget.ProductionLine) point.target()).line();
    }

    private JsonNode pointList(JsonNode device, String path) {
      JsonNode list = required(device, path, "points");
      if (list == null) {
        return null;
      }
      if (!list.isArray() || list.isEmpty()) {
        problem(path + "/points", "must be a non-empty list of points");
        return null;
      }
      return list;
    }

    private int sizeOf(JsonNode list) {
      return list == null ? -1 : list.size();
    }

    private PointTarget target(JsonNode point, String path, String defaultMeter) {
      JsonNode production = point.get("production");
      if (production != null) {
        for (String key : List.of("meter", "channel", "unit", "kind", "counter_bits")) {
          if (point.has(key)) {
            problem(path + "/" + key, "a production point has no " + key);
          }
        }
        String p = path + "/production";
        if (!isObject(production, p)) {
          return null;
        }
        allowOnly(production, p, "line", "product", "unit");
        String line = id(production, p, "line");
        String product = id(production, p, "product");
        String unit = pattern(production, p, "unit", Ids.UNIT, "H87");
        if (line == null || product == null || unit == null) {
          return null;
        }
        return construct(p, () -> new PointTarget.ProductionLine(line, product, unit), null);
      }
      String meter =
          defaultMeter == null || point.has("meter") ? id(point, path, "meter") : defaultMeter;
      String channel = pattern(point, path, "channel", Ids.CHANNEL, null);
      String unit = pattern(point, path, "unit", Ids.UNIT, null);
      Kind kind = enumeration(point, path, "kind", Kind.class, Kind.GAUGE);
      Integer bits = integer(point, path, "counter_bits", -1, 0, 64);
      if (kind == Kind.COUNTER && bits != null && !Kind.COUNTER_BITS.contains(bits)) {
        problem(
            path + (bits == -1 ? "" : "/counter_bits"),
            bits == -1
                ? "a counter needs counter_bits (16, 32, 48 or 64) so wrap-around can be told from a reset"
                : "must be 16, 32, 48 or 64, was " + bits);
        return null;
      }
      if (kind == Kind.GAUGE && bits != null && bits != -1) {
        problem(path + "/counter_bits", "only counters (kind: counter) have counter_bits");
        return null;
      }
      if (meter == null || channel == null || unit == null || kind == null || bits == null) {
        return null;
      }
      Integer counterBits = kind == Kind.COUNTER ? bits : null;
      return construct(
          path, () -> new PointTarget.MeterChannel(meter, channel, unit, kind, counterBits), null);
    }

    // ---- scalar readers: each reports its own problem and returns null when invalid ----

    private JsonNode required(JsonNode parent, String path, String field) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        problem(path + "/" + field, "is required");
        return null;
      }
      return node;
    }

    private boolean isObject(JsonNode node, String path) {
      if (node == null) {
        return false;
      }
      if (!node.isObject()) {
        problem(path, "must be a mapping");
        return false;
      }
      return true;
    }

    private void allowOnly(JsonNode node, String path, String... allowed) {
      Set<String> known = Set.of(allowed);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          problem(
              path + "/" + name,
              "unknown key (expected one of " + String.join(", ", allowed) + ")");
        }
      }
    }

    private String string(
        JsonNode parent, String path, String field, boolean required, String fallback) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        if (required) {
          problem(path + "/" + field, "is required");
        }
        return required ? null : fallback;
      }
      if (!node.isValueNode() || node.isBoolean()) {
        problem(path + "/" + field, "must be a string");
        return null;
      }
      String resolved = resolve(path + "/" + field, node.asText());
      if (resolved != null && required && resolved.isBlank()) {
        problem(path + "/" + field, "must not be empty");
        return null;
      }
      return resolved;
    }

    private String id(JsonNode parent, String path, String field) {
      return pattern(parent, path, field, Ids.ID, null);
    }

    private String pattern(
        JsonNode parent, String path, String field, Pattern pattern, String fallback) {
      String value = string(parent, path, field, fallback == null, fallback);
      if (value != null && !pattern.matcher(value).matches()) {
        problem(path + "/" + field, "'" + value + "' does not match " + pattern.pattern());
        return null;
      }
      return value;
    }

    private Integer integer(
        JsonNode parent, String path, String field, Integer fallback, int min, int max) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        if (fallback == null) {
          problem(path + "/" + field, "is required");
        }
        return fallback;
      }
      long value;
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        value = node.asLong();
      } else if (node.isTextual()) {
        String text = resolve(path + "/" + field, node.asText());
        if (text == null) {
          return null;
        }
        try {
          text = text.trim().replace("_", "");
          value =
              text.toLowerCase(Locale.ROOT).startsWith("0x")
                  ? Long.parseLong(text.substring(2), 16)
                  : Long.parseLong(text);
        } catch (NumberFormatException e) {
          problem(path + "/" + field, "must be an integer, was '" + node.asText() + "'");
          return null;
        }
      } else {
        problem(path + "/" + field, "must be an integer, was " + node);
        return null;
      }
      if (value < min || value > max) {
        problem(path + "/" + field, "must be " + min + ".." + max + ", was " + value);
        return null;
      }
      return (int) value;
    }

    private Double number(JsonNode parent, String path, String field, Double fallback) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (node.isNumber()) {
        return node.asDouble();
      }
      if (node.isTextual()) {
        String text = resolve(path + "/" + field, node.asText());
        try {
          return text == null ? null : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      problem(path + "/" + field, "must be a number, was " + node);
      return null;
    }

    private Duration duration(
        JsonNode parent, String path, String field, Duration fallback, Duration min) {
      String text = string(parent, path, field, fallback == null, null);
      if (text == null) {
        return parent.has(field) ? null : fallback;
      }
      try {
        Duration value = Duration.parse(text.trim());
        if (value.compareTo(min) < 0) {
          problem(path + "/" + field, "must be at least " + min + ", was " + value);
          return null;
        }
        return value;
      } catch (DateTimeParseException e) {
        problem(path + "/" + field, "must be an ISO-8601 duration like PT1S, was '" + text + "'");
        return null;
      }
    }

    private URI uri(JsonNode parent, String path, String field, List<String> schemes) {
      String text = string(parent, path, field, true, null);
      if (text == null) {
        return null;
      }
      try {
        URI uri = new URI(text.trim());
        if (uri.getScheme() == null
            || !schemes.contains(uri.getScheme())
            || uri.getHost() == null) {
          problem(
              path + "/" + field,
              "must be a "
                  + String.join(" or ", schemes)
                  + ":// URL with a host, was '"
                  + text
                  + "'");
          return null;
        }
        return uri;
      } catch (URISyntaxException e) {
        problem(path + "/" + field, "is not a URL: " + e.getMessage());
        return null;
      }
    }

    private <E extends Enum<E>> E enumeration(
        JsonNode parent, String path, String field, Class<E> type, E fallback) {
      String text = string(parent, path, field, fallback == null, null);
      if (text == null) {
        return parent.has(field) ? null : fallback;
      }
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text.trim())) {
          return constant;
        }
      }
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(
            type == RegisterOrder.class
                ? constant.name()
                : constant.name().toLowerCase(Locale.ROOT));
      }
      problem(
          path + "/" + field,
          "must be one of " + String.join(", ", names) + ", was '" + text + "'");
      return null;
    }

    private String resolve(String path, String value) {
      Matcher m = PLACEHOLDER.matcher(value);
      StringBuilder out = new StringBuilder();
      boolean ok = true;
      while (m.find()) {
        String name = m.group(1);
        String env = environment.apply(name);
        String replacement = env != null ? env : m.group(2);
        if (replacement == null) {
          problem(path, "environment variable " + name + " is not set and has no default");
          ok = false;
          replacement = "";
        }
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      return ok ? out.toString() : null;
    }

    /** Builds a record; its compact constructor has the last word on invariants. */
    private <T> T construct(String path, Supplier<T> build, String field) {
      try {
        return build.get();
      } catch (IllegalArgumentException | NullPointerException e) {
        problem(field == null ? path : path + "/" + field, e.getMessage());
        return null;
      }
    }

    private void problem(String pointer, String message) {
      problems.add(new Problem(source, lineOf(pointer), display(pointer), message));
    }

    private int lineOf(String pointer) {
      String p = pointer;
      while (true) {
        Integer line = lines.get(p);
        if (line != null) {
          return line;
        }
        int cut = p.lastIndexOf('/');
        if (cut < 0) {
          return 0;
        }
        p = p.substring(0, cut);
      }
    }
  }

  /** A point's YAML, where it came from, and how its addresses are numbered. */
  private record PointSource(
      JsonNode node, String path, int addressing, int offset, String template) {
    String channel() {
      JsonNode c = node.get("channel");
      return c == null ? null : c.asText();
    }
  }

  /** {@code /devices/1/points/0/address} → {@code devices[1].points[0].address}. */
  static String display(String pointer) {
    if (pointer.isEmpty()) {
      return "(document)";
    }
    StringBuilder out = new StringBuilder();
    for (String part : pointer.substring(1).split("/")) {
      if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
        out.append('[').append(part).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(part);
      }
    }
    return out.toString();
  }
}
