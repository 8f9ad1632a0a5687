package org.energytrace.gateway.simulator;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.energytrace.gateway.model.RegisterSpec;

/**
 * One value of a simulated Modbus meter: where it lives ({@link RegisterSpec}, including the scale
 * a gateway applies to read it in {@code unit}), the channel it feeds (as the demo config or the
 * meter's template names it; null for a register no config reads) and how to take it from a plant
 * snapshot, in {@code unit}.
 */
public record ServedRegister(
    String meter,
    String channel,
    String unit,
    RegisterSpec spec,
    ToDoubleFunction<PlantSnapshot> value) {

  public ServedRegister {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(value, "value");
  }
}
