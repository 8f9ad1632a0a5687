package org.energytrace.gateway.simulator;

import java.util.Objects;

/**
 * A value the simulator serves, named the way the demo gateway config maps it (meter, channel,
 * UNECE unit) — or, for the meters the demo leaves out, as their register-map template does — and
 * equal to what the gateway decodes from the wire. {@code product} is set only for production
 * counters, whose meter is the production line id and channel ProductionCount.
 */
public record ServedValue(String meter, String channel, String unit, String product, double value) {

  public static final String PRODUCTION_CHANNEL = "ProductionCount";

  public ServedValue {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(meter + "/" + channel + " is not finite: " + value);
    }
  }

  public static ServedValue meter(String meter, String channel, String unit, double value) {
    return new ServedValue(meter, channel, unit, null, value);
  }

  public static ServedValue production(String line, String product, double count) {
    return new ServedValue(line, PRODUCTION_CHANNEL, "H87", product, count);
  }

  String key() {
    return meter + "/" + channel;
  }
}
