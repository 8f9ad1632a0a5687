package org.energytrace.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole gateway configuration, as loaded and validated by {@link ConfigLoader}, with the file
 * it came from ({@code origin}), so that what is found wrong at start-up against the devices is
 * reported at its line too.
 */
public record GatewayConfig(
    GatewayIdentity gateway,
    MqttConfig mqtt,
    PublishConfig publish,
    BufferConfig buffer,
    Optional<HttpConfig> http,
    Duration pollInterval,
    List<DeviceConfig> devices,
    ConfigOrigin origin) {

  public GatewayConfig {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(publish, "publish");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(origin, "origin");
    if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("poll_interval must be at least 100 ms");
    }
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("devices must not be empty");
    }
  }

  public GatewayConfig withMqtt(MqttConfig newMqtt) {
    return new GatewayConfig(
        gateway, newMqtt, publish, buffer, http, pollInterval, devices, origin);
  }

  /** A new identity; a buffer in the old data directory moves along with it. */
  public GatewayConfig withGateway(GatewayIdentity newGateway) {
    BufferConfig moved =
        buffer.dir().equals(gateway.dataDir().resolve("buffer"))
            ? buffer.withDir(newGateway.dataDir().resolve("buffer"))
            : buffer;
    return new GatewayConfig(newGateway, mqtt, publish, moved, http, pollInterval, devices, origin);
  }

  public GatewayConfig withBuffer(BufferConfig newBuffer) {
    return new GatewayConfig(
        gateway, mqtt, publish, newBuffer, http, pollInterval, devices, origin);
  }

  public GatewayConfig withHttp(Optional<HttpConfig> newHttp) {
    return new GatewayConfig(
        gateway, mqtt, publish, buffer, newHttp, pollInterval, devices, origin);
  }

  public GatewayConfig withDevices(List<DeviceConfig> newDevices) {
    return new GatewayConfig(
        gateway, mqtt, publish, buffer, http, pollInterval, newDevices, origin);
  }
}
