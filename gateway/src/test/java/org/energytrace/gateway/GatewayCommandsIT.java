package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @Test
  void checkFailsWithCode2WhenTheServersUnitDiffersFromTheConfig() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      Result result = run("check", "--config", demoConfigFor(plant, "MWH").toString());
      assertThat(result.exit()).isEqualTo(GatewayMain.EXIT_CONFIG);
      assertThat(result.err())
          .contains("device plc-opcua")
          .contains("Line1.Electricity.AcActiveEnergyTotalImport")
          .contains("configuration says MWH");
    }
  }
}
