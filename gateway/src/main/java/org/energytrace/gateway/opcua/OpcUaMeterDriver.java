package org.energytrace.gateway.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.poll.LastKnownValues;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.poll.Quality;
import org.energytrace.gateway.poll.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OPC UA variables with the Read service (OPC 10000-4 §5.10.2), all points of the device in
 * one request. {@code nsu=} NodeIds are resolved against the server's namespace table after each
 * connect, so namespace indexes may change between server restarts. Connects lazily and, after a
 * failure, again on the next poll.
 */
public final class OpcUaMeterDriver implements MeterDriver {

  private static final Logger log = LoggerFactory.getLogger(OpcUaMeterDriver.class);

  private final DeviceConfig.OpcUa config;
  private final Clock clock;
  private final LastKnownValues lastKnown = new LastKnownValues();
  private OpcUaClient client;
  private List<Optional<NodeId>> nodeIds = List.of();
  private boolean failing;

  public OpcUaMeterDriver(DeviceConfig.OpcUa config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String deviceId() {
    return config.id();
  }

  @Override
  public String protocol() {
    return "opcua";
  }

  @Override
  public synchronized List<Reading> poll() {
    Instant pollTs = clock.instant();
    try {
      OpcUaClient connected = connected();
      List<NodeId> readable = new ArrayList<>();
      for (Optional<NodeId> id : nodeIds) {
        id.ifPresent(readable::add);
      }
      List<DataValue> values =
          readable.isEmpty()
              ? List.of()
              : connected
                  .readValuesAsync(0.0, TimestampsToReturn.Both, readable)
                  .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      pollTs = clock.instant();
      List<Reading> readings = new ArrayList<>();
      int next = 0;
      for (int i = 0; i < config.points().size(); i++) {
        OpcUaPoint point = config.points().get(i);
        if (nodeIds.get(i).isEmpty()) {
          readings.add(Reading.bad(point.target(), pollTs, lastKnown.get(point.target())));
        } else {
          readings.add(lastKnown.remember(toReading(point, values.get(next++), pollTs)));
        }
      }
      if (failing) {
        log.info("device {}: reading again from {}", config.id(), config.endpoint());
        failing = false;
      }
      return readings;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (!failing) {
        log.warn("device {}: cannot read {}: {}", config.id(), config.endpoint(), rootMessage(e));
        failing = true;
      }
      dropClient();
      List<Reading> bad = new ArrayList<>();
      for (OpcUaPoint point : config.points()) {
        bad.add(Reading.bad(point.target(), pollTs, lastKnown.get(point.target())));
      }
      return bad;
    }
  }

  /** Maps one DataValue; quality follows the StatusCode severity (OPC 10000-4 §7.39). */
  private Reading toReading(OpcUaPoint point, DataValue value, Instant pollTs) {
    DateTime source = value.getSourceTime();
    Instant ts =
        source != null && source.isValid() && !source.isNull() ? source.getJavaInstant() : pollTs;
    StatusCode status = value.getStatusCode() == null ? StatusCode.GOOD : value.getStatusCode();
    Object raw = value.getValue() == null ? null : value.getValue().getValue();
    if (!(raw instanceof Number number)
        || !Double.isFinite(number.doubleValue())
        || status.isBad()) {
      return Reading.bad(point.target(), ts, lastKnown.get(point.target()));
    }
    Quality quality = status.isGood() ? Quality.GOOD : Quality.UNCERTAIN;
    return new Reading(point.target(), ts, number.doubleValue(), quality);
  }

  private OpcUaClient connected() throws Exception {
    if (client != null) {
      return client;
    }
    String url = config.endpoint().toString();
    String host = config.endpoint().getHost();
    int port = config.endpoint().getPort() > 0 ? config.endpoint().getPort() : 4840;
    OpcUaClient created =
        OpcUaClient.create(
            url,
            // Security None for now; the endpoint's advertised host may be the server's own
            // name, so keep the host and port this gateway was configured with.
            endpoints ->
                endpoints.stream()
                    .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                    .findFirst()
                    .map(e -> EndpointUtil.updateUrl(e, host, port)),
            transport -> {},
            client ->
                client
                    .setApplicationName(LocalizedText.english("EnergyTrace gateway"))
                    .setApplicationUri("urn:energytrace:gateway")
                    .setRequestTimeout(uint(config.timeout().toMillis())));
    try {
      created.connectAsync().get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
      NamespaceTable namespaces = created.readNamespaceTable();
      List<Optional<NodeId>> resolved = new ArrayList<>();
      for (OpcUaPoint point : config.points()) {
        Optional<NodeId> id = ExpandedNodeId.parse(point.node()).toNodeId(namespaces);
        if (id.isEmpty()) {
          log.warn("device {}: namespace of {} is not on the server", config.id(), point.node());
        }
        resolved.add(id);
      }
      nodeIds = resolved;
      client = created;
      return created;
    } catch (Exception e) {
      try {
        created.disconnectAsync().get(1, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already failing; the first error is the one worth reporting
      }
      throw e;
    }
  }

  private void dropClient() {
    if (client != null) {
      OpcUaClient old = client;
      client = null;
      old.disconnectAsync();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      try {
        client.disconnectAsync().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("device {}: disconnect failed", config.id(), e);
      }
      client = null;
    }
  }
}
