package org.energytrace.gateway.runtime;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.energytrace.gateway.buffer.FileReadingBuffer;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.SeqStore;
import org.energytrace.gateway.config.BufferConfig;
import org.energytrace.gateway.config.ConfigException;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.GatewayConfig;
import org.energytrace.gateway.modbus.ModbusMeterDriver;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.opcua.ClientPki;
import org.energytrace.gateway.opcua.OpcUaConnector;
import org.energytrace.gateway.opcua.OpcUaMeterDriver;
import org.energytrace.gateway.opcua.UnitMismatch;
import org.energytrace.gateway.ops.BufferMetrics;
import org.energytrace.gateway.poll.MeterDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's composition root: the one place that builds objects from a {@link GatewayConfig}
 * and wires them (drivers, buffer, pollers, publisher, metrics, operations endpoint). Everything
 * else receives what it needs.
 */
public final class GatewayRuntime {

  public static final String SOFTWARE_VERSION = "0.1.0";

  /** Readings per buffer append when a backlog is handed over at start. */
  private static final int BACKLOG_CHUNK = 1_000;

  private static final Logger log = LoggerFactory.getLogger(GatewayRuntime.class);

  private GatewayRuntime() {}

  /** The running gateway: pollers feeding a buffer that the publisher drains. */
  public static RunningGateway start(GatewayConfig config, Clock clock) {
    return start(config, clock, List.of());
  }

  /**
   * Starts the gateway with {@code backlog} (e.g. the demo plant's history) already in the buffer:
   * the publisher sends it like readings that waited out a broker outage.
   */
  public static RunningGateway start(GatewayConfig config, Clock clock, List<Reading> backlog) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    List<MeterDriver> drivers = drivers(config, clock);
    preflight(config, drivers);
    ReadingBuffer buffer;
    try {
      buffer = buffer(config, new SeqStore(config.gateway().dataDir()));
    } catch (RuntimeException e) {
      drivers.forEach(MeterDriver::close); // e.g. the buffer is another gateway's
      throw e;
    }
    for (int i = 0; i < backlog.size(); i += BACKLOG_CHUNK) {
      buffer.append(backlog.subList(i, Math.min(backlog.size(), i + BACKLOG_CHUNK)));
    }
    BufferMetrics.bind(buffer, clock, registry);
    RunningGateway running = new RunningGateway(config, clock, registry, buffer, drivers);
    log.info(
        "gateway {} publishing to {} under {} ({} buffer {})",
        config.gateway().id(),
        config.mqtt().url(),
        config.gateway().topic("#"),
        config.buffer().type().name().toLowerCase(Locale.ROOT),
        config.buffer().type() == BufferConfig.Type.FILE ? config.buffer().dir() : "");
    return running;
  }

  private static ReadingBuffer buffer(GatewayConfig config, SeqStore seq) {
    BufferConfig b = config.buffer();
    return switch (b.type()) {
      case FILE ->
          new FileReadingBuffer(
              b.dir(),
              b.maxBytes(),
              b.overflow(),
              b.replayRate(),
              Math.max(10_000, config.publish().maxPointsPerMessage() * 20),
              seq);
      case MEMORY -> new MemoryReadingBuffer(config.publish().bufferCapacity(), b.overflow(), seq);
    };
  }

  /** One driver per configured device; secure OPC UA devices share the gateway's PKI. */
  public static List<MeterDriver> drivers(GatewayConfig config, Clock clock) {
    Optional<ClientPki> pki =
        config.devices().stream()
                .anyMatch(d -> d instanceof DeviceConfig.OpcUa o && o.security().isSecure())
            ? Optional.of(pki(config))
            : Optional.empty();
    List<MeterDriver> drivers = new ArrayList<>();
    for (DeviceConfig device : config.devices()) {
      drivers.add(driverFor(device, clock, pki));
    }
    return drivers;
  }

  /** The gateway's OPC UA application instance certificate and trust lists. */
  public static ClientPki pki(GatewayConfig config) {
    return ClientPki.open(
        config.gateway().dataDir().resolve("pki"),
        OpcUaConnector.applicationUri(),
        new ClientPki.Subject(
            config.gateway().id(),
            Optional.of(config.gateway().enterprise()),
            Optional.of(config.gateway().site())));
  }

  /** The one place that knows which driver reads which protocol. */
  private static MeterDriver driverFor(DeviceConfig device, Clock clock, Optional<ClientPki> pki) {
    if (device instanceof DeviceConfig.OpcUa opcUa) {
      return new OpcUaMeterDriver(opcUa, clock, pki);
    }
    return new ModbusMeterDriver((DeviceConfig.Modbus) device, clock);
  }

  /**
   * Checks what can only be checked against the servers (OPC UA EngineeringUnits); a mismatch is a
   * configuration error, reported at the point's {@code unit} in the file the configuration came
   * from ({@code site.yaml:12: devices[0].points[1].unit: device plc, meter … channel … (node …):
   * the configuration says … but the server's EngineeringUnits are …}), and the drivers are closed.
   * {@code drivers} are those of {@link #drivers}, in the order of the devices.
   */
  public static void preflight(GatewayConfig config, List<MeterDriver> drivers) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (int d = 0; d < drivers.size(); d++) {
      if (drivers.get(d) instanceof OpcUaMeterDriver opcUa) {
        try {
          opcUa.preflight();
        } catch (GatewayException e) {
          String device = "/devices/" + d;
          if (opcUa.unitProblems().isEmpty()) {
            problems.add(config.origin().problem(device, e.getMessage()));
          }
          for (UnitMismatch m : opcUa.unitProblems()) {
            String unit =
                m.target() instanceof PointTarget.ProductionLine ? "/production/unit" : "/unit";
            problems.add(
                config
                    .origin()
                    .problem(
                        device + "/points/" + m.point() + unit,
                        "device " + opcUa.deviceId() + ", " + m.sentence()));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      drivers.forEach(MeterDriver::close);
      throw new ConfigException(config.origin().source(), problems);
    }
  }
}
