package org.energytrace.gateway.model;

import java.util.Objects;
import java.util.Set;

/** What a configured point feeds: a meter channel (telemetry) or a production line counter. */
public sealed interface PointTarget permits PointTarget.MeterChannel, PointTarget.ProductionLine {

  /** A gauge or counter of a meter, published on {@code .../telemetry}. */
  record MeterChannel(String meter, String channel, String unit, Kind kind, Integer counterBits)
      implements PointTarget {

    public MeterChannel {
      Ids.requireId("meter", meter);
      Ids.require("channel", channel, Ids.CHANNEL);
      Ids.require("unit", unit, Ids.UNIT);
      Objects.requireNonNull(kind, "kind");
      if (kind == Kind.COUNTER) {
        if (counterBits == null || !Kind.COUNTER_BITS.contains(counterBits)) {
          throw new IllegalArgumentException(
              "counter " + meter + "/" + channel + " needs counter_bits 16, 32, 48 or 64");
        }
      } else if (counterBits != null) {
        throw new IllegalArgumentException("counter_bits is only for counters");
      }
    }

    public static MeterChannel gauge(String meter, String channel, String unit) {
      return new MeterChannel(meter, channel, unit, Kind.GAUGE, null);
    }

    public static MeterChannel counter(String meter, String channel, String unit, int bits) {
      return new MeterChannel(meter, channel, unit, Kind.COUNTER, bits);
    }
  }

  /** A cumulative count of units made, published on {@code .../production}. */
  record ProductionLine(String line, String product, String unit) implements PointTarget {

    public ProductionLine {
      Ids.requireId("production.line", line);
      Ids.requireId("production.product", product);
      Ids.require("production.unit", unit, Ids.UNIT);
    }
  }

  /** gauge: instantaneous; counter: cumulative total that only wraps or resets. */
  enum Kind {
    GAUGE,
    COUNTER;

    public static final Set<Integer> COUNTER_BITS = Set.of(16, 32, 48, 64);
  }
}
