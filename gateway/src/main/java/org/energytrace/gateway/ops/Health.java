package org.energytrace.gateway.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code /health} reports. Up means the gateway is delivering every reading: the buffer has
 * dropped none, the broker has not been unreachable for longer than {@code brokerGrace}, and the
 * oldest reading waiting for delivery is not older than {@code maxBufferAge}. A short broker outage
 * is covered by the buffer and stays up; a failing device is reported per device but is not "down",
 * since the other devices keep being read.
 *
 * @param mqttVersion the protocol version of the current or last connection ("5", "3.1.1"), empty
 *     before the first connection
 * @param brokerUnreachableFor how long the publisher has been without a broker connection; empty
 *     while connected
 */
public record Health(
    boolean mqttConnected,
    String mqttVersion,
    Optional<Duration> brokerUnreachableFor,
    long bufferDepth,
    double bufferOldestAgeSeconds,
    long bufferDropped,
    Map<String, Boolean> devices,
    Duration brokerGrace,
    Duration maxBufferAge) {

  public Health {
    Objects.requireNonNull(mqttVersion, "mqttVersion");
    Objects.requireNonNull(brokerUnreachableFor, "brokerUnreachableFor");
    devices = new TreeMap<>(Objects.requireNonNull(devices, "devices"));
    Objects.requireNonNull(brokerGrace, "brokerGrace");
    Objects.requireNonNull(maxBufferAge, "maxBufferAge");
  }

  /** Why the gateway is not up, one sentence each; empty when up. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (bufferDropped > 0) {
      problems.add("the buffer dropped " + bufferDropped + " readings (overflow policy)");
    }
    brokerUnreachableFor
        .filter(d -> d.compareTo(brokerGrace) > 0)
        .ifPresent(
            d ->
                problems.add(
                    "no broker connection for "
                        + d.toSeconds()
                        + " s (more than the grace of "
                        + brokerGrace.toSeconds()
                        + " s)"));
    if (bufferOldestAgeSeconds > maxBufferAge.toMillis() / 1000.0) {
      problems.add(
          "the oldest reading waiting for delivery is "
              + Math.round(bufferOldestAgeSeconds)
              + " s old (more than "
              + maxBufferAge.toSeconds()
              + " s)");
    }
    return problems;
  }

  public boolean up() {
    return problems().isEmpty();
  }

  public String toJson() {
    List<String> problems = problems();
    StringBuilder json = new StringBuilder();
    json.append("{\"status\":\"").append(problems.isEmpty() ? "up" : "degraded").append('"');
    json.append(",\"problems\":[");
    for (int i = 0; i < problems.size(); i++) {
      // problems are our own sentences: digits, letters, spaces, parentheses
      json.append(i == 0 ? "" : ",").append('"').append(problems.get(i)).append('"');
    }
    json.append(']');
    json.append(",\"mqtt_connected\":").append(mqttConnected);
    json.append(",\"mqtt_version\":\"").append(mqttVersion).append('"');
    json.append(",\"broker_unreachable_seconds\":")
        .append(brokerUnreachableFor.map(d -> String.valueOf(d.toSeconds())).orElse("0"));
    json.append(",\"buffer\":{\"depth\":").append(bufferDepth);
    json.append(",\"oldest_age_seconds\":").append(bufferOldestAgeSeconds);
    json.append(",\"dropped\":").append(bufferDropped).append('}');
    json.append(",\"devices\":{");
    boolean first = true;
    for (Map.Entry<String, Boolean> e : devices.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      // device ids match Ids.ID ([a-z0-9-]), nothing to escape
      json.append('"').append(e.getKey()).append("\":\"").append(e.getValue() ? "ok" : "failing");
      json.append('"');
    }
    json.append("}}");
    return json.toString();
  }
}
