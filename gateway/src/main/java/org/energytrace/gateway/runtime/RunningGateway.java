package org.energytrace.gateway.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.config.HttpConfig;
import org.energytrace.gateway.ops.BufferMetrics;
import org.energytrace.gateway.ops.Health;
import org.energytrace.gateway.ops.OpsHttpServer;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.poll.Poller;
import org.energytrace.gateway.publish.MessageCodec;
import org.energytrace.gateway.publish.MqttPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started gateway; closing stops polling first, then publishing, then the buffer. {@link #reload}
 * swaps pollers and publisher for a new configuration while the buffer (and what it holds) stays.
 */
public final class RunningGateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningGateway.class);

  private final Clock clock;
  private final PrometheusMeterRegistry registry;
  private final ReadingBuffer buffer;
  private final OpsHttpServer http;
  private volatile GatewayConfig config;
  private volatile Poller poller;
  private volatile MqttPublisher publisher;

  RunningGateway(
      GatewayConfig config,
      Clock clock,
      PrometheusMeterRegistry registry,
      ReadingBuffer buffer,
      List<MeterDriver> drivers) {
    this.config = config;
    this.clock = clock;
    this.registry = registry;
    this.buffer = buffer;
    registry.gauge(
        "gateway.mqtt.connected",
        this,
        r -> r.publisher != null && r.publisher.isConnected() ? 1 : 0);
    startPipeline(config, drivers);
    this.http = config.http().map(this::opsServer).orElse(null);
  }

  private OpsHttpServer opsServer(HttpConfig h) {
    return new OpsHttpServer(
        h.bind(),
        h.port(),
        registry,
        () ->
            new Health(
                publisher.isConnected(),
                publisher.protocolVersion(),
                publisher.unreachableFor(),
                buffer.size(),
                BufferMetrics.oldestAgeSeconds(buffer, clock),
                buffer.dropped(),
                poller.deviceHealth(),
                h.brokerGrace(),
                h.maxBufferAge()));
  }

  private void startPipeline(GatewayConfig next, List<MeterDriver> drivers) {
    MqttPublisher newPublisher =
        new MqttPublisher(
            next.gateway(),
            next.mqtt(),
            next.publish(),
            buffer,
            new MessageCodec(next.gateway().id(), GatewayRuntime.SOFTWARE_VERSION),
            clock,
            registry);
    if (publisher != null) {
      newPublisher.continueFrom(publisher);
    }
    Poller newPoller = new Poller(drivers, next.pollInterval(), buffer, registry);
    newPublisher.start();
    newPoller.start();
    publisher = newPublisher;
    poller = newPoller;
    config = next;
  }

  /**
   * Applies a changed configuration: devices, MQTT, publishing and the poll interval. The buffer,
   * the gateway identity and the HTTP endpoint stay as they are (changing them needs a restart, and
   * the log says so). Readings already buffered are kept and published.
   *
   * @throws ConfigException when the new devices disagree with their servers; the old configuration
   *     then keeps running
   */
  public synchronized void reload(GatewayConfig next) {
    GatewayConfig applied = next;
    if (!next.gateway().equals(config.gateway())
        || !next.buffer().equals(config.buffer())
        || !next.http().equals(config.http())) {
      log.warn(
          "config reload: changes to gateway, buffer or http take effect only after a restart");
      applied =
          next.withGateway(config.gateway()).withBuffer(config.buffer()).withHttp(config.http());
    }
    List<MeterDriver> drivers = GatewayRuntime.drivers(applied, clock);
    GatewayRuntime.preflight(applied, drivers);
    poller.close();
    publisher.closeForReload();
    startPipeline(applied, drivers);
    log.info(
        "config reloaded: {} devices, buffer kept ({} readings waiting)",
        applied.devices().size(),
        buffer.size());
  }

  public GatewayConfig config() {
    return config;
  }

  /**
   * How long the broker has been out of reach, as {@code /health} says it; empty while connected.
   */
  public Optional<Duration> brokerUnreachableFor() {
    return publisher.unreachableFor();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public ReadingBuffer buffer() {
    return buffer;
  }

  /** The operations endpoint's port, when one is configured. */
  public Optional<Integer> httpPort() {
    return Optional.ofNullable(http).map(OpsHttpServer::port);
  }

  @Override
  public synchronized void close() {
    poller.close();
    publisher.close();
    if (buffer instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("closing the buffer failed: {}", e.toString());
      }
    }
    if (http != null) {
      http.close();
    }
  }
}
