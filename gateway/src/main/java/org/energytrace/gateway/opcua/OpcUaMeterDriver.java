package org.energytrace.gateway.opcua;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.model.DaemonThreads;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.poll.LastKnownValues;
import org.energytrace.gateway.poll.MeterDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an OPC UA server with Eclipse Milo.
 *
 * <ul>
 *   <li>Points are monitored items of one subscription (OPC 10000-4 §5.13) with their sampling
 *       interval, queue size and absolute deadband; each data change becomes a reading stamped with
 *       its SourceTimestamp. A point configured {@code mode: poll}, or whose monitored item the
 *       server refuses, is read with the Read service (§5.10.2) at each poll instead.
 *   <li>The endpoint is chosen by security policy and mode; a secure connection needs the server's
 *       certificate in the gateway's trusted folder ({@link ClientPki}); user identity is
 *       anonymous, username/password or X.509.
 *   <li>After connecting, each point's EngineeringUnits property (OPC 10000-8 §5.6.3, UNECE codes)
 *       is compared with the configured unit; a mismatch is a configuration error ({@link
 *       #preflight()} raises it at start-up) and the point's readings stay bad.
 *   <li>StatusCode severity maps to quality (Good, Uncertain, Bad; OPC 10000-4 §7.39).
 *   <li>On a lost session, a failed subscription transfer or an elapsed watchdog the client is
 *       dropped; the next poll reconnects and re-creates the subscription. {@code nsu=} NodeIds are
 *       resolved again after each connect.
 * </ul>
 *
 * Each poll returns what arrived since the previous one: the first poll after a connect waits (up
 * to the timeout) for every subscribed point's initial value, so it has one reading per point.
 */
public final class OpcUaMeterDriver implements MeterDriver {

  private static final Logger log = LoggerFactory.getLogger(OpcUaMeterDriver.class);

  /** Runs the few Milo calls that exist only in a blocking form, so a bound can be put on them. */
  private static final ExecutorService SETUP =
      Executors.newCachedThreadPool(DaemonThreads.named("opcua-setup"));

  private final DeviceConfig.OpcUa config;
  private final Clock clock;
  private final OpcUaConnector connector;
  private final LastKnownValues lastKnown = new LastKnownValues();
  private final ConcurrentLinkedQueue<Notification> notifications = new ConcurrentLinkedQueue<>();

  /** Notified after each notification is queued (awaitInitialValues waits on it). */
  private final Object arrived = new Object();

  /** The poller's: readings came on their own ({@link MeterDriver#onArrival}). */
  private volatile Runnable whenArrived = () -> {};

  private volatile OpcUaClient client;
  private List<Optional<NodeId>> nodeIds = List.of();
  private final List<Integer> polled = new ArrayList<>();
  private final List<Integer> subscribed = new ArrayList<>();
  private List<UnitMismatch> unitProblems = List.of();
  private volatile boolean broken;

  private static final String SUBSCRIPTION_LOST = "subscription lost; re-creating it";

  /** Why {@link #broken}: said once as the device's problem when the next poll finds it. */
  private volatile String brokenBecause = SUBSCRIPTION_LOST;

  private boolean freshConnection;
  private boolean failing;

  private record Notification(int index, DataValue value) {}

  private volatile Map<PointTarget, String> lastProblems = Map.of();

  @Override
  public Map<PointTarget, String> lastProblems() {
    return lastProblems;
  }

  public OpcUaMeterDriver(DeviceConfig.OpcUa config, Clock clock) {
    this(config, clock, Optional.empty());
  }

  public OpcUaMeterDriver(DeviceConfig.OpcUa config, Clock clock, Optional<ClientPki> pki) {
    this.config = config;
    this.clock = clock;
    this.connector = new OpcUaConnector(config, pki);
    if (config.security().isSecure() && pki.isEmpty()) {
      throw new IllegalArgumentException("a secure OPC UA connection needs the gateway's PKI");
    }
  }

  @Override
  public String deviceId() {
    return config.id();
  }

  @Override
  public String protocol() {
    return "opcua";
  }

  /**
   * Connects once and checks the configuration against the server: throws a configuration error
   * when a point's EngineeringUnits differ from its configured unit. An unreachable server is not
   * an error here (it is logged, and polling retries).
   */
  public synchronized void preflight() {
    try {
      connected();
    } catch (GatewayException e) {
      if (e.code() == GatewayException.Code.CONFIG_INVALID) {
        throw e;
      }
      log.warn("device {}: {}", config.id(), e.getMessage());
    } catch (Exception e) {
      log.warn("device {}: cannot reach {} yet: {}", config.id(), config.endpoint(), describe(e));
      dropClient();
    }
    if (!unitProblems.isEmpty()) {
      throw unitMismatch();
    }
  }

  @Override
  public synchronized List<Reading> poll() {
    Instant pollTs = clock.instant();
    try {
      if (broken) {
        throw new IllegalStateException(brokenBecause);
      }
      OpcUaClient connected = connected();
      if (!unitProblems.isEmpty()) {
        return allBad(pollTs);
      }
      Map<Integer, List<DataValue>> byIndex = new HashMap<>();
      if (freshConnection) {
        awaitInitialValues();
        freshConnection = false;
      }
      takeNotifications(byIndex);
      if (!polled.isEmpty()) {
        List<NodeId> ids = new ArrayList<>();
        for (int i : polled) {
          ids.add(nodeIds.get(i).orElseThrow());
        }
        List<DataValue> values =
            connected
                .readValuesAsync(0.0, TimestampsToReturn.Both, ids)
                .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        for (int k = 0; k < polled.size(); k++) {
          byIndex.computeIfAbsent(polled.get(k), x -> new ArrayList<>()).add(values.get(k));
        }
      }
      pollTs = clock.instant();
      List<Reading> readings = readings(byIndex, pollTs, true);
      if (failing) {
        log.info("device {}: reading again from {}", config.id(), config.endpoint());
        failing = false;
      }
      Map<PointTarget, String> problems = new HashMap<>();
      for (int i = 0; i < config.points().size(); i++) {
        if (nodeIds.get(i).isEmpty()) {
          problems.put(
              config.points().get(i).target(),
              "the namespace of " + config.points().get(i).node() + " is not on the server");
        }
      }
      for (Map.Entry<Integer, List<DataValue>> e : byIndex.entrySet()) {
        for (DataValue v : e.getValue()) {
          if (v.getStatusCode() != null && v.getStatusCode().isBad()) {
            problems.put(
                config.points().get(e.getKey()).target(),
                "the server says "
                    + v.getStatusCode().toString().replaceAll(".*name=([A-Za-z_]+).*", "$1")
                    + " for "
                    + config.points().get(e.getKey()).node());
          }
        }
      }
      lastProblems = Map.copyOf(problems);
      return readings;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String problem = describe(e);
      if (!failing) {
        log.warn("device {}: cannot read {}: {}", config.id(), config.endpoint(), problem);
        failing = true;
      }
      Map<PointTarget, String> problems = new HashMap<>();
      for (OpcUaPoint point : config.points()) {
        problems.put(point.target(), problem);
      }
      lastProblems = Map.copyOf(problems);
      dropClient();
      return allBad(pollTs);
    }
  }

  /**
   * What the subscription delivered since the last poll or call, taken by the poller as it comes
   * ({@link MeterDriver#arrived}); nothing while a poll is to wait for a new subscription's first
   * values, or when the subscription is lost (the next poll says so).
   */
  @Override
  public synchronized List<Reading> arrived() {
    if (broken || freshConnection || client == null) {
      return List.of();
    }
    Map<Integer, List<DataValue>> byIndex = new HashMap<>();
    takeNotifications(byIndex);
    return readings(byIndex, clock.instant(), false);
  }

  @Override
  public void onArrival(Runnable whenArrived) {
    this.whenArrived = whenArrived;
  }

  private void takeNotifications(Map<Integer, List<DataValue>> byIndex) {
    for (Notification n; (n = notifications.poll()) != null; ) {
      byIndex.computeIfAbsent(n.index(), k -> new ArrayList<>()).add(n.value());
    }
  }

  /**
   * The readings of {@code byIndex}, point by point in order; with {@code unresolved}, a bad
   * reading for each point whose node's namespace the server lacks.
   */
  private List<Reading> readings(
      Map<Integer, List<DataValue>> byIndex, Instant ts, boolean unresolved) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < config.points().size(); i++) {
      OpcUaPoint point = config.points().get(i);
      if (nodeIds.get(i).isEmpty()) {
        if (unresolved) {
          readings.add(Reading.bad(point.target(), ts, lastKnown.get(point.target())));
        }
        continue;
      }
      for (DataValue value : byIndex.getOrDefault(i, List.of())) {
        readings.add(
            lastKnown.remember(
                DataValues.reading(point.target(), value, ts, lastKnown.get(point.target()))));
      }
    }
    return readings;
  }

  private List<Reading> allBad(Instant ts) {
    List<Reading> bad = new ArrayList<>();
    for (OpcUaPoint point : config.points()) {
      bad.add(Reading.bad(point.target(), ts, lastKnown.get(point.target())));
    }
    return bad;
  }

  private void awaitInitialValues() throws InterruptedException {
    long deadline = System.nanoTime() + config.timeout().toNanos();
    synchronized (arrived) {
      // checked under the monitor the listener notifies after queueing: no arrival is missed
      while (!allSubscribedSeen()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(arrived, left);
      }
    }
  }

  private boolean allSubscribedSeen() {
    Set<Integer> seen = new HashSet<>();
    for (Notification n : notifications) {
      seen.add(n.index());
    }
    return seen.containsAll(subscribed);
  }

  private OpcUaClient connected() throws Exception {
    if (client != null) {
      return client;
    }
    OpcUaClient created = connector.createClient();
    try {
      connector.connect(created);
      NamespaceTable namespaces = connector.bounded(created.readNamespaceTableAsync());
      List<Optional<NodeId>> resolved = new ArrayList<>();
      for (OpcUaPoint point : config.points()) {
        Optional<NodeId> id = ExpandedNodeId.parse(point.node()).toNodeId(namespaces);
        if (id.isEmpty()) {
          log.warn("device {}: namespace of {} is not on the server", config.id(), point.node());
        }
        resolved.add(id);
      }
      nodeIds = resolved;
      unitProblems = EngineeringUnits.mismatches(created, connector, config, nodeIds);
      if (!unitProblems.isEmpty()) {
        log.error("device {}: {}", config.id(), sentences(unitProblems));
      }
      client = created;
      broken = false;
      // a server gone (killed, cut off) fails no call of ours: polls came back empty, device "ok"
      created.addSessionActivityListener(
          new SessionActivityListener() {
            @Override
            public void onSessionInactive(UaSession session) {
              if (client == created) {
                brokenBecause = "the session ended (the server stopped answering); reconnecting";
                broken = true;
              }
            }
          });
      subscribe(created);
      freshConnection = true;
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

  /** One subscription; items the server refuses fall back to the Read service. */
  private void subscribe(OpcUaClient connected) throws Exception {
    polled.clear();
    subscribed.clear();
    notifications.clear();
    List<OpcUaMonitoredItem> items = new ArrayList<>();
    Map<OpcUaMonitoredItem, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < config.points().size(); i++) {
      OpcUaPoint point = config.points().get(i);
      if (nodeIds.get(i).isEmpty()) {
        continue;
      }
      if (!point.subscribe()) {
        polled.add(i);
        continue;
      }
      OpcUaMonitoredItem item = MonitoredItems.dataItem(config, point, nodeIds.get(i).get());
      int index = i;
      item.setDataValueListener(
          (it, value) -> {
            notifications.add(new Notification(index, value));
            synchronized (arrived) {
              arrived.notifyAll();
            }
            whenArrived.run();
          });
      items.add(item);
      indexOf.put(item, i);
    }
    if (items.isEmpty()) {
      return;
    }
    OpcUaSubscription subscription =
        new OpcUaSubscription(connected, MonitoredItems.publishingIntervalMillis(config));
    subscription.setSubscriptionListener(
        new OpcUaSubscription.SubscriptionListener() {
          @Override
          public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
            log.warn(
                "device {}: subscription not transferred ({}); re-creating", config.id(), status);
            markBroken(s);
          }

          @Override
          public void onWatchdogTimerElapsed(OpcUaSubscription s) {
            log.warn("device {}: no publish response in time; reconnecting", config.id());
            markBroken(s);
          }

          @Override
          public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
            if (status.isBad()) {
              markBroken(s);
            }
          }
        });
    connector.bounded(subscription.createAsync());
    subscription.addMonitoredItems(items);
    // Milo offers createMonitoredItems only synchronously; run it where a bound can be put on it
    // (its service call has the request timeout once a session exists, which it does here)
    connector.bounded(
        CompletableFuture.supplyAsync(
            () -> {
              subscription.createMonitoredItems();
              return Boolean.TRUE;
            },
            SETUP));
    for (OpcUaMonitoredItem item : items) {
      StatusCode result = item.getCreateResult().orElse(StatusCode.BAD);
      int index = indexOf.get(item);
      if (result.isGood()) {
        subscribed.add(index);
      } else {
        log.warn(
            "device {}: monitored item for {} refused ({}); reading it with the Read service",
            config.id(),
            config.points().get(index).node(),
            result);
        polled.add(index);
      }
    }
  }

  /** Only the subscription of the current client counts; an old client's news are stale. */
  private void markBroken(OpcUaSubscription subscription) {
    if (subscription.getClient() == client) {
      brokenBecause = SUBSCRIPTION_LOST;
      broken = true;
    }
  }

  private GatewayException unitMismatch() {
    return new GatewayException(
        GatewayException.Code.CONFIG_INVALID,
        "device " + config.id() + " (" + config.endpoint() + "): " + sentences(unitProblems));
  }

  private static String sentences(List<UnitMismatch> mismatches) {
    return mismatches.stream().map(UnitMismatch::sentence).collect(Collectors.joining("; "));
  }

  /**
   * The points whose unit differed from the server's EngineeringUnits at the last connect (empty
   * when the units agree or are not offered).
   */
  public synchronized List<UnitMismatch> unitProblems() {
    return unitProblems;
  }

  private void dropClient() {
    if (client != null) {
      OpcUaClient old = client;
      client = null;
      old.disconnectAsync();
    }
    broken = false;
    notifications.clear();
  }

  String describe(Throwable e) {
    return OpcUaFailures.describe(e, config.id());
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
