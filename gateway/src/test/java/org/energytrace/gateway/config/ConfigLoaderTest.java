package org.energytrace.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static ConfigLoader withEnv(Map<String, String> env) {
    return new ConfigLoader(env::get);
  }

  @Nested
  class DemoConfig {

    @Test
    void loadsThePackagedDemoConfigWithItsDefaults() {
      GatewayConfig config = withEnv(Map.of()).load("classpath:demo/gateway.yaml");

      assertThat(config.gateway().id()).isEqualTo("gw-demo-01");
      assertThat(config.gateway().topic("telemetry"))
          .isEqualTo("et/v1/demo-brewery/plant-1/gw-demo-01/telemetry");
      assertThat(config.mqtt().url()).isEqualTo(URI.create("tcp://localhost:1883"));
      assertThat(config.mqtt().username()).isEmpty();
      assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
      assertThat(config.publish().maxPointsPerMessage()).isEqualTo(100);
      assertThat(config.devices())
          .extracting(DeviceConfig::id)
          .containsExactly("plc-opcua", "line2-em", "line3-em", "boiler-gas");

      DeviceConfig.OpcUa plc = (DeviceConfig.OpcUa) config.devices().get(0);
      assertThat(plc.endpoint()).isEqualTo(URI.create("opc.tcp://localhost:4840/energytrace"));
      OpcUaPoint energy = plc.points().get(1);
      assertThat(energy.target())
          .isEqualTo(MeterChannel.counter("line1-em", "AcActiveEnergyTotalImport", "KWH", 64));
      assertThat(energy.node())
          .isEqualTo("nsu=urn:energytrace:simulator;s=Line1.Electricity.AcActiveEnergyTotalImport");
    }

    @Test
    void defaultsTheMeterOfAModbusPointToItsDeviceId() {
      GatewayConfig config = withEnv(Map.of()).load("classpath:demo/gateway.yaml");
      DeviceConfig.Modbus line2 = (DeviceConfig.Modbus) config.devices().get(1);

      ModbusPoint power = line2.points().get(0);
      assertThat(power.target())
          .isEqualTo(MeterChannel.gauge("line2-em", "AcActivePowerTotal", "KWT"));
      assertThat(power.register())
          .isEqualTo(new RegisterSpec(4, 0x0034, DataType.FLOAT32, RegisterOrder.ABCD, 0.001));
      assertThat(line2.unitId()).isEqualTo(1);
      assertThat(line2.port()).isEqualTo(5020);
    }

    @Test
    void resolvesEnvironmentPlaceholdersInsideLongerStrings() {
      GatewayConfig config =
          withEnv(
                  Map.of(
                      "ET_SIM_HOST", "simulator",
                      "ET_OPCUA_PORT", "14840",
                      "ET_MODBUS_PORT", "15020",
                      "ET_MQTT_USERNAME", "gw-demo-01",
                      "ET_MQTT_PASSWORD", "s3cret"))
              .load("classpath:demo/gateway.yaml");

      DeviceConfig.OpcUa plc = (DeviceConfig.OpcUa) config.devices().get(0);
      assertThat(plc.endpoint()).isEqualTo(URI.create("opc.tcp://simulator:14840/energytrace"));
      DeviceConfig.Modbus gas = (DeviceConfig.Modbus) config.devices().get(3);
      assertThat(gas.host()).isEqualTo("simulator");
      assertThat(gas.port()).isEqualTo(15020);
      assertThat(config.mqtt().username()).contains("gw-demo-01");
      assertThat(config.mqtt().password()).contains("s3cret");
    }
  }

  @Nested
  class InvalidConfig {

    private static final String BROKEN =
        """
        gateway: {id: GW 1, enterprise: demo-brewery, site: plant-1, data_dir: ./data}
        mqtt: {url: "http://localhost:1883", password: "${ENV:ET_SECRET}"}
        poll_interval: 1s
        devices:
          - id: plc
            protocol: opcua
            endpoint: opc.tcp://localhost:4840/x
            points:
              - {meter: m1, channel: AcActivePowerTotal, node: "ns=2;s=P"}
              - {meter: m1, channel: AcActiveEnergyTotalImport, unit: KWH, kind: counter, node: "ns=2;s=E"}
          - id: em
            protocol: modbus
            host: localhost
            unit_id: 300
            points:
              - {channel: AcActivePowerTotal, function: 5, address: 0x0034, type: float33, unit: KWT, scael: 1}
          - id: x
            protocol: bacnet
        """;

    @Test
    void reportsEveryInvalidFieldWithFileLineAndPath() {
      assertThatThrownBy(() -> withEnv(Map.of()).parse("broken.yaml", BROKEN))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e -> {
                ConfigException ce = (ConfigException) e;
                assertThat(ce.problems())
                    .extracting(Object::toString)
                    .anySatisfy(p -> assertThat(p).startsWith("broken.yaml:1: gateway.id: 'GW 1'"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("broken.yaml:2: mqtt.url: must be a tcp"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:2: mqtt.password: environment variable ET_SECRET"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("broken.yaml:3: poll_interval: must be an ISO-8601"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:9: devices[0].points[0].unit: is required"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:10: devices[0].points[1]: a counter needs counter_bits"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("broken.yaml:14: devices[1].unit_id: must be 0..255"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:16: devices[1].points[0].function: must be 3..4"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:16: devices[1].points[0].type: must be one of"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:16: devices[1].points[0].scael: unknown key"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "broken.yaml:18: devices[2].protocol: must be opcua or modbus"));
                assertThat(ce.getMessage()).startsWith("invalid configuration broken.yaml (");
                // printed in the order of the file's lines, as an editor shows them
                assertThat(ce.problems())
                    .extracting(ConfigException.Problem::line)
                    .isSortedAccordingTo(
                        java.util.Comparator.comparingInt(
                            line -> line > 0 ? line : Integer.MAX_VALUE));
              });
    }

    // README, "Configuration": the whole file is checked and every problem printed in one run;
    // the checks beyond the schema (templates, register widths, overlaps, files, a channel read
    // twice) ran only once the schema found nothing, so a file took four runs to fix
    @Test
    void reportsTheSchemasProblemsAndTheChecksBeyondItInOneRun() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "http://localhost:1883", tls: {ca_file: /nonexistent/ca.pem}}
          poll_interval: 1s
          devices:
            - id: plc
              protocol: opcua
              endpoint: http://plc:4840
              points:
                - {meter: m1, channel: AcActivePowerTotal, unit: KWT, node: "ns=2;s=P"}
                - {meter: m1, channel: AcActiveEnergyTotalImport, unit: KWH, kind: counter, node: "ns=2;s=E"}
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 300
              template: eastron-sdm603
            - id: em2
              protocol: modbus
              host: localhost
              unit_id: 1
              timeout: 2s
              points:
                - {meter: m1, channel: AcActivePowerTotal, function: 3, address: 10, type: float32, unit: KWT}
                - {channel: E, function: 3, address: 0, type: int16, unit: WHR, kind: counter, counter_bits: 64}
                - {channel: P, function: 3, address: 0, type: float32, unit: KWT}
            - {id: em2, protocol: bacnet}
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("all.yaml", yaml))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).problems())
                      .extracting(p -> p.line() + ": " + p.path())
                      .containsExactly(
                          "2: mqtt.url",
                          "2: mqtt.tls.ca_file",
                          "3: poll_interval",
                          "7: devices[0].endpoint",
                          "10: devices[0].points[1]",
                          "14: devices[1].unit_id",
                          "15: devices[1].template",
                          "20: devices[2].timeout",
                          "22: devices[2].points[0]",
                          "23: devices[2].points[1].counter_bits",
                          "24: devices[2].points[2]",
                          "25: devices[3].protocol",
                          "25: devices[3].id"))
          .hasMessageContaining("all.yaml:2: mqtt.tls.ca_file: cannot read /nonexistent/ca.pem")
          .hasMessageContaining(
              "all.yaml:7: devices[0].endpoint: must be an opc.tcp:// URL with a host, was"
                  + " 'http://plc:4840'")
          .hasMessageContaining(
              "all.yaml:15: devices[1].template: unknown template 'eastron-sdm603' (built in:"
                  + " eastron-sdm630,")
          .hasMessageContaining(
              "all.yaml:22: devices[2].points[0]: meter m1 channel AcActivePowerTotal is already"
                  + " read by devices[0].points[0]")
          .hasMessageContaining(
              "all.yaml:23: devices[2].points[1].counter_bits: counter_bits 64 is wider than the"
                  + " int16 register (16 bits)")
          .hasMessageContaining(
              "all.yaml:24: devices[2].points[2]: registers 0..1 (function 3) overlap channel E"
                  + " at 0..0");
    }

    // a point with a problem of its own is left out of the device's further checks, its
    // neighbours are not; a device whose unit_id is wrong still has its template merged
    @Test
    void checksATemplateDevicesPointsBesideTheProblemsOfItsOtherKeys() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 300
              template: eastron-sdm630
              points:
                - {channel: AcActivePowerTotal, unit: kW, address: 0}
                - {channel: Extra, function: 4, address: 0, type: float32, unit: VLT}
                - 5
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("t.yaml", yaml))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).problems())
                      .extracting(p -> p.line() + ": " + p.path())
                      .containsExactly(
                          "8: devices[0].unit_id",
                          "11: devices[0].points[0].unit",
                          "12: devices[0].points[1]",
                          "13: devices[0].points[2]"))
          .hasMessageContaining(
              "t.yaml:12: devices[0].points[1]: registers 0..1 (function 4) overlap channel"
                  + " AcVoltageL1N at 0..1 from template eastron-sdm630");
    }

    // units are UN/CEFACT common codes (UNECE Recommendation 20; asyncapi.yaml): a symbol is
    // answered with its code, not with the schema's pattern ^[A-Z0-9]{2,3}$
    @Test
    void namesTheCodeOfAUnitWrittenAsASymbol() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              points:
                - {channel: A, function: 4, address: 0, type: float32, unit: kW}
                - {channel: B, function: 4, address: 2, type: float32, unit: kwh}
                - {channel: C, function: 4, address: 4, type: float32, unit: m³/h}
                - {channel: D, function: 4, address: 6, type: float32, unit: kWh/h}
                - {function: 4, address: 8, type: float32, production: {line: l, product: p, unit: pcs}}
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("u.yaml", yaml))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).problems())
                      .extracting(Object::toString)
                      .containsExactly(
                          "u.yaml:10: devices[0].points[0].unit: 'kW' is a unit symbol; write its"
                              + " UN/CEFACT code KWT",
                          "u.yaml:11: devices[0].points[1].unit: 'kwh': UN/CEFACT codes are"
                              + " written in capitals: KWH",
                          "u.yaml:12: devices[0].points[2].unit: 'm³/h' is a unit symbol; write"
                              + " its UN/CEFACT code MQH",
                          "u.yaml:13: devices[0].points[3].unit: 'kWh/h' is not a UN/CEFACT"
                              + " common code (UNECE Recommendation 20: 2 or 3 capitals or"
                              + " digits, e.g. KWH for kWh, KWT for kW, MTQ for m³, MQH for m³/h)",
                          "u.yaml:14: devices[0].points[4].production.unit: 'pcs' is a unit"
                              + " symbol; write its UN/CEFACT code H87"))
          .hasMessageNotContaining("does not match");
    }

    @Test
    void refusesACodeTheIngestServiceDoesNotTakeListingThoseItDoes() {
      // "XYZ" passed the check (2–3 capitals), and every reading of the point was quarantined
      // as an unknown UNECE unit code once the gateway ran
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              points:
                - {channel: A, function: 4, address: 0, type: float32, unit: XYZ}
                - {channel: B, function: 4, address: 2, type: float32, unit: C62}
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("u.yaml", yaml))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).problems())
                      .extracting(Object::toString)
                      .singleElement()
                      .asString()
                      .startsWith(
                          "u.yaml:10: devices[0].points[0].unit: 'XYZ' is not a unit code the"
                              + " ingest service takes")
                      .contains("KWH, WHR")
                      .endsWith("PAL, H87"));
    }

    @Test
    void refusesTheSameMeterChannelReadTwice() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              points:
                - {channel: AcActivePowerTotal, function: 4, address: 52, type: float32, unit: KWT}
                - {channel: AcActivePowerTotal, function: 4, address: 54, type: float32, unit: KWT}
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("dup.yaml", yaml))
          .hasMessageContaining(
              "dup.yaml:11: devices[0].points[1]: meter em channel AcActivePowerTotal is already read by devices[0].points[0]");
    }

    // the schema checks the value the gateway will use, so a placeholder's value is checked too
    @Test
    void checksAPlaceholdersValueAtItsKey() {
      String yaml =
          """
          gateway: {id: gw, enterprise: "${ENV:ET_ENTERPRISE}", site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: "${ENV:ET_POLL:PT1S}"
          devices:
            - id: em
              protocol: modbus
              host: localhost
              port: ${ENV:ET_PORT:502}
              unit_id: 1
              points:
                - {channel: AcActivePowerTotal, function: 4, address: 52, type: float32, unit: KWT}
          """;
      assertThat(
              withEnv(Map.of("ET_ENTERPRISE", "acme", "ET_PORT", "5020"))
                  .parse("ok.yaml", yaml)
                  .devices())
          .singleElement()
          .satisfies(d -> assertThat(((DeviceConfig.Modbus) d).port()).isEqualTo(5020));
      assertThatThrownBy(
              () ->
                  withEnv(Map.of("ET_ENTERPRISE", "Acme Ltd", "ET_PORT", "70000", "ET_POLL", "1s"))
                      .parse("env.yaml", yaml))
          .hasMessageContaining("env.yaml:1: gateway.enterprise: 'Acme Ltd' does not match")
          .hasMessageContaining("env.yaml:3: poll_interval: must be an ISO-8601 duration")
          .hasMessageContaining("env.yaml:8: devices[0].port: must be 1..65535, was 70000");
      assertThatThrownBy(
              () ->
                  withEnv(Map.of("ET_ENTERPRISE", "acme", "ET_PORT", "abc")).parse("a.yaml", yaml))
          .hasMessageContaining("a.yaml:8: devices[0].port: must be an integer, was 'abc'")
          .hasMessageContaining("(1 problem)");
    }

    @Test
    void namesTheTemplateLineOfAPointItRefusesAndEveryProblemAtOnce(@TempDir Path dir)
        throws Exception {
      Path template = dir.resolve("my-meter.yaml");
      Files.writeString(
          template,
          """
          name: my-meter
          manual: my manual p. 3
          defaults: {function: 4, type: float32}
          points:
            - {channel: AcVoltageL1N, address: 0, unit: VLT}
            - {channel: AcActivePowerTotal, address: 1, unit: KWT}
            - {channel: AcCurrentL1, address: 6, unit: AMP, scale_register: 200}
          """);
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              template: %s
          """
              .formatted(template);
      // the float with a scale register and the overlap: both, each with its template line
      assertThatThrownBy(() -> withEnv(Map.of()).parse("t.yaml", yaml))
          .hasMessageContaining("(2 problems)")
          .hasMessageContaining(
              "t.yaml:9: devices[0].template.AcCurrentL1.scale_register: a scale-factor register"
                  + " scales integers, not FLOAT32 ("
                  + template
                  + ":7)")
          .hasMessageContaining(
              "t.yaml:9: devices[0].template.AcActivePowerTotal: registers 1..2 (function 4)"
                  + " overlap channel AcVoltageL1N at 0..1 from template my-meter ("
                  + template
                  + ":6)");
    }

    @Test
    void checksAPointAddedToATemplateAsAWholePoint() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              template: eastron-sdm630
              points:
                - {channel: AcActivePowerTotal, unit: KWT, scale: 0.001}
                - {channel: AcReactivePowerTotal, unit: KWT}
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("t.yaml", yaml))
          .hasMessageContaining("t.yaml:12: devices[0].points[1].function: is required")
          .hasMessageContaining("t.yaml:12: devices[0].points[1].address: is required")
          .hasMessageContaining("(3 problems)");
    }

    @Test
    void refusesASecretWrittenInTheFileAKeyGivenTwiceAndABrokerPortOutOfRange() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://127.0.0.1:99999", password: secret123}
          poll_interval: PT1S
          poll_interval: PT2S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              points:
                - {channel: AcActivePowerTotal, function: 4, address: 52, type: float32, unit: KWT}
          """;
      // the duplicate is one problem among the others, at the line where the key is given again
      assertThatThrownBy(() -> withEnv(Map.of()).parse("dup.yaml", yaml))
          .hasMessageContaining("(3 problems)")
          .hasMessageContaining(
              "dup.yaml:4: poll_interval: given twice (first on line 3); write each key once")
          .hasMessageContaining("dup.yaml:2: mqtt.password: secrets come from the environment")
          .hasMessageContaining("dup.yaml:2: mqtt.url: must be a tcp or ssl:// URL")
          .hasMessageNotContaining("secret123");
      String once = yaml.replace("poll_interval: PT2S\n", "");
      assertThatThrownBy(() -> withEnv(Map.of()).parse("s.yaml", once))
          .hasMessageContaining(
              "s.yaml:2: mqtt.password: secrets come from the environment: write ${ENV:NAME}")
          .hasMessageContaining("s.yaml:2: mqtt.url: must be a tcp or ssl:// URL")
          .hasMessageNotContaining("secret123");
      // from the environment, the same password is taken
      String fromEnv =
          once.replace("password: secret123", "password: \"${ENV:ET_PW}\"")
              .replace(":99999", ":1883");
      assertThat(withEnv(Map.of("ET_PW", "secret123")).parse("e.yaml", fromEnv).mqtt().password())
          .contains("secret123");
    }

    // YAML 1.2 §3.2.1.1: the keys of a mapping are unique. A key given twice stopped the parse,
    // and that one line hid every other problem of the file
    @Test
    void reportsAKeyGivenTwiceBesideTheOtherProblemsAndChecksItsLastValue() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt:
            url: "tcp://localhost:1883"
            password: hunter2
          poll_interval: PT1S
          devices: line2
          poll_interval: 1s
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("bad2.yaml", yaml))
          .isInstanceOf(ConfigException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).problems())
                      .extracting(Object::toString)
                      .containsExactly(
                          "bad2.yaml:4: mqtt.password: secrets come from the environment: write"
                              + " ${ENV:NAME}, not the secret",
                          "bad2.yaml:6: devices: must be a list, was 'line2'",
                          "bad2.yaml:7: poll_interval: given twice (first on line 5); write each"
                              + " key once",
                          "bad2.yaml:7: poll_interval: must be an ISO-8601 duration like PT1S,"
                              + " was '1s'"));
      // in a nested mapping too, and in a register-map template
      String nested =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d, site: t}
          mqtt: {url: "tcp://localhost:1883"}
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              points:
                - {channel: P, function: 4, address: 0, type: float32, unit: KWT}
              unit_id: 300
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("n.yaml", nested))
          .hasMessageContaining("(3 problems)")
          .hasMessageContaining("n.yaml:1: gateway.site: given twice (first on line 1)")
          .hasMessageContaining("n.yaml:11: devices[0].unit_id: given twice (first on line 8)")
          .hasMessageContaining("n.yaml:11: devices[0].unit_id: must be 0..255, was 300");
      assertThat(
              RegisterMapTemplate.parse(
                      "t.yaml",
                      "name: t\nmanual: m\nname: u\npoints:\n"
                          + "  - {channel: P, function: 4, address: 0, type: float32, unit: KWT}\n")
                  .problems())
          .extracting(Object::toString)
          .containsExactly("t.yaml:3: name: given twice (first on line 1); write each key once");
    }

    @Test
    void reportsAYamlSyntaxErrorOnOneLineWithItsLineAndColumn() {
      assertThatThrownBy(() -> withEnv(Map.of()).parse("bad.yaml", "gateway: {id: x\nmqtt: ]\n"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("bad.yaml:2: (document): not valid YAML at column ")
          .hasMessageContaining("(parsing a flow mapping from line 1)")
          .hasMessageNotContaining("in 'reader'");
      // a tab is named, at its own line (Jackson's location says the line before)
      String tab = "gateway:\n  id: g\nmqtt:\n  url: tcp://127.0.0.1:1883\n\tqos: 1\n";
      assertThatThrownBy(() -> withEnv(Map.of()).parse("tab.yaml", tab))
          .hasMessageContaining(
              "tab.yaml:5: (document): not valid YAML at column 1: a tab character: YAML indents"
                  + " with spaces only")
          .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(2));
    }

    @Test
    void refusesAValueWhereAListOfDevicesOrPointsBelongs() {
      String yaml =
          """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: {url: "tcp://127.0.0.1:1883"}
          poll_interval: PT1S
          devices: foo
          """;
      assertThatThrownBy(() -> withEnv(Map.of()).parse("d.yaml", yaml))
          .hasMessageContaining("d.yaml:4: devices: must be a list, was 'foo'")
          .hasMessageNotContaining("must not be empty");
      String points =
          yaml.replace(
              "devices: foo",
              "devices:\n  - {id: em, protocol: modbus, host: localhost, unit_id: 1, points: 7}");
      assertThatThrownBy(() -> withEnv(Map.of()).parse("p.yaml", points))
          .hasMessageContaining("p.yaml:5: devices[0].points: must be a list, was 7");
    }
  }

  @Nested
  class MqttAndPublishSettings {

    private static String config(String mqtt, String publish) {
      return """
          gateway: {id: gw, enterprise: e, site: s, data_dir: ./d}
          mqtt: %s
          publish: %s
          poll_interval: PT1S
          devices:
            - id: em
              protocol: modbus
              host: localhost
              unit_id: 1
              points:
                - {channel: AcActivePowerTotal, function: 4, address: 52, type: float32, unit: KWT}
          """
          .formatted(mqtt, publish);
    }

    @Test
    void triesMqtt5AndFallsBackByDefaultUnlessTheConfigFixesTheVersion() {
      GatewayConfig auto =
          withEnv(Map.of()).parse("v5.yaml", config("{url: \"tcp://b:1883\"}", "{}"));
      GatewayConfig v311 =
          withEnv(Map.of())
              .parse("v3.yaml", config("{url: \"tcp://b:1883\", version: 3.1.1}", "{}"));
      GatewayConfig explicit5 =
          withEnv(Map.of()).parse("v5.yaml", config("{url: \"tcp://b:1883\", version: 5}", "{}"));

      assertThat(auto.mqtt().version()).isEqualTo(MqttConfig.Version.AUTO);
      assertThat(v311.mqtt().version()).isEqualTo(MqttConfig.Version.V3_1_1);
      assertThat(explicit5.mqtt().version()).isEqualTo(MqttConfig.Version.V5);
    }

    @Test
    void lingersTwoHundredMillisecondsByDefaultOrTheConfiguredMaxLinger() {
      String mqtt = "{url: \"tcp://b:1883\"}";
      assertThat(withEnv(Map.of()).parse("d.yaml", config(mqtt, "{}")).publish().maxLinger())
          .isEqualTo(Duration.ofMillis(200));
      assertThat(
              withEnv(Map.of())
                  .parse("l.yaml", config(mqtt, "{max_linger: PT1.5S}"))
                  .publish()
                  .maxLinger())
          .isEqualTo(Duration.ofMillis(1500));
      assertThat(
              withEnv(Map.of())
                  .parse("z.yaml", config(mqtt, "{max_linger: PT0S}"))
                  .publish()
                  .maxLinger())
          .isZero();
    }

    @Test
    void refusesANegativeOrHourLongMaxLingerWithItsLine() {
      String mqtt = "{url: \"tcp://b:1883\"}";
      assertThatThrownBy(
              () -> withEnv(Map.of()).parse("n.yaml", config(mqtt, "{max_linger: PT-1S}")))
          .hasMessageContaining("n.yaml:3: publish.max_linger: must be at least PT0S");
      assertThatThrownBy(
              () -> withEnv(Map.of()).parse("h.yaml", config(mqtt, "{max_linger: PT1H}")))
          .hasMessageContaining("h.yaml:3: publish.max_linger: must be at most PT1M");
    }

    @Test
    void refusesAnMqttVersionOtherThan5Or311WithItsLine() {
      assertThatThrownBy(
              () ->
                  withEnv(Map.of())
                      .parse("v.yaml", config("{url: \"tcp://b:1883\", version: 3.1}", "{}")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("v.yaml:2: mqtt.version: must be auto, 5 or 3.1.1");
    }
  }
}
