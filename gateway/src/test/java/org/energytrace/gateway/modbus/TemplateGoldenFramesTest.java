package org.energytrace.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Map;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.RegisterSpec;
import org.junit.jupiter.api.Test;

/**
 * The register-map templates for water, heat and pulses, checked against frames written from their
 * manuals: the bytes a meter sends for a known value (as bit patterns, so that the expectation does
 * not depend on the code under test) decode to that value through the template's point, address,
 * type, word order and scale.
 */
class TemplateGoldenFramesTest {

  private static DeviceConfig.Modbus device(String template, String points) {
    return (DeviceConfig.Modbus)
        new ConfigLoader(Map.<String, String>of()::get)
            .parse(
                template + ".yaml",
                """
                gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: /tmp/gw}
                mqtt: {url: "tcp://localhost:1883"}
                poll_interval: PT1S
                devices:
                  - {id: m1, protocol: modbus, host: h, unit_id: 1, template: %s%s}
                """
                    .formatted(template, points))
            .devices()
            .get(0);
  }

  private static DeviceConfig.ModbusPoint point(DeviceConfig.Modbus device, String channel) {
    return device.points().stream()
        .filter(p -> ((PointTarget.MeterChannel) p.target()).channel().equals(channel))
        .findFirst()
        .orElseThrow();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void readsTheMagFluxForwardTotalInCubicMillimetresAsExactCubicMetresLowWordFirst() {
    // 205546 module §4.1: U64 at 604..607, LS word first, mm3. 1 234 567 890 123 mm3
    // = 0x0000011F71FB04CB, sent as the words 04CB 71FB 011F 0000
    DeviceConfig.ModbusPoint total = point(device("xylem-magflux", ""), "WaterVolumeTotal");
    RegisterSpec spec = total.register();
    assertThat(spec.address()).isEqualTo(604);
    assertThat(RegisterCodec.decodeExact(hex("04 CB 71 FB 01 1F 00 00"), spec))
        .hasValueSatisfying(
            v -> assertThat(v).isEqualByComparingTo(new BigDecimal("1234.567890123")));
    assertThat(total.target())
        .isEqualTo(PointTarget.MeterChannel.counter("m1", "WaterVolumeTotal", "MTQ", 64));
  }

  @Test
  void readsTheMagFluxFlowInCubicMetresPerSecondAsCubicMetresPerHour() {
    // F32 at 600, low word first, m3/s: 0.015625 m3/s = 0x3C800000 = 56.25 m3/h
    RegisterSpec flow = point(device("xylem-magflux", ""), "WaterFlow").register();
    assertThat(flow.address()).isEqualTo(600);
    assertThat(RegisterCodec.decode(hex("00 00 3C 80"), flow)).isEqualTo(56.25);
  }

  @Test
  void readsTheSharkyHeatMeterFloatsHighWordFirst() {
    // Modbus RTU module §7: F32 big-endian. energy 12345 kWh = 0x4640E400 at register 8,
    // supply 71.75 degC = 0x428F8000 at 46, return 62.5 degC = 0x427A0000 at 54
    DeviceConfig.Modbus sharky = device("diehl-sharky-775", "");
    assertThat(
            RegisterCodec.decode(hex("46 40 E4 00"), point(sharky, "HeatEnergyTotal").register()))
        .isEqualTo(12345.0);
    assertThat(point(sharky, "HeatEnergyTotal").register().address()).isEqualTo(8);
    assertThat(
            RegisterCodec.decode(hex("42 8F 80 00"), point(sharky, "SupplyTemperature").register()))
        .isEqualTo(71.75);
    assertThat(
            RegisterCodec.decode(hex("42 7A 00 00"), point(sharky, "ReturnTemperature").register()))
        .isEqualTo(62.5);
    assertThat(point(sharky, "ReturnTemperature").register().address()).isEqualTo(54);
  }

  @Test
  void countsPulsesAndAppliesThePulseWeightTheDeviceGivesAsScale() {
    // ioLogik E1210: CH3 counter hi word at 30023 (wire 0x0016), lo word at 0x0017.
    // 70 000 pulses = 0x00011170; at 10 L/pulse that is 700 m3
    DeviceConfig.Modbus module =
        device(
            "moxa-iologik-e1210",
            ", points: [{channel: PulseCount3, meter: water-main, unit: MTQ, scale: 0.01}]");
    DeviceConfig.ModbusPoint water = point(module, "PulseCount3");
    assertThat(water.register().function()).isEqualTo(4);
    assertThat(water.register().address()).isEqualTo(0x0016);
    assertThat(RegisterCodec.decodeExact(hex("00 01 11 70"), water.register()))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("700"));
    assertThat(water.target())
        .isEqualTo(PointTarget.MeterChannel.counter("water-main", "PulseCount3", "MTQ", 32));
    // an input without a weight counts pulses
    DeviceConfig.ModbusPoint raw = point(module, "PulseCount0");
    assertThat(RegisterCodec.decode(hex("00 01 11 70"), raw.register())).isEqualTo(70000);
    assertThat(((PointTarget.MeterChannel) raw.target()).unit()).isEqualTo("H87");
    assertThat(module.points()).hasSize(16);
  }
}
