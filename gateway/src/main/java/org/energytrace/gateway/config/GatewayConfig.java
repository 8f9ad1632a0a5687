package org.energytrace.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The whole gateway configuration, as loaded and validated by {@link ConfigLoader}. */
public record GatewayConfig(
    GatewayIdentity gateway,
    MqttConfig mqtt,
    PublishConfig publish,
    Duration pollInterval,
    List<DeviceConfig> devices) {

  public GatewayConfig {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(publish, "publish");
    if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("poll_interval must be at least 100 ms");
    }
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("devices must not be empty");
    }
  }

  public GatewayConfig withMqtt(MqttConfig newMqtt) {
    return new GatewayConfig(gateway, newMqtt, publish, pollInterval, devices);
  }

  public GatewayConfig withGateway(GatewayIdentity newGateway) {
    return new GatewayConfig(newGateway, mqtt, publish, pollInterval, devices);
  }
}
