package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.energytrace.gateway.model.PointTarget;

/**
 * Turns the bound file ({@link ConfigFile}) into a {@link GatewayConfig}: applies the defaults and
 * checks what a schema cannot see, each reported at its key — files that must be readable, host and
 * port, duplicate device ids and meter channels, and (for Modbus) register-map templates with their
 * overrides, register numbering, widths and overlaps ({@link ModbusAssembler}). A key with a
 * problem already reported is left out and what depends on it waits; the checks of the keys beside
 * it still run, so one run reports the schema's problems and these together.
 */
final class ConfigAssembler {

  private static final Pattern SIZE =
      Pattern.compile("(?i)\\s*(\\d+)\\s*(|B|K|KB|KIB|M|MB|MIB|G|GB|GIB)\\s*");

  private final ConfigReport report;
  private final ModbusAssembler modbus;

  ConfigAssembler(ConfigReport report) {
    this.report = report;
    this.modbus = new ModbusAssembler(report);
  }

  /** The configuration, or null when any part of it has a problem (all of them reported). */
  GatewayConfig assemble(JsonNode root) {
    ConfigFile.Gateway g = section(root, "gateway", ConfigFile.Gateway.class);
    GatewayIdentity identity =
        g == null
            ? null
            : report.construct(
                "/gateway",
                () -> new GatewayIdentity(g.id(), g.enterprise(), g.site(), Path.of(g.dataDir())));
    MqttConfig mqtt = mqtt(root, identity);
    PublishConfig publish = publish(section(root, "publish", ConfigFile.Publish.class));
    BufferConfig buffer = buffer(section(root, "buffer", ConfigFile.Buffer.class), identity);
    Optional<HttpConfig> http = http(root);
    Duration poll =
        report.isClean("/poll_interval")
            ? Duration.parse(root.path("poll_interval").asText())
            : null;
    List<DeviceConfig> devices = devices(root.path("devices"));
    if (!report.isEmpty()) {
      return null;
    }
    return report.construct(
        "",
        () ->
            new GatewayConfig(
                identity, mqtt, publish, buffer, http, poll, devices, report.origin()));
  }

  /** A top-level mapping bound when it has no problem; absent sections bind as all defaults. */
  private <T> T section(JsonNode root, String key, Class<T> type) {
    if (!report.isClean("/" + key)) {
      return null;
    }
    JsonNode node = root.get(key);
    return ConfigFile.bind(
        node == null ? JsonNodeFactory.instance.objectNode() : node, type, "/" + key, report);
  }

  /** The files of {@code mqtt.tls} are checked beside the other keys' problems. */
  private MqttConfig mqtt(JsonNode root, GatewayIdentity identity) {
    ObjectNode sound = report.soundPart(root.get("mqtt"), "/mqtt");
    ConfigFile.Mqtt m =
        sound == null ? null : ConfigFile.bind(sound, ConfigFile.Mqtt.class, "/mqtt", report);
    if (m == null) {
      return null;
    }
    Optional<MqttConfig.Tls> tls = Optional.empty();
    if (m.tls() != null) {
      ConfigFile.Tls t = m.tls();
      if (t.caFile() != null) {
        readable("/mqtt/tls/ca_file", t.caFile(), "cannot read ");
      }
      if (t.clientKeystore() != null) {
        readable("/mqtt/tls/client_keystore", t.clientKeystore(), "cannot read ");
      }
      if (!report.isClean("/mqtt")) {
        return null;
      }
      tls =
          Optional.of(
              new MqttConfig.Tls(
                  Path.of(t.caFile()),
                  Optional.ofNullable(t.clientKeystore()).map(Path::of),
                  Optional.ofNullable(t.clientKeystorePassword())));
    }
    if (!report.isClean("/mqtt")) {
      return null;
    }
    Optional<MqttConfig.Tls> tlsConfig = tls;
    String clientId =
        m.clientId() != null ? m.clientId() : identity == null ? "gateway" : identity.id();
    return report.construct(
        "/mqtt",
        () ->
            new MqttConfig(
                m.url(),
                nonEmpty(m.username()),
                nonEmpty(m.password()),
                clientId,
                or(m.keepAlive(), MqttConfig.DEFAULT_KEEP_ALIVE),
                or(m.reconnectMaxBackoff(), MqttConfig.DEFAULT_RECONNECT_MAX_BACKOFF),
                tlsConfig,
                m.version() == null
                    ? MqttConfig.Version.AUTO
                    : MqttConfig.Version.parse(m.version()).orElseThrow()));
  }

