package org.energytrace.ingest.mqtt;

import java.time.Duration;

/** Where the pipeline takes messages from and acknowledges them once they are safe. */
public interface MessageSource {
  /** The next message, waiting at most {@code timeout}; null when none arrived. */
  InboundMessage poll(Duration timeout) throws InterruptedException;

  /** Tells the broker the message is stored (or quarantined) and need not be redelivered. */
  void ack(InboundMessage message);

  boolean isConnected();
}
