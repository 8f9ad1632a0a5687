package org.energytrace.gateway.model;

/**
 * What a full reading buffer does with a reading that does not fit (HiveMQ's {@code
 * QueuedMessagesStrategy}): nothing is dropped silently; either way the drop is counted and logged.
 */
public enum OverflowPolicy {
  /** Discard the oldest unclaimed readings to make room (recent data matters most). */
  DROP_OLDEST,
  /** Discard the new readings. */
  DROP_NEWEST
}
