package org.energytrace.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.RegisterOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The configuration schemas of docs/schemas/config: the document editors use is the one we run. */
class ConfigSchemaTest {

  static final Path DOCS = Path.of("..", "docs", "schemas", "config");
  static final Path EXAMPLES = Path.of("..", "docs", "examples", "config");
  static final Path REGISTER_MAPS = Path.of("src", "main", "resources", "registermaps");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  static JsonNode schema(String file) throws IOException {
    return JSON.readTree(DOCS.resolve(file).toFile());
  }

  /**
   * What an editor does: validate the file as written (placeholders and all) against the document
   * in docs/, with a plain Draft 2020-12 validator that knows none of the gateway's own keywords.
   */
  static List<Error> asAnEditorSeesIt(String schemaFile, String yaml) throws IOException {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(DOCS.resolve(schemaFile)), InputFormat.JSON);
    return schema.validate(JSON.writeValueAsString(YAML.readTree(yaml)), InputFormat.JSON);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ConfigSchemaTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Stream<Path> exampleConfigs() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static Stream<Path> registerMaps() throws IOException {
    try (Stream<Path> files = Files.list(REGISTER_MAPS)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ConfigSchema.GATEWAY_CONFIG, ConfigSchema.REGISTER_MAP})
  void theJarCarriesTheSchemaOfDocsUnchanged(String file) throws IOException {
    assertThat(ConfigSchema.text(file)).isEqualTo(Files.readString(DOCS.resolve(file)));
  }

  @Nested
  class AsEditorsSeeThem {

