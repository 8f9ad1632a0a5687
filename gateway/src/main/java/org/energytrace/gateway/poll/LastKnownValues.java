package org.energytrace.gateway.poll;

import java.util.HashMap;
import java.util.Map;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;

/** Remembers each point's last good value, which a bad reading repeats (or 0 before any). */
public final class LastKnownValues {

  private final Map<PointTarget, Double> values = new HashMap<>();

  public synchronized Reading remember(Reading reading) {
    if (reading.quality() != Quality.BAD) {
      values.put(reading.target(), reading.value());
    }
    return reading;
  }

  public synchronized double get(PointTarget target) {
    return values.getOrDefault(target, 0.0);
  }
}
