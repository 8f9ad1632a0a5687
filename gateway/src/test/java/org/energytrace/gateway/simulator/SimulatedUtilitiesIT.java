package org.energytrace.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.config.ConfigLoader;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.runtime.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the simulated brewery's water and heat meters, read the way a plant reads them — the
 * brewhouse water meter and heat meter over Modbus through the shipped templates ({@code
 * xylem-magflux}, {@code diehl-sharky-775}), the main water meter over OPC UA as the demo config
 * reads it — against the real Milo and digitalpetri servers of the simulator.
 */
class SimulatedUtilitiesIT {

  private static List<Reading> pollOnce(GatewayConfig config, int device) {
    try (MeterDriver driver = GatewayRuntime.drivers(config, Clock.systemUTC()).get(device)) {
      return driver.poll();
    }
  }

  private static double value(List<Reading> readings, String channel) {
    return readings.stream()
        .filter(
            r -> r.target() instanceof PointTarget.MeterChannel m && m.channel().equals(channel))
        .peek(r -> assertThat(r.quality()).as(channel).isEqualTo(Quality.GOOD))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no reading of " + channel))
        .value();
  }

  @Test
  void theTemplatesReadTheBrewhouseWaterAndHeatMetersTheSimulatorServes() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      plant.tick(Duration.ofMinutes(30));
      GatewayConfig config =
          new ConfigLoader(Map.<String, String>of()::get)
              .parse(
                  "utilities.yaml",
                  """
                  gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: /tmp/gw}
                  mqtt: {url: "tcp://127.0.0.1:1883"}
                  poll_interval: PT1S
                  devices:
                    - {id: water-brewhouse, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: 4, template: xylem-magflux}
                    - {id: brewhouse-heat, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: 5, template: diehl-sharky-775}
                  """
                      .formatted(plant.modbusPort, plant.modbusPort));

      List<Reading> water = pollOnce(config, 0);
      for (String channel : List.of("WaterVolumeTotal", "WaterVolumeTotalReverse", "WaterFlow")) {
        assertThat(value(water, channel))
            .as(channel)
            .isEqualTo(plant.served("water-brewhouse", channel).value());
      }
      assertThat(value(water, "WaterFlow")).isGreaterThan(1); // m³/h, running lines

      List<Reading> heat = pollOnce(config, 1);
      for (String channel :
          List.of(
              "HeatEnergyTotal",
              "HeatVolumeTotal",
              "HeatPower",
              "HeatFlow",
              "SupplyTemperature",
              "ReturnTemperature",
              "TemperatureDifference")) {
        assertThat(value(heat, channel))
            .as(channel)
            .isEqualTo(plant.served("brewhouse-heat", channel).value());
      }
      assertThat(value(heat, "TemperatureDifference")).isEqualTo(15.0);
    }
  }

  @Test
  void theDemoConfigReadsTheMainWaterCounterInCubicMetresOverOpcUa() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      plant.tick(Duration.ofSeconds(1));
      GatewayConfig demo = plant.demoConfig();
      // the PLC device; its EngineeringUnits for the water node is MTQ, as configured
      List<Reading> plc = pollOnce(demo, 0);
      double served = plant.served("water-main", "WaterVolumeTotal").value();
      assertThat(value(plc, "WaterVolumeTotal")).isEqualTo(served);
      assertThat(
              plc.stream()
                  .map(Reading::target)
                  .filter(
                      t ->
                          t instanceof PointTarget.MeterChannel m && m.meter().equals("water-main"))
                  .toList())
          .containsExactly(
              PointTarget.MeterChannel.counter("water-main", "WaterVolumeTotal", "MTQ", 64),
              PointTarget.MeterChannel.gauge("water-main", "WaterFlow", "MQH"));
      assertThat(value(plc, "WaterFlow"))
          .isEqualTo(plant.served("water-main", "WaterFlow").value());
    }
  }

  @Test
  void theDemoConfigReadsTheSteamMetersHeatInGigajoulesAndMassFlowOverOpcUa() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      plant.tick(Duration.ofMinutes(30));
      GatewayConfig demo = plant.demoConfig();
      // the PLC device; the nodes' EngineeringUnits are GV (GJ) and E18 (t/h), as configured
      List<Reading> plc = pollOnce(demo, 0);
      assertThat(
              plc.stream()
                  .map(Reading::target)
                  .filter(
                      t ->
                          t instanceof PointTarget.MeterChannel m && m.meter().equals("steam-main"))
                  .toList())
          .containsExactly(
              PointTarget.MeterChannel.counter("steam-main", "SteamHeatEnergyTotal", "GV", 64),
              PointTarget.MeterChannel.gauge("steam-main", "SteamMassFlow", "E18"));
      assertThat(value(plc, "SteamHeatEnergyTotal"))
          .isEqualTo(plant.served("steam-main", "SteamHeatEnergyTotal").value());
      double flow = value(plc, "SteamMassFlow");
      assertThat(flow).isEqualTo(plant.served("steam-main", "SteamMassFlow").value());
      // a 2.3 GJ/t steam header fed by 30 % of the boiler's useful heat: a few hundred kg/h to a
      // few t/h while the lines run
      assertThat(flow).isBetween(0.05, 5.0);
    }
  }
}
