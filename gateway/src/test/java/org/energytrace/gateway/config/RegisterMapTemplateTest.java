package org.energytrace.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.PointTarget;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RegisterMapTemplateTest {

  static final List<String> BUILT_IN = RegisterMapTemplate.BUILT_IN;

  private static final String HEAD =
      """
      gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: /tmp/gw}
      mqtt: {url: "tcp://localhost:1883"}
      poll_interval: PT1S
      devices:
      """;

  private static GatewayConfig parse(String devices) {
    return new ConfigLoader(Map.<String, String>of()::get).parse("site.yaml", HEAD + devices);
  }

  private static DeviceConfig.Modbus only(GatewayConfig config) {
    return (DeviceConfig.Modbus) config.devices().get(0);
  }

  private static ModbusPoint point(DeviceConfig.Modbus device, String channel) {
    return device.points().stream()
        .filter(p -> ((PointTarget.MeterChannel) p.target()).channel().equals(channel))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @FieldSource("BUILT_IN")
  void everyShippedTemplateLoadsWithoutProblemsAndCitesItsManual(String name) {
    RegisterMapTemplate template = RegisterMapTemplate.load(name);
    assertThat(template.problems()).isEmpty();
    assertThat(template.name()).isEqualTo(name);
    assertThat(template.manual()).isNotBlank();
    DeviceConfig.Modbus device =
        only(
            parse(
                "  - {id: m1, protocol: modbus, host: 10.0.0.9, unit_id: 1, template: "
                    + name
                    + "}\n"));
    assertThat(device.points()).hasSameSizeAs(template.points());
  }

  @Nested
  class Addressing {

    @Test
    void subtractsOneFromTheManualsRegisterNumbersInAOneBasedMap() {
      // iEM3xxx manual: total active energy import at register 3204 = wire address 3203 (0x0C83)
      DeviceConfig.Modbus iem =
          only(
              parse(
                  "  - {id: m1, protocol: modbus, host: h, unit_id: 1, template: schneider-iem3xxx-pm5xxx}\n"));
      assertThat(point(iem, "AcActiveEnergyTotalImport").register().address()).isEqualTo(0x0C83);
      assertThat(point(iem, "AcActiveEnergyTotalImport").register().type())
          .isEqualTo(DataType.INT64);
    }

    @Test
    void placesSunSpecOffsetsAtTheModelBaseAndKeepsTheirScaleFactorRegisters() {
      DeviceConfig.Modbus sunspec =
          only(
              parse(
                  "  - {id: m1, protocol: modbus, host: h, unit_id: 1, template: sunspec-203, address_offset: 50070}\n"));
      ModbusPoint imp = point(sunspec, "AcActiveEnergyTotalImport");
      assertThat(imp.register().address()).isEqualTo(50070 + 46);
      assertThat(imp.scaleRegister()).hasValue(50070 + 54);
    }

    @Test
    void rejectsAddressZeroInAOneBasedMap() {
      assertThatThrownBy(
              () ->
                  parse(
                      """
                        - id: m1
                          protocol: modbus
                          host: h
                          unit_id: 1
                          addressing: 1
                          points:
                            - {channel: P, function: 3, address: 0, type: int16, unit: WTT}
                      """))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("site.yaml:11")
          .hasMessageContaining("address 0 does not exist in a 1-based map");
    }
  }

  @Nested
  class Overrides {

    @Test
    void aDeviceOverridesWhatDiffersAndAddsItsOwnPoints() {
      DeviceConfig.Modbus device =
          only(
              parse(
                  """
                    - id: m1
                      protocol: modbus
                      host: h
                      unit_id: 1
                      template: eastron-sdm630
                      points:
                        - {channel: AcActivePowerTotal, unit: KWT, scale: 0.001}
                        - {channel: AcVoltageL2N, function: 4, address: 0x0002, type: float32, unit: VLT}
                  """));
      ModbusPoint power = point(device, "AcActivePowerTotal");
      assertThat(power.register().address()).isEqualTo(0x0034); // kept from the template
      assertThat(power.register().scale()).isEqualTo(0.001);
      assertThat(((PointTarget.MeterChannel) power.target()).unit()).isEqualTo("KWT");
      assertThat(point(device, "AcVoltageL2N").register().address()).isEqualTo(2);
      assertThat(device.points()).hasSize(9);
    }

    @Test
    void namesTheUnknownTemplateAndListsTheBuiltInOnes() {
      assertThatThrownBy(
              () ->
                  parse(
                      "  - {id: m1, protocol: modbus, host: h, unit_id: 1, template: eastron-sdm999}\n"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("devices[0].template")
          .hasMessageContaining("unknown template 'eastron-sdm999'")
          .hasMessageContaining("eastron-sdm630");
    }
  }

  @Nested
  class ImpossibleEntries {

    @Test
    void rejectsTwoValuesInOverlappingRegistersNamingBoth() {
      assertThatThrownBy(
              () ->
                  parse(
                      """
                        - id: m1
                          protocol: modbus
                          host: h
                          unit_id: 1
                          points:
                            - {channel: EnergyA, function: 3, address: 100, type: int64, unit: WHR}
                            - {channel: EnergyB, function: 3, address: 102, type: int32, unit: WHR}
                      """))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("site.yaml:11: devices[0].points[1]")
          .hasMessageContaining(
              "registers 102..103 (function 3) overlap channel EnergyA at 100..103");
    }

    @Test
    void rejectsACounterWiderThanItsRegister() {
      assertThatThrownBy(
              () ->
                  parse(
                      """
                        - id: m1
                          protocol: modbus
                          host: h
                          unit_id: 1
                          points:
                            - {channel: E, function: 3, address: 0, type: uint16, unit: WHR, kind: counter, counter_bits: 32}
                      """))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("counter_bits 32 is wider than the uint16 register (16 bits)");
    }

    @Test
    void rejectsATemplateFileWithoutAManualNamingTheFile() throws Exception {
      Path file = Files.createTempFile("my-meter", ".yaml");
      Files.writeString(
          file,
          """
          name: my-meter
          points:
            - {channel: P, function: 3, address: 0, type: int16, unit: WTT}
          """);
      RegisterMapTemplate template = RegisterMapTemplate.load(file.toString());
      assertThat(template.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.source()).isEqualTo(file.toString());
                assertThat(p.message()).contains("name the manual");
              });
    }
  }
}
