package org.energytrace.gateway.poll;

import java.util.List;
import java.util.Map;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;

/**
 * Reads all configured points of one device. A poll never throws for device trouble: points it
 * could not read come back with quality bad, so one failing device or register never stops the
 * others (PLC4X returns a response code per tag for the same reason).
 */
public interface MeterDriver extends AutoCloseable {

  String deviceId();

  /** The protocol, for metric tags and logs only (never for branching). */
  default String protocol() {
    return "unknown";
  }

  /** Reads every point once; the result has one reading per configured point, in order. */
  List<Reading> poll();

  /**
   * Readings that came on their own since the last {@link #poll} or call (an OPC UA subscription's
   * changes), for the poller to store at once instead of at the next poll: a value the gateway has
   * received does not wait in memory for a poll before it is on disk. Empty by default.
   */
  default List<Reading> arrived() {
    return List.of();
  }

  /**
   * Has {@code whenArrived} called, quickly and from the driver's own thread, each time readings
   * come on their own ({@link #arrived}). Nothing by default.
   */
  default void onArrival(Runnable whenArrived) {}

  /**
   * Why points of the last poll are bad, in words an engineer can act on (for {@code gateway
   * check}): by point, e.g. "Modbus exception 02: illegal data address", or for the whole device,
   * e.g. "server certificate not trusted; …". Empty when the last poll had nothing to explain.
   */
  default Map<PointTarget, String> lastProblems() {
    return Map.of();
  }

  @Override
  void close();
}