  private PublishConfig publish(ConfigFile.Publish p) {
    if (p == null) {
      return null;
    }
    return report.construct(
        "/publish/buffer_capacity",
        () ->
            new PublishConfig(
                or(p.maxPointsPerMessage(), PublishConfig.DEFAULT_MAX_POINTS_PER_MESSAGE),
                or(p.maxInFlight(), PublishConfig.DEFAULT_MAX_IN_FLIGHT),
                or(p.bufferCapacity(), PublishConfig.DEFAULT_BUFFER_CAPACITY),
                or(p.maxLinger(), PublishConfig.DEFAULT_MAX_LINGER),
                or(p.stopTimeout(), PublishConfig.DEFAULT_STOP_TIMEOUT)));
  }

  private BufferConfig buffer(ConfigFile.Buffer b, GatewayIdentity identity) {
    if (b == null) {
      return null;
    }
    BufferConfig defaults =
        BufferConfig.defaults(identity == null ? Path.of(".") : identity.dataDir());
    return report.construct(
        "/buffer/max_bytes",
        () ->
            new BufferConfig(
                or(b.type(), defaults.type()),
                b.dir() == null ? defaults.dir() : Path.of(b.dir()),
                b.maxBytes() == null ? defaults.maxBytes() : bytes(b.maxBytes()),
                or(b.overflow(), defaults.overflow()),
                or(b.replayRate(), defaults.replayRate())));
  }

