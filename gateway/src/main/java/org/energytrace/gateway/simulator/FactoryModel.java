package org.energytrace.gateway.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small brewery as a pure model: no clock, no I/O. Each line runs two shifts Monday to Saturday
 * 06:00-22:00 (site time) at its nominal rate with a little noise and stands still at night and on
 * Sunday. Electric power is {@code base + k × rate × (1 − saving)}, the saving applying from the
 * measure date; energy and production counters integrate power and rate. The boiler burns {@code
 * base + k_gas × total rate × (1 − saving)} m³/h.
 */
public final class FactoryModel {

  static final double GAS_BASE_M3_PER_HOUR = 12;
  static final double GAS_M3_PER_UNIT = 0.01;
  static final double GAS_START_M3 = 853_210.37;
  private static final Duration MAX_STEP = Duration.ofMinutes(1);

  private final SimulationParameters parameters;
  private final List<LineSpec> specs;
  private final Random random;
  private final double[] energyKwh;
  private final double[] count;
  private double gasM3 = GAS_START_M3;
  private Instant now;
  private PlantSnapshot last;

  public FactoryModel(SimulationParameters parameters, List<LineSpec> specs, Instant start) {
    this.parameters = parameters;
    this.specs = List.copyOf(specs);
    this.random = new Random(parameters.seed());
    this.energyKwh = new double[specs.size()];
    this.count = new double[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      energyKwh[i] = specs.get(i).startEnergyKwh();
      count[i] = specs.get(i).startCount();
    }
    this.now = start;
    this.last = step(Duration.ZERO);
  }

  public static FactoryModel demoBrewery(SimulationParameters parameters, Instant start) {
    return new FactoryModel(parameters, LineSpec.demoBrewery(), start);
  }

  /** Whether the lines run at this instant (two shifts Mon-Sat 06:00-22:00 site time). */
  public boolean shiftRunning(Instant at) {
    ZonedDateTime local = at.atZone(parameters.zone());
    return local.getDayOfWeek() != DayOfWeek.SUNDAY && local.getHour() >= 6 && local.getHour() < 22;
  }

  /** Whether the energy-saving measure is in place at this instant. */
  public boolean measureInPlace(Instant at) {
    LocalDate day = at.atZone(parameters.zone()).toLocalDate();
    return !day.isBefore(parameters.measureDate());
  }

  /** Advances the plant to {@code to} (never backwards) and returns its state there. */
  public PlantSnapshot advanceTo(Instant to) {
    while (now.isBefore(to)) {
      Duration step = Duration.between(now, to);
      if (step.compareTo(MAX_STEP) > 0) {
        step = MAX_STEP;
      }
      last = step(step);
    }
    return last;
  }

  public PlantSnapshot snapshot() {
    return last;
  }

  /** Integrates over [now, now + dt] with the rates at the start of the step. */
  private PlantSnapshot step(Duration dt) {
    double hours = dt.toNanos() / 3.6e12;
    boolean running = shiftRunning(now);
    double factor = measureInPlace(now) ? 1 - parameters.savingPercent() / 100 : 1;
    List<PlantSnapshot.Line> lines = new ArrayList<>();
    double totalRate = 0;
    for (int i = 0; i < specs.size(); i++) {
      LineSpec spec = specs.get(i);
      double rate =
          running
              ? Math.max(0, spec.nominalRatePerHour() * (1 + 0.015 * random.nextGaussian()))
              : 0;
      double power =
          Math.max(
              0,
              spec.baseKw()
                  + spec.kwhPerUnit() * rate * factor
                  + 0.01 * spec.baseKw() * random.nextGaussian());
      energyKwh[i] += power * hours;
      count[i] += rate * hours;
      totalRate += rate;
      lines.add(
          new PlantSnapshot.Line(spec.line(), spec.product(), rate, power, energyKwh[i], count[i]));
    }
    double flow =
        Math.max(
            0,
            GAS_BASE_M3_PER_HOUR
                + GAS_M3_PER_UNIT * totalRate * factor
                + 0.3 * random.nextGaussian());
    gasM3 += flow * hours;
    double volts = 230 + 0.8 * random.nextGaussian();
    double line2Kw = lines.size() > 1 ? lines.get(1).powerKw() : 0;
    // Balanced three-phase load at power factor 0.95: I = P / (3 × U_LN × PF).
    double amps = line2Kw * 1000 / (3 * volts * 0.95);
    double hertz = 50 + 0.02 * random.nextGaussian();
    now = now.plus(dt);
    return new PlantSnapshot(
        now,
        lines,
        new PlantSnapshot.Gas(gasM3, flow),
        new PlantSnapshot.Electrical(volts, amps, hertz));
  }
}
