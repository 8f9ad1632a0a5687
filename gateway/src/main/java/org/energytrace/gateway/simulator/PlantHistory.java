package org.energytrace.gateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.energytrace.gateway.modbus.RegisterCodec;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;

/**
 * The simulated plant's past as a gateway would have read it: the model advanced step by step and
 * every configured point read at each step, with the value the simulator would have served there
 * (OPC UA doubles and whole production counts, Modbus registers rounded as the register map encodes
 * them). Pure: the readings are ordinary readings with quality good and past timestamps, published
 * like any others, so the server derives interval energy and production from them with its own
 * rules.
 */
public final class PlantHistory {

  private PlantHistory() {}

  /**
   * The instant a history of {@code length} before {@code now} starts: local midnight of the site
   * day {@code now − length} falls on, so that its days are complete.
   */
  public static Instant start(Instant now, Duration length, ZoneId zone) {
    LocalDate day = now.minus(length).atZone(zone).toLocalDate();
    return day.atStartOfDay(zone).toInstant();
  }

  /**
   * Advances {@code model} from where it is to {@code to}, reading {@code targets} at every {@code
   * step} from the model's current instant (which is included) up to {@code to}; the model is left
   * at {@code to}, where a live simulator takes over.
   *
   * @throws IllegalArgumentException when a target is not a point of the simulated plant
   */
  public static List<Reading> readings(
      FactoryModel model, List<PointTarget> targets, Instant to, Duration step) {
    if (step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("step must be positive, was " + step);
    }
    Map<PointTarget, ToDoubleFunction<PlantSnapshot>> values = new HashMap<>();
    for (PointTarget target : targets) {
      values.put(target, servedValue(target));
    }
    List<Reading> readings = new ArrayList<>();
    for (Instant t = model.snapshot().at(); t.isBefore(to); t = t.plus(step)) {
      PlantSnapshot s = model.advanceTo(t);
      for (PointTarget target : targets) {
        readings.add(Reading.good(target, t, values.get(target).applyAsDouble(s)));
      }
    }
    model.advanceTo(to);
    return readings;
  }

  /** How the simulator serves a point: the same numbers a gateway reading it live would get. */
  static ToDoubleFunction<PlantSnapshot> servedValue(PointTarget target) {
    if (target instanceof PointTarget.ProductionLine p) {
      int n = lineNumber(p.line());
      // the PLC counts whole units (OPC UA UInt32)
      return s -> Math.floor(s.line(n).count());
    }
    PointTarget.MeterChannel m = (PointTarget.MeterChannel) target;
    for (SimulatorOpcUaServer.MeterNode n : SimulatorOpcUaServer.METER_NODES) {
      if (n.meter().equals(m.meter()) && n.channel().equals(m.channel())) {
        return n.value();
      }
    }
    for (List<ServedRegister> registers : SimulatedMeters.registerMaps().values()) {
      for (ServedRegister r : registers) {
        if (r.meter().equals(m.meter()) && m.channel().equals(r.channel())) {
          // through the register encoding: float32 rounding, integer steps, decimal scaling
          return s ->
              RegisterCodec.decode(
                  RegisterCodec.encode(r.value().applyAsDouble(s), r.spec()), r.spec());
        }
      }
    }
    throw new IllegalArgumentException(
        "the simulated plant has no point " + m.meter() + "/" + m.channel());
  }

  private static int lineNumber(String line) {
    if (!line.matches("line-[1-3]")) {
      throw new IllegalArgumentException("the simulated plant has no line " + line);
    }
    return line.charAt(line.length() - 1) - '0';
  }
}