  /** A size in bytes: a plain integer or a number with KB, MB, GB (or KiB, MiB, GiB). */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a size like 512MB or 2GB, was '" + text + "'");
    }
    long unit =
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
          case "K", "KB", "KIB" -> 1024L;
          case "M", "MB", "MIB" -> 1024L * 1024;
          case "G", "GB", "GIB" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    return Long.parseLong(m.group(1)) * unit;
  }

  private Optional<HttpConfig> http(JsonNode root) {
    if (!root.has("http")) {
      return Optional.empty();
    }
    ConfigFile.Http h = section(root, "http", ConfigFile.Http.class);
    if (h == null) {
      return null;
    }
    ConfigFile.Health health = h.health() == null ? new ConfigFile.Health(null, null) : h.health();
    int colon = h.listen().lastIndexOf(':');
    HttpConfig built =
        report.construct(
            "/http/listen",
            () ->
                new HttpConfig(
                    h.listen().substring(0, colon),
                    Integer.parseInt(h.listen().substring(colon + 1)),
                    or(health.brokerGrace(), HttpConfig.DEFAULT_BROKER_GRACE),
                    or(health.maxBufferAge(), HttpConfig.DEFAULT_MAX_BUFFER_AGE)));
    return built == null ? null : Optional.of(built);
  }

  // ------------------------------------------------------------------ devices

  /**
   * Each device is checked as far as it can be: a device whose protocol is wrong is checked no
   * further (which keys it may have depends on it); otherwise its points are checked beside the
   * problems of its other keys, and it is built only when it has none.
   */
  private List<DeviceConfig> devices(JsonNode list) {
    List<DeviceConfig> devices = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> readBy = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "/devices/" + i;
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        continue; // reported by the schema
      }
      String id = node.path("id").asText();
      if (report.isClean(at + "/id") && !ids.add(id)) {
        report.add(at + "/id", "duplicate device id '" + id + "'");
      }
      if (!report.isClean(at + "/protocol")) {
        continue; // which keys it may have depends on it
      }
      Assembled device =
          "opcua".equals(node.path("protocol").asText())
              ? opcUa(node, at)
              : modbus.assemble(node, at);
      if (device == null) {
        continue;
      }
      if (device.device() != null) {
        devices.add(device.device());
      }
      for (int p = 0; p < device.targets().size(); p++) {
        String key = describe(device.targets().get(p));
        String where = device.pointPaths().get(p);
        String previous = readBy.putIfAbsent(key, where);
        if (previous != null) {
          report.add(where, key + " is already read by " + YamlDocument.display(previous));
        }
      }
    }
    return devices;
  }

  /**
   * What was made of a device: the device itself (null when it, or any of its points, has a
   * problem) and the points whose target is known, each with its pointer (a template's points have
   * their own), so that a meter channel read twice is found across devices still being fixed.
   */
  record Assembled(DeviceConfig device, List<PointTarget> targets, List<String> pointPaths) {}

  private static String describe(PointTarget target) {
    if (target instanceof PointTarget.MeterChannel m) {
      return "meter " + m.meter() + " channel " + m.channel();
    }
    PointTarget.ProductionLine l = (PointTarget.ProductionLine) target;
    return "line " + l.line() + " product " + l.product();
  }

  private Assembled opcUa(JsonNode node, String at) {
    ConfigFile.OpcUaDevice d =
        ConfigFile.bind(
            report.soundPart(node, at, "points"), ConfigFile.OpcUaDevice.class, at, report);
    if (d == null) {
      return null;
    }
    List<DeviceConfig.OpcUaPoint> points = new ArrayList<>();
    List<PointTarget> targets = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    JsonNode list = report.has(at + "/points") ? MissingNode.getInstance() : node.path("points");
    for (int i = 0; i < list.size(); i++) {
      String where = at + "/points/" + i;
      if (!report.isClean(where)) {
        continue; // its own problems are reported; the other points are still checked
      }
      ConfigFile.OpcUaPoint p =
          ConfigFile.bind(list.get(i), ConfigFile.OpcUaPoint.class, where, report);
      DeviceConfig.OpcUaPoint point =
          p == null
              ? null
              : report.construct(
                  where,
                  () ->
                      new DeviceConfig.OpcUaPoint(
                          p.target(),
                          p.node(),
                          !"poll".equals(p.mode()),
                          Optional.ofNullable(p.samplingInterval()),
                          or(p.queueSize(), DeviceConfig.OpcUaPoint.DEFAULT_QUEUE_SIZE),
                          or(p.deadband(), 0.0),
                          or(p.discardOldest(), false)));
      if (point != null) {
        points.add(point);
        targets.add(point.target());
        paths.add(where);
      }
    }
    boolean securityKeysSound =
        Stream.of("security_policy", "security_mode", "username", "password", "x509")
            .allMatch(key -> report.isClean(at + "/" + key));
    DeviceConfig.OpcUaSecurity security = securityKeysSound ? opcUaSecurity(d, at) : null;
    if (security == null || !report.isClean(at)) {
      return new Assembled(null, targets, paths);
    }
    DeviceConfig device =
        report.construct(
            at,
            () ->
                new DeviceConfig.OpcUa(
                    d.id(),
                    d.endpoint(),
                    or(d.timeout(), DeviceConfig.OpcUa.DEFAULT_TIMEOUT),
                    security,
                    or(d.samplingInterval(), DeviceConfig.OpcUa.DEFAULT_SAMPLING_INTERVAL),
                    points));
    return new Assembled(device, targets, paths);
  }

  private DeviceConfig.OpcUaSecurity opcUaSecurity(ConfigFile.OpcUaDevice d, String at) {
    Optional<Path> keystore = Optional.empty();
    Optional<String> keystorePassword = Optional.empty();
    if (d.x509() != null) {
      if (!readable(
          at + "/x509/keystore", d.x509().keystore(), "cannot read the PKCS#12 key store ")) {
        return null;
      }
      keystore = Optional.of(Path.of(d.x509().keystore()));
      keystorePassword = Optional.of(d.x509().password());
    }
    String policy = or(d.securityPolicy(), "None");
    String mode = or(d.securityMode(), "None".equals(policy) ? "None" : "SignAndEncrypt");
    Optional<Path> ks = keystore;
    Optional<String> kp = keystorePassword;
    return report.construct(
        at + "/security_policy",
        () ->
            new DeviceConfig.OpcUaSecurity(
                policy, mode, nonEmpty(d.username()), nonEmpty(d.password()), ks, kp));
  }

  // ------------------------------------------------------------------ helpers

  private boolean readable(String pointer, String file, String problem) {
    if (!Files.isReadable(Path.of(file))) {
      report.add(pointer, problem + file);
      return false;
    }
    return true;
  }

  private static Optional<String> nonEmpty(String text) {
    return Optional.ofNullable(text).filter(s -> !s.isEmpty());
  }

  static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
