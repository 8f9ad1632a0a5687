package org.energytrace.gateway.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.config.PublishConfig;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes buffered readings with Eclipse Paho at QoS 1 ({@link MqttTransport}): meter readings on
 * {@code .../telemetry}, production counters on {@code .../production}, at most {@code
 * max_points_per_message} points per message, sent when that many wait or after {@code max_linger}
 * ({@link BatchCollector}), and at most min(max_in_flight, broker Receive Maximum) unacknowledged
 * messages.
 *
 * <p><b>Sequence numbers.</b> Before its first message goes out a batch is sealed by the buffer
 * ({@link ReadingBuffer#seal}): it gets one number per message and keeps it. A batch leaves the
 * buffer only when all its messages are acknowledged (PUBACK); otherwise it is released and sent
 * again later, whole, with the same numbers, readings and {@code sent_at} — ahead of newer ones.
 *
 * <p><b>Protocol version.</b> {@code mqtt.version: auto} (default) connects with MQTT 5 and, when
 * the broker answers in a way that says it does not speak 5, tries MQTT 3.1.1 at once; if that
 * connects, the publisher stays on 3.1.1 and says so once in the log. {@code 5} or {@code 3.1.1}
 * use only that version; a broker refusing it is logged with the version named.
 *
 * <p><b>Stopping.</b> {@link #close} first sends what is still buffered and waits, up to {@code
 * publish.stop_timeout}, for its acknowledgements; then it publishes the retained {@code offline}
 * status and disconnects. On each connect a retained {@code online} status is published; the last
 * will publishes a retained {@code offline}. A lost connection is re-established with backoff.
 */
public final class MqttPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

  private final GatewayIdentity identity;
  private final MqttConfig mqtt;
  private final PublishConfig publish;
  private final ReadingBuffer buffer;
  private final MessageCodec codec;
  private final Clock clock;
  private final InFlightLimiter limiter;
  private volatile MqttTransport client;
  private final InFlight inFlight;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch wake = new CountDownLatch(1);
  private final Thread sender;
  private final BatchCollector batches;
  private final Counter publishedReadings;
  private final Counter publishedMessages;
  private volatile boolean running;
  private volatile boolean draining;

  /** Closing for a configuration reload, not a stop ({@link #closeForReload}). */
  private volatile boolean reloading;

  private final BrokerLink link;
  private boolean everConnected;
  private boolean reportedOutage;
  private boolean reportedStorage;

  public MqttPublisher(
      GatewayIdentity identity,
      MqttConfig mqtt,
      PublishConfig publish,
      ReadingBuffer buffer,
      MessageCodec codec,
      Clock clock) {
    this(identity, mqtt, publish, buffer, codec, clock, new SimpleMeterRegistry());
  }

  public MqttPublisher(
      GatewayIdentity identity,
      MqttConfig mqtt,
      PublishConfig publish,
      ReadingBuffer buffer,
      MessageCodec codec,
      Clock clock,
      MeterRegistry registry) {
    this.publishedReadings =
        Counter.builder("gateway.publish.readings")
            .description("readings acknowledged by the broker (QoS 1 PUBACK)")
            .register(registry);
    this.publishedMessages =
        Counter.builder("gateway.publish.messages")
            .description("messages (telemetry, production, status) acknowledged by the broker")
            .register(registry);
    this.identity = identity;
    this.mqtt = mqtt;
    this.publish = publish;
    this.buffer = buffer;
    this.codec = codec;
    this.clock = clock;
    this.limiter = new InFlightLimiter(publish.maxInFlight());
    this.inFlight = new InFlight(buffer, limiter, publishedReadings, publishedMessages);
    this.client = MqttTransport.create(mqtt, publish.maxInFlight());
    this.link = new BrokerLink(clock);
    this.batches =
        new BatchCollector(
            buffer,
            publish.maxPointsPerMessage(),
            publish.maxLinger(),
            d -> {
              // a clean stop cuts the linger short: what waits goes out at once
              wake.await(d.toNanos(), TimeUnit.NANOSECONDS);
              return stop.getCount() == 0;
            },
            () -> draining);
    this.sender = new Thread(this::run, "mqtt-publisher");
    this.sender.setDaemon(true);
  }

  public void start() {
    running = true;
    sender.start();
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** The protocol version of the current or last connection ("5", "3.1.1"); empty before. */
  public String protocolVersion() {
    return link.version();
  }

  /** How long the broker has been out of reach; empty while connected. */
  public Optional<Duration> unreachableFor() {
    return link.unreachableFor(client.isConnected());
  }

  /**
   * Continues what the publisher it replaces (a config reload) knew of its broker ({@link
   * BrokerLink#continueFrom}). Call before {@link #start()}.
   */
  public void continueFrom(MqttPublisher previous) {
    link.continueFrom(previous.link);
  }

  /** Current bound on unacknowledged messages. */
  public int inFlightLimit() {
    return limiter.limit();
  }

  private void run() {
    Duration maxBackoff = mqtt.reconnectMaxBackoff();
    Duration minBackoff = MIN_BACKOFF.compareTo(maxBackoff) < 0 ? MIN_BACKOFF : maxBackoff;
    Duration backoff = minBackoff;
    while (running) {
      try {
        if (!client.isConnected()) {
          link.lost();
          inFlight.settleAllAsFailed();
          if (draining || !connect()) {
            if (draining || stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
              return;
            }
            backoff =
                backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                    ? maxBackoff
                    : backoff.multipliedBy(2);
            continue;
          }
          backoff = minBackoff;
        }
        Optional<Batch> batch = batches.next(draining ? Duration.ZERO : Duration.ofMillis(500));
        if (batch.isPresent()) {
          if (!send(batch.get()) && stop.await(minBackoff.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } else if (draining) {
          // nothing left to claim: wait for the acknowledgements close() is waiting for
          if (stop.await(50, TimeUnit.MILLISECONDS)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("publisher loop failed; continuing", e);
      }
    }
  }

  private boolean connect() throws InterruptedException {
    MqttTransport transport = client;
    try {
      OptionalInt receiveMaximum = transport.connect(will());
      connected(transport, receiveMaximum);
      return true;
    } catch (MqttTransport.TransportException e) {
      if (mqtt.version() == MqttConfig.Version.AUTO
          && transport instanceof Mqtt5Transport
          && e.protocolRefused()) {
        return fallBackTo311(e);
      }
      reportOutage(e, transport);
      return false;
    }
  }

  /** The broker answered MQTT 5 like a broker without 5: try 3.1.1 and keep it if it connects. */
  private boolean fallBackTo311(MqttTransport.TransportException refusal)
      throws InterruptedException {
    Mqtt3Transport v311 = new Mqtt3Transport(mqtt, publish.maxInFlight());
    try {
      OptionalInt receiveMaximum = v311.connect(will());
      MqttTransport old = client;
      client = v311;
      old.close();
      log.warn(
          "broker {} refused MQTT 5 ({}); connected with MQTT 3.1.1 and staying on it"
              + " (set mqtt.version: 3.1.1 to skip the MQTT 5 attempt)",
          mqtt.url(),
          refusal.getMessage());
      connected(v311, receiveMaximum);
      return true;
    } catch (MqttTransport.TransportException e) {
      v311.close();
      reportOutage(
          new MqttTransport.TransportException(
              "MQTT 5: " + refusal.getMessage() + "; MQTT 3.1.1: " + e.getMessage(), e),
          client);
      return false;
    }
  }

  private void connected(MqttTransport transport, OptionalInt receiveMaximum)
      throws InterruptedException {
    int limit = Math.min(publish.maxInFlight(), receiveMaximum.orElse(65_535));
    limiter.setLimit(limit);
    link.connected(transport.version());
    log.info(
        "connected to {} as {} (MQTT {}, in flight <= {})",
        mqtt.url(),
        mqtt.clientId(),
        transport.version(),
        limit);
    reportedOutage = false;
    String reason = everConnected ? "reconnected" : "started";
    everConnected = true;
    publishStatus(codec.encode(codec.online(clock.instant(), reason)));
  }

  private void reportOutage(MqttTransport.TransportException e, MqttTransport transport) {
    if (!reportedOutage) {
      log.warn(
          "cannot connect to {} with MQTT {}: {} (retrying with backoff{})",
          mqtt.url(),
          transport.version(),
          e.getMessage(),
          e.protocolRefused() && mqtt.version() == MqttConfig.Version.V5
              ? "; the broker may not speak MQTT 5: set mqtt.version to auto or 3.1.1"
              : "");
      reportedOutage = true;
    }
  }

  private MqttTransport.Will will() {
    return new MqttTransport.Will(identity.topic("status"), codec.encode(codec.lastWill()));
  }

  private void publishStatus(byte[] payload) throws InterruptedException {
    if (!limiter.acquire(Duration.ofSeconds(5))) {
      log.warn("status not published: too many messages in flight");
      return;
    }
    InFlight.Part part = inFlight.part(null);
    try {
      client.publish(identity.topic("status"), payload, true, part::settle);
    } catch (MqttTransport.TransportException e) {
      part.settle(false);
    }
  }

  /**
   * Seals a batch (if it is new) and publishes its telemetry and production messages under its
   * numbers. False when it could not be sealed (the buffer cannot write); it is then released.
   */
  private boolean send(Batch claimed) throws InterruptedException {
    List<Reading> telemetry = new ArrayList<>();
    List<Reading> production = new ArrayList<>();
    for (Reading r : claimed.readings()) {
      (r.isProduction() ? production : telemetry).add(r);
    }
    int messages = (telemetry.isEmpty() ? 0 : 1) + (production.isEmpty() ? 0 : 1);
    Batch batch;
    try {
      batch = buffer.seal(claimed, messages, clock.instant());
    } catch (GatewayException e) {
      buffer.release(claimed);
      if (!reportedStorage) {
        log.error("cannot number the next message: {} (retrying)", e.getMessage());
        reportedStorage = true;
      }
      return false;
    }
    reportedStorage = false;
    ReadingBuffer.Seal seal = batch.seal().orElseThrow();
    InFlight.Settlement settlement = inFlight.settlement(batch, messages);
    long seq = seal.firstSeq();
    if (!telemetry.isEmpty()) {
      sendPart(settlement, "telemetry", telemetry, false, seq++, seal.sentAt());
    }
    if (!production.isEmpty()) {
      sendPart(settlement, "production", production, true, seq, seal.sentAt());
    }
    return true;
  }

  private void sendPart(
      InFlight.Settlement settlement,
      String leaf,
      List<Reading> readings,
      boolean isProduction,
      long seq,
      Instant sentAt)
      throws InterruptedException {
    while (!limiter.acquire(Duration.ofMillis(500))) {
      if (!running || !client.isConnected()) {
        settlement.partDone(false);
        return;
      }
    }
    InFlight.Part part = inFlight.part(settlement);
    try {
      byte[] payload =
          codec.encode(
              isProduction
                  ? codec.production(seq, sentAt, readings)
                  : codec.telemetry(seq, sentAt, readings));
      client.publish(identity.topic(leaf), payload, false, part::settle);
    } catch (MqttTransport.TransportException | RuntimeException e) {
      log.debug("publish on {} failed: {}", leaf, e.toString());
      part.settle(false);
    }
  }

  /**
   * Sends what is still buffered and waits up to {@code publish.stop_timeout} for its
   * acknowledgements (only while connected: without a broker nothing can be delivered, and the file
   * buffer keeps it), then publishes {@code offline} and disconnects.
   */
  @Override
  public void close() {
    close(false);
  }

  /**
   * Closes for a configuration reload: as {@link #close()}, but the broker is not told the gateway
   * went {@code offline} (the next publisher says {@code online} at once, and the buffer hands it
   * what is not yet acknowledged). A reload published the retained "offline, stopping", and the log
   * said the readings waited "for the next start".
   */
  public void closeForReload() {
    close(true);
  }

  private void close(boolean reload) {
    this.reloading = reload;
    try {
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
    stop.countDown();
    wake.countDown();
    try {
      sender.join(5_000);
      limiter.awaitIdle(Duration.ofSeconds(5));
      if (client.isConnected()) {
        if (!reload) {
          byte[] offline = codec.encode(codec.offline(clock.instant(), "stopping"));
          CountDownLatch acknowledged = new CountDownLatch(1);
          client.publish(identity.topic("status"), offline, true, ok -> acknowledged.countDown());
          acknowledged.await(2, TimeUnit.SECONDS);
        }
        client.disconnect(Duration.ofSeconds(2)); // a clean disconnect: the will is not sent
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (MqttTransport.TransportException e) {
      log.debug("disconnect failed", e);
    } finally {
      inFlight.settleAllAsFailed();
      client.close();
    }
  }

  private void drain() throws InterruptedException {
    if (!running || publish.stopTimeout().isZero()) {
      return;
    }
    draining = true;
    wake.countDown();
    long deadline = System.nanoTime() + publish.stopTimeout().toNanos();
    synchronized (inFlight.signal()) {
      while (buffer.size() > 0 && client.isConnected()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn(
              "{} with {} readings not yet acknowledged (publish.stop_timeout {}); {}",
              stopping(),
              buffer.size(),
              publish.stopTimeout(),
              keptOrLost());
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(inFlight.signal(), Math.min(left, 100_000_000L));
      }
    }
    if (buffer.size() == 0) {
      log.info("{}: every buffered reading was acknowledged by the broker", stopping());
    } else {
      // the broker went away (or was never reached): nothing more can be acknowledged now
      log.warn(
          "{} with {} readings not yet acknowledged (the broker is not connected); {}",
          stopping(),
          buffer.size(),
          keptOrLost());
    }
  }

  private String stopping() {
    return reloading ? "config reload: publishing restarts" : "stopping";
  }

  private String keptOrLost() {
    if (reloading) {
      return "the buffer keeps them and the reloaded configuration publishes them";
    }
    return buffer instanceof AutoCloseable
        ? "the buffer keeps them for the next start"
        : "the memory buffer loses them";
  }
}
