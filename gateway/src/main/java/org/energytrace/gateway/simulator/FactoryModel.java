package org.energytrace.gateway.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A small brewery as a pure model: no clock, no I/O. Each line runs two shifts Monday to Saturday
 * 06:00-22:00 (site time) at its nominal rate times the day's demand (0.8-1.0, drawn per line and
 * day from the seed) with a little noise, and stands still at night and on Sunday. Electric power
 * is {@code (base + k × rate) × (1 − saving)}, the saving applying from the measure date to the
 * whole plant (base load included, so the plant's energy at a given output falls by exactly the
 * saving); energy and production counters integrate power and rate. The boiler burns {@code (base +
 * k_gas × total rate) × (1 − saving)} m³/h. Water flows at {@code base + k_water × total rate} m³/h
 * with its own small noise (the energy-saving measure does not touch it, and drawing it does not
 * change the electricity and gas the seed gives); the brewhouse takes a fixed share of it and a
 * fixed share of the boiler's heat.
 *
 * <p>The state at an instant depends only on the parameters, the start and that instant, not on how
 * the model got there: it integrates whole minutes from {@code start}, drawing each minute's rates
 * once, and extrapolates within the current minute at that minute's rates. A history built at
 * 15-minute steps and a live run ticking every second therefore lie on one trajectory, and the same
 * start gives the same values after a restart.
 */
public final class FactoryModel {

  static final double GAS_BASE_M3_PER_HOUR = 12;
  static final double GAS_M3_PER_UNIT = 0.01;
  static final double GAS_START_M3 = 853_210.37;

  static final double WATER_BASE_M3_PER_HOUR = 1.5;
  static final double WATER_M3_PER_UNIT = 0.002;
  static final double WATER_START_M3 = 148_512.25;

  /** The lowest daily demand, as a fraction of the nominal rate. */
  static final double MIN_DEMAND = 0.8;

  private static final Duration GRID = Duration.ofMinutes(1);
  private static final double GRID_HOURS = GRID.toNanos() / 3.6e12;

  private final SimulationParameters parameters;
  private final List<LineSpec> specs;
  private final Random random;
  private final double[] energyKwh;
  private final double[] count;
  private double gasM3 = GAS_START_M3;
  private double waterM3 = WATER_START_M3;

  /** The last grid instant integrated to, and the rates drawn there for the minute after it. */
  private Instant grid;

  private Rates rates;
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
    this.grid = start;
    this.rates = draw(start);
    this.last = at(start);
  }

  public static FactoryModel demoBrewery(SimulationParameters parameters, Instant start) {
    return new FactoryModel(parameters, LineSpec.demoBrewery(), start);
  }

  public SimulationParameters parameters() {
    return parameters;
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

  /**
   * The demand of line {@code index} (0-based) on a site day, as a fraction of its nominal rate:
   * independent per line and day, so that the daily output of the products is not collinear (a
   * baseline regressing energy on each product's output can tell them apart).
   */
  public double demand(int index, LocalDate day) {
    long key = parameters.seed() * 1_000_003L + index * 7_919L + day.toEpochDay() * 104_729L;
    // SplittableRandom mixes its seed: Random's first draws for nearby seeds are
    // nearly linear in the seed, which would make the lines' demands collinear again
    return MIN_DEMAND + (1 - MIN_DEMAND) * new SplittableRandom(key).nextDouble();
  }

  /** Advances the plant to {@code to} (never backwards) and returns its state there. */
  public PlantSnapshot advanceTo(Instant to) {
    if (!to.isAfter(last.at())) {
      return last;
    }
    while (!grid.plus(GRID).isAfter(to)) {
      integrate(GRID_HOURS);
      grid = grid.plus(GRID);
      rates = draw(grid);
    }
    last = at(to);
    return last;
  }

  public PlantSnapshot snapshot() {
    return last;
  }

  /** The rates of one minute, drawn at its start. */
  private record Rates(
      double[] rate,
      double[] power,
      double gasFlow,
      double waterFlow,
      double volts,
      double hertz) {}

  private Rates draw(Instant at) {
    boolean running = shiftRunning(at);
    double factor = measureInPlace(at) ? 1 - parameters.savingPercent() / 100 : 1;
    LocalDate day = at.atZone(parameters.zone()).toLocalDate();
    double[] rate = new double[specs.size()];
    double[] power = new double[specs.size()];
    double totalRate = 0;
    for (int i = 0; i < specs.size(); i++) {
      LineSpec spec = specs.get(i);
      rate[i] =
          running
              ? Math.max(
                  0,
                  spec.nominalRatePerHour() * demand(i, day) * (1 + 0.015 * random.nextGaussian()))
              : 0;
      power[i] =
          Math.max(
              0,
              (spec.baseKw() + spec.kwhPerUnit() * rate[i]) * factor
                  + 0.01 * spec.baseKw() * random.nextGaussian());
      totalRate += rate[i];
    }
    double flow =
        Math.max(
            0,
            (GAS_BASE_M3_PER_HOUR + GAS_M3_PER_UNIT * totalRate) * factor
                + 0.3 * random.nextGaussian());
    double volts = 230 + 0.8 * random.nextGaussian();
    double hertz = 50 + 0.02 * random.nextGaussian();
    // its own stream, keyed by the minute: the seed's stream for energy stays as it was
    double water =
        Math.max(
            0,
            WATER_BASE_M3_PER_HOUR
                + WATER_M3_PER_UNIT * totalRate
                + 0.1
                    * new SplittableRandom(parameters.seed() ^ at.getEpochSecond()).nextGaussian());
    return new Rates(rate, power, flow, water, volts, hertz);
  }

  private void integrate(double hours) {
    for (int i = 0; i < specs.size(); i++) {
      energyKwh[i] += rates.power()[i] * hours;
      count[i] += rates.rate()[i] * hours;
    }
    gasM3 += rates.gasFlow() * hours;
    waterM3 += rates.waterFlow() * hours;
  }

  /** The state at {@code at}, within the minute after {@link #grid}, without changing it. */
  private PlantSnapshot at(Instant at) {
    double hours = Duration.between(grid, at).toNanos() / 3.6e12;
    List<PlantSnapshot.Line> lines = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      LineSpec spec = specs.get(i);
      lines.add(
          new PlantSnapshot.Line(
              spec.line(),
              spec.product(),
              rates.rate()[i],
              rates.power()[i],
              energyKwh[i] + rates.power()[i] * hours,
              count[i] + rates.rate()[i] * hours));
    }
    double line2Kw = lines.size() > 1 ? lines.get(1).powerKw() : 0;
    // Balanced three-phase load at power factor 0.95: I = P / (3 × U_LN × PF).
    double amps = line2Kw * 1000 / (3 * rates.volts() * 0.95);
    return new PlantSnapshot(
        at,
        lines,
        new PlantSnapshot.Gas(gasM3 + rates.gasFlow() * hours, rates.gasFlow()),
        new PlantSnapshot.Electrical(rates.volts(), amps, rates.hertz()),
        new PlantSnapshot.Water(waterM3 + rates.waterFlow() * hours, rates.waterFlow()));
  }
}
