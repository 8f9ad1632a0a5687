package org.energytrace.gateway.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.runtime.GatewayRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gateway check}: commissioning, one table line per point. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Validate the config, read every device once and print its current values with units"
            + " and quality (commissioning). Exit 0 when every point reads good, 2 for an invalid"
            + " config, 3 when a device or point could not be read.")
public final class CheckCommand implements Callable<Integer> {

  /** Exit code when a device or point could not be read. */
  public static final int EXIT_UNREADABLE = 3;

  private static final String ROW = "%-16s %-16s %-28s %20s %-5s %-9s %-24s %s%n";

  @Spec CommandSpec spec;

  @Mixin ConfigFile config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    GatewayConfig loaded = config.load();
    out.println("config " + config.location + ": valid, " + loaded.devices().size() + " devices");
    List<MeterDriver> drivers = GatewayRuntime.drivers(loaded, Clock.systemUTC());
    GatewayRuntime.preflight(loaded, drivers);
    boolean allGood = true;
    out.printf(
        ROW, "DEVICE", "METER/LINE", "CHANNEL", "VALUE", "UNIT", "QUALITY", "TIMESTAMP", "PROBLEM");
    for (MeterDriver driver : drivers) {
      try (driver) {
        allGood &= printDevice(out, driver);
      }
    }
    out.println(allGood ? "all points read good" : "some points could not be read (see above)");
    out.flush();
    return allGood ? 0 : EXIT_UNREADABLE;
  }

  /** Prints one poll of a device; true when every point read good. */
  private boolean printDevice(PrintWriter out, MeterDriver driver) {
    List<Reading> readings = driver.poll();
    Map<PointTarget, String> problems = driver.lastProblems();
    // one cause for every point (an unreachable or untrusted server): say it once
    Set<String> causes = new HashSet<>(problems.values());
    boolean deviceWide =
        readings.size() > 1
            && causes.size() == 1
            && readings.stream().allMatch(r -> r.quality() == Quality.BAD);
    boolean allGood = true;
    for (Reading r : readings) {
      boolean bad = r.quality() == Quality.BAD;
      allGood &= !bad;
      String problem =
          bad && !deviceWide ? config.mention(problems.getOrDefault(r.target(), "")) : "";
      String who;
      String channel;
      String unit;
      if (r.target() instanceof PointTarget.MeterChannel m) {
        who = m.meter();
        channel = m.channel();
        unit = m.unit();
      } else {
        PointTarget.ProductionLine line = (PointTarget.ProductionLine) r.target();
        who = line.line();
        channel = "ProductionCount";
        unit = line.unit();
      }
      out.printf(
          ROW,
          driver.deviceId(),
          who,
          channel,
          bad ? "-" : r.plainValue(),
          unit,
          r.quality().wire(),
          r.ts(),
          problem);
    }
    if (deviceWide) {
      out.println(
          "  device " + driver.deviceId() + ": " + config.mention(causes.iterator().next()));
    }
    return allGood;
  }
}
