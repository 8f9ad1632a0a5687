package org.energytrace.ingest.counters;

/**
 * How to read one counter channel.
 *
 * @param modulus the register's range in published units (2^counter_bits times the scale), or 0
 *     when unknown: a drop is then a reset, never a wrap
 * @param multiplier the factor from register units to energy before the first event
 * @param glitchWindow how many following readings may show that a lower value was a glitch (the
 *     register returns to at least the last accepted value)
 */
public record CounterSpec(double modulus, double multiplier, int glitchWindow) {
  public CounterSpec {
    if (modulus < 0 || !Double.isFinite(modulus)) {
      throw new IllegalArgumentException("modulus must be 0 (unknown) or positive");
    }
    if (!(multiplier > 0)) {
      throw new IllegalArgumentException("multiplier must be positive");
    }
    if (glitchWindow < 1) {
      throw new IllegalArgumentException("glitch window must be at least 1");
    }
  }

  public static CounterSpec of(Integer counterBits, double multiplier) {
    return new CounterSpec(counterBits == null ? 0 : Math.pow(2, counterBits), multiplier, 3);
  }
}
