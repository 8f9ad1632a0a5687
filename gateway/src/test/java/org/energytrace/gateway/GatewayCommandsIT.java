package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.energytrace.gateway.fixtures.RegisterImageServer;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commissioning command {@code gateway check} against the in-process simulated plant. */
class GatewayCommandsIT {

  @TempDir Path dir;

  private Path demoConfigFor(SimulatedPlant plant, String energyUnit) throws Exception {
    String yaml;
    try (InputStream in =
        GatewayCommandsIT.class.getClassLoader().getResourceAsStream("demo/gateway.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    yaml =
        yaml.replace("${ENV:ET_SIM_HOST:localhost}", "127.0.0.1")
            .replace("${ENV:ET_OPCUA_PORT:4840}", String.valueOf(plant.opcUaPort))
            .replace("${ENV:ET_MODBUS_PORT:5020}", String.valueOf(plant.modbusPort))
            .replace("${ENV:ET_DATA_DIR:./data/gateway}", dir.resolve("data").toString())
            .replace(
                "unit: KWH, kind: counter, counter_bits: 64, node",
                "unit: " + energyUnit + ", kind: counter, counter_bits: 64, node");
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GatewayMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void checkPrintsATableOfEveryPointWithValueUnitAndQuality() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      plant.tick(Duration.ofSeconds(1));
      Result result = run("check", "--config", demoConfigFor(plant, "KWH").toString());
      assertThat(result.exit()).as(result.out() + result.err()).isZero();
      assertThat(result.out())
          .contains("valid, 4 devices")
          .contains("DEVICE", "CHANNEL", "VALUE", "UNIT", "QUALITY")
          .contains("line2-em", "AcActiveEnergyTotalImport", "KWH", "good")
          .contains("line-1", "ProductionCount", "H87")
          .contains(String.valueOf(plant.served("line2-em", "AcActivePowerTotal").value()))
          .contains("all points read good");
    }
  }

  // OPC 10000-8 §5.6.3; the mismatch read "invalid configuration the servers (1 problem):
  // devices: units: …", with no file, line or point: now it is a problem of the file like any other
  @Test
  void checkFailsWithCode2WhenTheServersUnitDiffersFromTheConfig() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      Path config = demoConfigFor(plant, "MWH");
      int line =
          Files.readAllLines(config).stream()
                  .takeWhile(l -> !l.contains("channel: AcActiveEnergyTotalImport, unit: MWH"))
                  .toList()
                  .size()
              + 1;
      Result result = run("check", "--config", config.toString());
      assertThat(result.exit()).isEqualTo(GatewayMain.EXIT_CONFIG);
      assertThat(result.err())
          .contains("invalid configuration " + config + " (1 problem):")
          .contains(
              config
                  + ":"
                  + line
                  + ": devices[0].points[1].unit: device plc-opcua, meter line1-em channel"
                  + " AcActiveEnergyTotalImport (node"
                  + " nsu=urn:energytrace:simulator;s=Line1.Electricity.AcActiveEnergyTotalImport):"
                  + " the configuration says MWH but the server's EngineeringUnits are KWH"
                  + " (4937544")
          .doesNotContain("the servers", "devices: units:");
    }
  }

  // Modbus Application Protocol v1.1b3 §7: exception responses carry a code that says why
  @Test
  void checkNamesTheModbusExceptionOfEachRefusedPointAndPrintsValuesAsPlainExactDecimals()
      throws Exception {
    try (RegisterImageServer meter = new RegisterImageServer(1)) {
      meter
          .set(0, 0x0123, 0x4567, 0x89AB, 0xCDEF) // uint64 81985529216486895
          .set(4, 0x3800, 0x0000) // float32 2^-15 = 0.000030517578125
          .set(6, 0xEE6B, 0x2800) // uint32 4000000000, scaled by 10
          .failWith(20, com.digitalpetri.modbus.ExceptionCode.SLAVE_DEVICE_BUSY);
      Path config = dir.resolve("check.yaml");
      Files.writeString(
          config,
          """
          gateway: {id: gw-1, enterprise: acme, site: plant-1, data_dir: %s}
          mqtt: {url: "tcp://127.0.0.1:1883"}
          poll_interval: PT1S
          devices:
            - id: m1
              protocol: modbus
              host: 127.0.0.1
              port: %d
              unit_id: 1
              max_gap: 0
              points:
                - {channel: AcActiveEnergyTotalImport, function: 3, address: 0, type: uint64, unit: WHR, kind: counter, counter_bits: 64}
                - {channel: AcActivePowerTotal, function: 3, address: 4, type: float32, unit: KWT}
                - {channel: AcActiveEnergyTotalExport, function: 3, address: 6, type: uint32, scale: 10, unit: WHR, kind: counter, counter_bits: 32}
                - {channel: AcReactivePowerTotal, function: 3, address: 10, type: float32, unit: KWT}
                - {channel: AcApparentPowerTotal, function: 3, address: 20, type: float32, unit: KWT}
                - {channel: AcFrequency, function: 4, address: 0, type: float32, unit: HTZ}
          """
              .formatted(dir.resolve("data"), meter.port));

      Result result = run("check", "--config", config.toString());

      assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(3);
      assertThat(lineOf(result.out(), "AcActiveEnergyTotalImport"))
          .contains(" 81985529216486895 ", "good");
      assertThat(lineOf(result.out(), "AcActivePowerTotal")).contains(" 0.000030517578125 ");
      assertThat(lineOf(result.out(), "AcActiveEnergyTotalExport")).contains(" 40000000000 ");
      assertThat(lineOf(result.out(), "AcReactivePowerTotal"))
          .contains("bad", "Modbus exception 02: illegal data address", "register 10..11");
      assertThat(lineOf(result.out(), "AcApparentPowerTotal"))
          .contains("bad", "Modbus exception 06: server device busy");
      assertThat(lineOf(result.out(), "AcFrequency"))
          .contains("bad", "Modbus exception 01: illegal function", "function 4");
      assertThat(result.out()).doesNotContain("E16", "E-5", "E10");
    }
  }

  private static String lineOf(String table, String channel) {
    return table
        .lines()
        .filter(l -> l.contains(" " + channel + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + channel + " in:\n" + table));
  }
}
