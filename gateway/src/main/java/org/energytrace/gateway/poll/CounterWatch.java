package org.energytrace.gateway.poll;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags counter readings that went down. The value is published raw, exactly as read, with quality
 * {@code uncertain}: whether it was a wrap-around, a reset, a glitch or a replaced meter is for the
 * server to decide with the history (it knows {@code counter_bits}); the gateway never repairs.
 */
public final class CounterWatch {

  private static final Logger log = LoggerFactory.getLogger(CounterWatch.class);

  private final Map<PointTarget, BigDecimal> last = new HashMap<>();

  public synchronized List<Reading> flag(List<Reading> readings) {
    List<Reading> out = new ArrayList<>(readings.size());
    for (Reading r : readings) {
      if (r.target() instanceof PointTarget.MeterChannel m
          && m.kind() == PointTarget.Kind.COUNTER
          && r.quality() != Quality.BAD) {
        // compared exactly: a 64-bit counter can step by less than a double can tell
        BigDecimal now = new BigDecimal(r.plainValue());
        BigDecimal previous = last.put(m, now);
        if (previous != null && now.compareTo(previous) < 0) {
          log.warn(
              "meter {} counter {} went down from {} to {} ({}-bit): published as uncertain",
              m.meter(),
              m.channel(),
              previous.toPlainString(),
              now.toPlainString(),
              m.counterBits());
          out.add(r.withQuality(Quality.UNCERTAIN));
          continue;
        }
      }
      out.add(r);
    }
    return out;
  }
}
