package org.energytrace.ingest.mqtt;

import java.time.Duration;
import java.time.Instant;

/** Where the pipeline takes messages from and acknowledges them once they are safe. */
public interface MessageSource {
  /** The next message, waiting at most {@code timeout}; null when none arrived. */
  InboundMessage poll(Duration timeout) throws InterruptedException;

  /** Tells the broker the message is stored (or quarantined) and need not be redelivered. */
  void ack(InboundMessage message);

  boolean isConnected();

  /** When the oldest message still in the hand-over queue arrived; null when it is empty. */
  default Instant oldestQueued() {
    return null;
  }
}
