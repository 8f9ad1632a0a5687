package org.energytrace.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.fixtures.RegisterImageServer;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How the Modbus driver reads: coalescing, per-point fallback after an exception, SunSpec scale
 * factors, retries, and values a meter serves as "not available". Against an in-process
 * digitalpetri server whose registers the test sets word by word.
 */
class ModbusReadingIT {

  private static DeviceConfig.Modbus device(int port, String extra, String points) {
    String yaml =
        """
        gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: /tmp/gw}
        mqtt: {url: "tcp://localhost:1883"}
        poll_interval: PT1S
        devices:
          - id: m1
            protocol: modbus
            host: 127.0.0.1
            port: %d
            unit_id: 1
            timeout: PT0.5S
        %s
            points:
        %s
        """
            .formatted(port, extra.indent(4).stripTrailing(), points.indent(6).stripTrailing());
    return (DeviceConfig.Modbus)
        new ConfigLoader(Map.<String, String>of()::get).parse("it.yaml", yaml).devices().get(0);
  }

  private static List<Reading> pollOnce(DeviceConfig.Modbus config) {
    try (ModbusMeterDriver driver = new ModbusMeterDriver(config, Clock.systemUTC())) {
      return driver.poll();
    }
  }

  @Nested
  class Coalescing {

    @Test
    void readsNeighbouringPointsInOneRequest() throws Exception {
      try (RegisterImageServer meter = new RegisterImageServer(1)) {
        meter.set(100, 0, 10, 0, 20, 0x4248, 0x0000); // uint32 10, uint32 20, float32 50.0
        List<Reading> readings =
            pollOnce(
                device(
                    meter.port,
                    "",
                    """
                    - {channel: A, function: 3, address: 100, type: uint32, unit: WTT}
                    - {channel: B, function: 3, address: 102, type: uint32, unit: WTT}
                    - {channel: C, function: 3, address: 104, type: float32, unit: WTT}
                    """));
        assertThat(readings).extracting(Reading::value).containsExactly(10.0, 20.0, 50.0);
        assertThat(meter.requests()).containsExactly(new RegisterImageServer.Request(1, 100, 6));
      }
    }

    // A bridged gap may hold registers the meter does not implement (exception 02, Modbus
    // Application Protocol v1.1b3 §7): the driver then asks point by point, so only a point that
    // really is missing turns bad.
    @Test
    void fallsBackToOneRequestPerPointWhenABridgedGapAnswersIllegalDataAddress() throws Exception {
      try (RegisterImageServer meter = new RegisterImageServer(1)) {
        meter.set(0, 0, 7).set(10, 0, 9); // registers 2..9 are not implemented
        List<Reading> readings =
            pollOnce(
                device(
                    meter.port,
                    "max_gap: 16",
                    """
                    - {channel: A, function: 3, address: 0, type: uint32, unit: WTT}
                    - {channel: B, function: 3, address: 10, type: uint32, unit: WTT}
                    - {channel: Missing, function: 3, address: 20, type: uint32, unit: WTT}
                    """));
        assertThat(readings)
            .extracting(Reading::quality)
            .containsExactly(Quality.GOOD, Quality.GOOD, Quality.BAD);
        assertThat(readings.get(0).value()).isEqualTo(7.0);
        assertThat(readings.get(1).value()).isEqualTo(9.0);
        assertThat(meter.requests()).first().isEqualTo(new RegisterImageServer.Request(1, 0, 22));
      }
    }
  }

  @Nested
  class ScaleFactors {

    // SunSpec model 203: W at offset 18 scaled by W_SF at 22; TotWhImp (acc32) at 46 by TotWh_SF
    // at 54; a scale factor of 0x8000 means "not implemented".
    @Test
    void scalesSunSpecValuesByTheirScaleFactorRegisterAndMarksNotImplementedBad() throws Exception {
      int base = 40070;
      try (RegisterImageServer meter = new RegisterImageServer(1)) {
        meter
            .set(base, 203, 105)
            .set(base + 2, 1234, 0, 0, 0, -2) // A = 12.34 A
            .set(base + 8, 2301, 0, 0, 0, 0, 0, 0, -1) // PhVphA 230.1 V (V_SF at 15)
            .set(base + 16, 5000, -2) // Hz 50.00
            .set(base + 18, 1500, 0, 0, 0, 1) // W = 15000 W
            .set(base + 38, 0, 7, 0, 0, 0, 0, 0, 0) // TotWhExp 7 (x 10^3)
            .set(base + 46, 0x0001, 0x86A0, 0, 0, 0, 0, 0, 0, 3); // TotWhImp 100000 x 10^3
        DeviceConfig.Modbus config = device(meter.port, "template: sunspec-203", "[]");
        List<Reading> readings = pollOnce(config);
        assertThat(readings)
            .extracting(Reading::value)
            .containsExactly(12.34, 230.1, 50.0, 15000.0, 7000.0, 100_000_000.0);
        assertThat(readings).extracting(Reading::quality).containsOnly(Quality.GOOD);

        meter.set(base + 22, 0x8000);
        assertThat(pollOnce(config).get(3).quality()).isEqualTo(Quality.BAD);
      }
    }
  }

  @Nested
  class BadAnswers {

    @Test
    void marksOnlyTheValueBadThatAMeterServesAsNotANumber() throws Exception {
      try (RegisterImageServer meter = new RegisterImageServer(1)) {
        meter.set(0, 0x7FC0, 0x0000, 0x4248, 0x0000); // NaN, then 50.0
        List<Reading> readings =
            pollOnce(
                device(
                    meter.port,
                    "",
                    """
                    - {channel: A, function: 3, address: 0, type: float32, unit: WTT}
                    - {channel: B, function: 3, address: 2, type: float32, unit: WTT}
                    """));
        assertThat(readings)
            .extracting(Reading::quality)
            .containsExactly(Quality.BAD, Quality.GOOD);
      }
    }

    // Some RTU slaves miss the first request after power-up (modbus-meters.md): retry, then give
    // up for this poll only, without trying the remaining requests of a dead device.
    @Test
    void retriesASilentDeviceWithBackoffThenMarksThePollBad() throws Exception {
      try (RegisterImageServer meter = new RegisterImageServer(7)) { // unit 1 never answers
        DeviceConfig.Modbus config =
            device(
                meter.port,
                "retries: 2\nretry_backoff: PT0.01S\nmax_gap: 0",
                """
                - {channel: A, function: 3, address: 0, type: uint16, unit: WTT}
                - {channel: B, function: 3, address: 50, type: uint16, unit: WTT}
                """);
        try (ModbusMeterDriver driver = new ModbusMeterDriver(config, Clock.systemUTC())) {
          assertThat(driver.poll()).extracting(Reading::quality).containsOnly(Quality.BAD);
          assertThat(driver.requestsSent()).isEqualTo(3);
        }
      }
    }
  }

  @Test
  void planUsesNoMoreThan125RegistersPerRequest() {
    DeviceConfig.Modbus config =
        device(
            1502,
            "max_gap: 100",
            """
            - {channel: A, function: 3, address: 0, type: uint16, unit: WTT}
            - {channel: B, function: 3, address: 100, type: uint16, unit: WTT}
            - {channel: C, function: 3, address: 200, type: uint16, unit: WTT}
            """);
    try (ModbusMeterDriver driver = new ModbusMeterDriver(config, Clock.systemUTC())) {
      assertThat(driver.plan()).allSatisfy(b -> assertThat(b.count()).isLessThanOrEqualTo(125));
      assertThat(driver.plan()).hasSize(2);
    }
  }
}
