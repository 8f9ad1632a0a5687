package org.energytrace.gateway.ops;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code /health} reports. Up means the gateway can keep every reading: the buffer accepts
 * them and has dropped none. A broker outage or a failing device is reported but is not "down": the
 * buffer covers the first, the other devices keep being read during the second.
 */
public record Health(
    boolean mqttConnected,
    long bufferDepth,
    double bufferOldestAgeSeconds,
    long bufferDropped,
    Map<String, Boolean> devices) {

  public Health {
    devices = new TreeMap<>(Objects.requireNonNull(devices, "devices"));
  }

  public boolean up() {
    return bufferDropped == 0;
  }

  public String toJson() {
    StringBuilder json = new StringBuilder();
    json.append("{\"status\":\"").append(up() ? "up" : "degraded").append('"');
    json.append(",\"mqtt_connected\":").append(mqttConnected);
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
