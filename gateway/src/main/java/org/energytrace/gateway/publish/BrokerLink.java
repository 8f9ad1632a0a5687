package org.energytrace.gateway.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a publisher knows of its broker connection over time: since when the broker has been out of
 * reach (from the start until the first connection, and from each loss) and the protocol version of
 * the last connection. {@code /health}'s {@code broker_grace} and {@code mqtt_version} read it.
 */
final class BrokerLink {
  private final Clock clock;
  private volatile Instant unreachableSince;
  private volatile String version = "";

  BrokerLink(Clock clock) {
    this.clock = clock;
    this.unreachableSince = clock.instant();
  }

  /** Not connected (now or still): an outage starts now unless one is being counted. */
  void lost() {
    if (unreachableSince == null) {
      unreachableSince = clock.instant();
    }
  }

  /** Connected with {@code protocolVersion}: the outage is over. */
  void connected(String protocolVersion) {
    version = protocolVersion;
    unreachableSince = null;
  }

  /** How long the broker has been out of reach; empty while {@code connected}. */
  Optional<Duration> unreachableFor(boolean connected) {
    Instant since = unreachableSince;
    if (since == null || connected) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(since, clock.instant()));
  }

  /** The protocol version of the current or last connection ("5", "3.1.1"); empty before. */
  String version() {
    return version;
  }

  /**
   * Continues the link of a publisher this one replaces (a config reload): the outage it was
   * counting, so that {@code http.health.broker_grace} counts from the outage's start and not from
   * the reload (every reload during an outage put the alarm off by up to the grace), and the
   * protocol version of its last connection.
   */
  void continueFrom(BrokerLink previous) {
    Instant since = previous.unreachableSince;
    Instant own = unreachableSince;
    if (since != null && (own == null || since.isBefore(own))) {
      unreachableSince = since;
    }
    version = previous.version;
  }
}
