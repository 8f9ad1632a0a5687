package org.energytrace.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.MeterDriverContract;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;
import org.energytrace.gateway.poll.MeterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gateway's Modbus driver against the simulator's digitalpetri Modbus TCP server. */
class ModbusMeterDriverIT {

  private static SimulatedPlant plant;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start();
    plant.tick(Duration.ofSeconds(1));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  static DeviceConfig.Modbus device(String id) {
    return plant.demoConfig().devices().stream()
        .filter(d -> d.id().equals(id))
        .map(DeviceConfig.Modbus.class::cast)
        .findFirst()
        .orElseThrow();
  }

  abstract static class AgainstSimulatedMeter extends MeterDriverContract {

    abstract String deviceId();

    @Override
    protected MeterDriver driverForRunningDevice() {
      return new ModbusMeterDriver(device(deviceId()), Clock.systemUTC());
    }

    @Override
    protected List<Expected> expectedValues() {
      return device(deviceId()).points().stream()
          .map(
              p -> {
                MeterChannel m = (MeterChannel) p.target();
                return new Expected(m, plant.served(m.meter(), m.channel()).value());
              })
          .toList();
    }

    @Override
    protected MeterDriver driverForUnreachableDevice() {
      DeviceConfig.Modbus d = device(deviceId());
      return new ModbusMeterDriver(
          new DeviceConfig.Modbus(
              d.id(),
              "127.0.0.1",
              FreePorts.next(),
              d.unitId(),
              Duration.ofMillis(500),
              d.points()),
          Clock.systemUTC());
    }
  }

  /** Unit 1: Eastron SDM630 layout, input registers, float32 (power in W read as kW). */
  @Nested
  class EastronSdm630 extends AgainstSimulatedMeter {
    @Override
    String deviceId() {
      return "line2-em";
    }

    @Test
    void readsTheSimulatorsLine2PowerInKilowattsRoundedToFloat32() {
      double modelKw = plant.served("line2-em", "AcActivePowerTotal").value();
      try (MeterDriver driver = driverForRunningDevice()) {
        Reading power = driver.poll().get(0);
        assertThat(power.value()).isEqualTo(modelKw).isBetween(20.0, 250.0);
      }
    }
  }

  /** Unit 2: Schneider iEM3xxx layout, holding registers, int64 Wh read as exact kWh. */
  @Nested
  class SchneiderIem3000 extends AgainstSimulatedMeter {
    @Override
    String deviceId() {
      return "line3-em";
    }

    @Test
    void readsEnergyAsWholeWattHoursInKilowattHours() {
      try (MeterDriver driver = driverForRunningDevice()) {
        double kwh = driver.poll().get(1).value();
        assertThat(Math.round(kwh * 1000) / 1000.0).isEqualTo(kwh);
        assertThat(kwh).isGreaterThan(2_311_902.75);
      }
    }
  }

  /** Unit 3: the boiler gas meter, uint32 in 0.01 m³. */
  @Nested
  class BoilerGasMeter extends AgainstSimulatedMeter {
    @Override
    String deviceId() {
      return "boiler-gas";
    }
  }

  @Nested
  class Failures {

    @Test
    void marksOnlyTheRegisterOutsideTheMapBadWhenTheMeterAnswersException02() {
      DeviceConfig.Modbus sdm = device("line2-em");
      List<ModbusPoint> points = new ArrayList<>(sdm.points());
      points.add(
          1,
          new ModbusPoint(
              MeterChannel.gauge("line2-em", "AcReactivePowerTotal", "KWT"),
              new RegisterSpec(4, 0x003C, DataType.FLOAT32, RegisterOrder.ABCD, 1)));
      try (MeterDriver driver =
          new ModbusMeterDriver(
              new DeviceConfig.Modbus(
                  sdm.id(), sdm.host(), sdm.port(), sdm.unitId(), sdm.timeout(), points),
              Clock.systemUTC())) {
        List<Reading> readings = driver.poll();
        assertThat(readings)
            .extracting(Reading::quality)
            .containsExactly(
                Quality.GOOD, Quality.BAD, Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.GOOD);
      }
    }

    @Test
    void keepsReadingOtherDevicesWhileOneUnitIdDoesNotAnswer() {
      DeviceConfig.Modbus gas = device("boiler-gas");
      try (MeterDriver silent =
              new ModbusMeterDriver(
                  new DeviceConfig.Modbus(
                      "ghost", gas.host(), gas.port(), 99, Duration.ofMillis(300), gas.points()),
                  Clock.systemUTC());
          MeterDriver healthy = new ModbusMeterDriver(gas, Clock.systemUTC())) {
        assertThat(silent.poll()).extracting(Reading::quality).containsOnly(Quality.BAD);
        assertThat(healthy.poll()).extracting(Reading::quality).containsOnly(Quality.GOOD);
      }
    }
  }
}