    @Test
    void theDemoConfigValidatesAsWrittenWithItsPlaceholders() throws IOException {
      assertThat(asAnEditorSeesIt(ConfigSchema.GATEWAY_CONFIG, resource("demo/gateway.yaml")))
          .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("org.energytrace.gateway.config.ConfigSchemaTest#exampleConfigs")
    void everyExampleConfigValidatesAndLoads(Path example) throws IOException {
      String yaml = Files.readString(example);
      assertThat(asAnEditorSeesIt(ConfigSchema.GATEWAY_CONFIG, yaml)).isEmpty();
      // and the gateway accepts it (its files and secrets given)
      Path dir = Files.createTempDirectory("et-example");
      Files.writeString(dir.resolve("ca.pem"), "");
      Map<String, String> env =
          Map.of(
              "ET_MQTT_PASSWORD", "secret",
              "ET_PLC_USER", "gw",
              "ET_PLC_PASSWORD", "secret",
              "ET_CONFIG_DIR", dir.toString());
      assertThat(new ConfigLoader(env::get).parse(example.toString(), yaml).devices()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("org.energytrace.gateway.config.ConfigSchemaTest#registerMaps")
    void everyShippedRegisterMapValidates(Path template) throws IOException {
      assertThat(asAnEditorSeesIt(ConfigSchema.REGISTER_MAP, Files.readString(template))).isEmpty();
    }

    @Test
    void aPlaceholderMayStandForANumberATruthValueAChoiceADurationOrASize() throws IOException {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt:
            url: "tcp://b:1883"
            keep_alive: ${ENV:KEEP_ALIVE:PT30S}
            version: ${ENV:MQTT_VERSION:auto}
          publish:
            max_points_per_message: ${ENV:BATCH:100}
          buffer:
            type: ${ENV:BUFFER:file}
            max_bytes: ${ENV:BUFFER_BYTES:2GB}
            replay_rate: ${ENV:REPLAY_RATE:20000}
          poll_interval: PT1S
          devices:
            - id: plc
              protocol: opcua
              endpoint: "opc.tcp://plc:4840"
              points:
                - meter: em
                  channel: AcActivePowerTotal
                  unit: KWT
                  node: "ns=2;s=P"
                  queue_size: ${ENV:QUEUE:10}
                  deadband: ${ENV:DEADBAND:0.5}
          """;
      assertThat(asAnEditorSeesIt(ConfigSchema.GATEWAY_CONFIG, yaml)).isEmpty();
      // and the gateway takes the values the environment gives
      Map<String, String> env = Map.of("BATCH", "250", "BUFFER", "memory", "QUEUE", "4");
      GatewayConfig config = new ConfigLoader(env::get).parse("gateway.yaml", yaml);
      assertThat(config.publish().maxPointsPerMessage()).isEqualTo(250);
      assertThat(config.buffer().type()).isEqualTo(BufferConfig.Type.MEMORY);
      assertThat(config.buffer().maxBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
      assertThat(((DeviceConfig.OpcUa) config.devices().get(0)).points().get(0).queueSize())
          .isEqualTo(4);
    }

    @Test
    void aMistakeIsShownToTheEditorToo() throws IOException {
      assertThat(
              asAnEditorSeesIt(
                  ConfigSchema.GATEWAY_CONFIG,
                  """
                  gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
                  mqtt: {url: "tcp://b:1883"}
                  poll_interval: PT1S
                  devices:
                    - {id: em, protocol: modbus, host: h, unit_id: 1, points: [{channel: P, function: 3, address: 0, type: int16, unit: WTT, scael: 2}]}
                  """))
          .extracting(e -> e.getInstanceLocation().toString())
          .contains("/devices/0/points/0");
    }
  }

  @Test
  void theRegisterMapDefinesPointsExactlyAsTheGatewayConfigDoes() throws IOException {
    // register-map.schema.json is self-contained for editors; its copies must not drift
    JsonNode config = schema(ConfigSchema.GATEWAY_CONFIG).get("$defs");
    JsonNode map = schema(ConfigSchema.REGISTER_MAP).get("$defs");
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
      String def = it.next();
      assertThat(map.get(def)).as(def).isEqualTo(config.get(def));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ConfigSchema.GATEWAY_CONFIG, ConfigSchema.REGISTER_MAP})
  void documentsEveryKey(String file) throws IOException {
    List<String> undocumented = new ArrayList<>();
    undocumented(schema(file), "", undocumented);
    assertThat(undocumented).as("keys without a description").isEmpty();
  }

  private static void undocumented(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("properties")
            && !at.contains("/if")
            && !at.contains("/then")
            && !at.contains("/else")
            && !at.contains("dependentSchemas")) {
          for (Iterator<Map.Entry<String, JsonNode>> p = e.getValue().fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> property = p.next();
            boolean described =
                property.getValue().has("description") || property.getValue().has("const");
            if (!described) {
              out.add(at + "/properties/" + property.getKey());
            }
          }
        }
        undocumented(e.getValue(), at + "/" + e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        undocumented(node.get(i), at + "/" + i, out);
      }
    }
  }

  @Test
  void theDefaultsTheSchemaDocumentsAreTheOnesTheGatewayApplies() throws IOException {
    JsonNode s = schema(ConfigSchema.GATEWAY_CONFIG);
    GatewayConfig c =
        new ConfigLoader(Map.<String, String>of()::get)
            .parse(
                "minimal.yaml",
                """
                gateway: {id: gw, enterprise: e, site: s, data_dir: /var/lib/et}
                mqtt: {url: "tcp://b:1883"}
                http: {listen: "127.0.0.1:0"}
                poll_interval: PT1S
                devices:
                  - {id: plc, protocol: opcua, endpoint: "opc.tcp://h:4840", points: [{meter: m, channel: C, unit: KWT, node: "ns=2;s=C"}]}
                  - {id: em, protocol: modbus, host: h, unit_id: 1, points: [{channel: P, function: 3, address: 0, type: int16, unit: WTT}]}
                  - {id: rtu, protocol: modbus, link: rtu, serial: {device: /dev/ttyS0}, unit_id: 2, points: [{channel: P, function: 3, address: 0, type: int16, unit: WTT}]}
                """);
    String root = "/properties";
    assertThat(duration(s, root + "/mqtt/properties/keep_alive")).isEqualTo(c.mqtt().keepAlive());
    assertThat(duration(s, root + "/mqtt/properties/reconnect_max_backoff"))
        .isEqualTo(c.mqtt().reconnectMaxBackoff());
    assertThat(text(s, root + "/mqtt/properties/version")).isEqualTo(c.mqtt().version().text());
    String publish = root + "/publish/properties";
    assertThat(number(s, publish + "/max_points_per_message"))
        .isEqualTo(c.publish().maxPointsPerMessage());
    assertThat(number(s, publish + "/max_in_flight")).isEqualTo(c.publish().maxInFlight());
    assertThat(number(s, publish + "/buffer_capacity")).isEqualTo(c.publish().bufferCapacity());
    assertThat(duration(s, publish + "/max_linger")).isEqualTo(c.publish().maxLinger());
    assertThat(duration(s, publish + "/stop_timeout")).isEqualTo(c.publish().stopTimeout());
    String buffer = root + "/buffer/properties";
    assertThat(text(s, buffer + "/type")).isEqualTo(lower(c.buffer().type()));
    assertThat(ConfigAssembler.bytes(text(s, buffer + "/max_bytes")))
        .isEqualTo(c.buffer().maxBytes());
    assertThat(OverflowPolicy.valueOf(text(s, buffer + "/overflow").toUpperCase(Locale.ROOT)))
        .isEqualTo(c.buffer().overflow());
    assertThat(number(s, buffer + "/replay_rate")).isEqualTo(c.buffer().replayRate());
    String health = root + "/http/properties/health/properties";
    assertThat(duration(s, health + "/broker_grace"))
        .isEqualTo(c.http().orElseThrow().brokerGrace());
    assertThat(duration(s, health + "/max_buffer_age"))
        .isEqualTo(c.http().orElseThrow().maxBufferAge());

    DeviceConfig.OpcUa plc = (DeviceConfig.OpcUa) c.devices().get(0);
    String opcua = "/$defs/opcuaDevice/properties";
    assertThat(duration(s, opcua + "/timeout")).isEqualTo(plc.timeout());
    assertThat(duration(s, opcua + "/sampling_interval")).isEqualTo(plc.samplingInterval());
    assertThat(text(s, opcua + "/security_policy")).isEqualTo(plc.security().policy());
    DeviceConfig.OpcUaPoint node = plc.points().get(0);
    String point = "/$defs/opcuaPoint/properties";
    assertThat(number(s, point + "/queue_size")).isEqualTo(node.queueSize());
    assertThat(s.at(point + "/discard_oldest/default").asBoolean()).isEqualTo(node.discardOldest());
    assertThat(s.at(point + "/deadband/default").asDouble()).isEqualTo(node.deadband());
    assertThat(text(s, point + "/mode").equals("subscribe")).isEqualTo(node.subscribe());

    DeviceConfig.Modbus em = (DeviceConfig.Modbus) c.devices().get(1);
    String modbus = "/$defs/modbusDevice/properties";
    assertThat(text(s, modbus + "/link")).isEqualTo(lower(em.link()));
    assertThat(number(s, modbus + "/port")).isEqualTo(em.port());
    assertThat(duration(s, modbus + "/timeout")).isEqualTo(em.timeout());
    assertThat(number(s, modbus + "/retries")).isEqualTo(em.retries());
    assertThat(duration(s, modbus + "/retry_backoff")).isEqualTo(em.retryBackoff());
    assertThat(number(s, modbus + "/max_gap")).isEqualTo(em.maxGap());
    String fields = "/$defs/modbusPointFields/properties";
    assertThat(RegisterOrder.valueOf(text(s, fields + "/order")))
        .isEqualTo(em.points().get(0).register().order());
    assertThat(s.at(fields + "/scale/default").asDouble())
        .isEqualTo(em.points().get(0).register().scale());
    DeviceConfig.SerialLine line =
        ((DeviceConfig.Modbus) c.devices().get(2)).serial().orElseThrow();
    String serial = modbus + "/serial/properties";
    assertThat(number(s, serial + "/baud")).isEqualTo(line.baudRate());
    assertThat(text(s, serial + "/parity")).isEqualTo(lower(line.parity()));
    assertThat(number(s, serial + "/stop_bits")).isEqualTo(line.stopBits());
  }

  private static String text(JsonNode schema, String property) {
    JsonNode d = schema.at(property + "/default");
    assertThat(d.isMissingNode()).as(property + " documents its default").isFalse();
    return d.asText();
  }

  private static int number(JsonNode schema, String property) {
    return Integer.parseInt(text(schema, property));
  }

  private static Duration duration(JsonNode schema, String property) {
    return Duration.parse(text(schema, property));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
