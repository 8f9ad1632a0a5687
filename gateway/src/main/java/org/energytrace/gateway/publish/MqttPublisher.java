package org.energytrace.gateway.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer.Batch;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.config.PublishConfig;
import org.energytrace.gateway.poll.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes buffered readings with Eclipse Paho at QoS 1, over MQTT 5 or, with {@code mqtt.version:
 * 3.1.1}, MQTT 3.1.1 ({@link MqttTransport}): meter readings on {@code .../telemetry}, production
 * counters on {@code .../production}, at most {@code max_points_per_message} points per message,
 * sent when that many wait or after {@code max_linger} ({@link BatchCollector}), and at most
 * min(max_in_flight, broker Receive Maximum) unacknowledged messages. A batch leaves the buffer
 * only when all its messages are acknowledged (PUBACK); otherwise it is released and sent again.
 * Every message takes the next persisted {@code seq}. On each connect a retained {@code online}
 * status is published; the last will publishes a retained {@code offline}. A lost connection is
 * re-established with backoff.
 */
public final class MqttPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

  private final GatewayIdentity identity;
  private final MqttConfig mqtt;
  private final PublishConfig publish;
  private final ReadingBuffer buffer;
  private final SeqStore seq;
  private final MessageCodec codec;
  private final Clock clock;
  private final InFlightLimiter limiter;
  private final MqttTransport client;
  private final Set<Part> outstanding = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread sender;
  private final BatchCollector batches;
  private final Counter publishedReadings;
  private final Counter publishedMessages;
  private volatile boolean running;
  private boolean everConnected;
  private boolean reportedOutage;

  public MqttPublisher(
      GatewayIdentity identity,
      MqttConfig mqtt,
      PublishConfig publish,
      ReadingBuffer buffer,
      SeqStore seq,
      MessageCodec codec,
      Clock clock) {
    this(identity, mqtt, publish, buffer, seq, codec, clock, new SimpleMeterRegistry());
  }

  public MqttPublisher(
      GatewayIdentity identity,
      MqttConfig mqtt,
      PublishConfig publish,
      ReadingBuffer buffer,
      SeqStore seq,
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
    this.seq = seq;
    this.codec = codec;
    this.clock = clock;
    this.limiter = new InFlightLimiter(publish.maxInFlight());
    this.client = MqttTransport.create(mqtt, publish.maxInFlight());
    this.batches =
        new BatchCollector(
            buffer,
            publish.maxPointsPerMessage(),
            publish.maxLinger(),
            d -> stop.await(d.toNanos(), TimeUnit.NANOSECONDS));
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
          settleOutstandingAsFailed();
          if (!connect()) {
            if (stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
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
        Optional<Batch> batch = batches.next(Duration.ofMillis(500));
        if (batch.isPresent()) {
          send(batch.get());
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
    try {
      OptionalInt receiveMaximum =
          client.connect(
              new MqttTransport.Will(identity.topic("status"), codec.encode(codec.lastWill())));
      int limit = Math.min(publish.maxInFlight(), receiveMaximum.orElse(65_535));
      limiter.setLimit(limit);
      log.info(
          "connected to {} as {} (MQTT {}, in flight <= {})",
          mqtt.url(),
          mqtt.clientId(),
          mqtt.version().text(),
          limit);
      reportedOutage = false;
      String reason = everConnected ? "reconnected" : "started";
      everConnected = true;
      publishStatus(codec.encode(codec.online(clock.instant(), reason)));
      return true;
    } catch (MqttTransport.TransportException e) {
      if (!reportedOutage) {
        log.warn("cannot connect to {}: {} (retrying with backoff)", mqtt.url(), e.getMessage());
        reportedOutage = true;
      }
      return false;
    }
  }

  private void publishStatus(byte[] payload) throws InterruptedException {
    if (!limiter.acquire(Duration.ofSeconds(5))) {
      log.warn("status not published: too many messages in flight");
      return;
    }
    Part part = new Part(null);
    outstanding.add(part);
    try {
      client.publish(identity.topic("status"), payload, true, part::settle);
    } catch (MqttTransport.TransportException e) {
      part.settle(false);
    }
  }

  /** Splits a batch into telemetry and production messages and publishes them. */
  private void send(Batch batch) throws InterruptedException {
    List<Reading> telemetry = new ArrayList<>();
    List<Reading> production = new ArrayList<>();
    for (Reading r : batch.readings()) {
      (r.isProduction() ? production : telemetry).add(r);
    }
    Settlement settlement =
        new Settlement(batch, (telemetry.isEmpty() ? 0 : 1) + (production.isEmpty() ? 0 : 1));
    if (!telemetry.isEmpty()) {
      sendPart(settlement, "telemetry", telemetry, false);
    }
    if (!production.isEmpty()) {
      sendPart(settlement, "production", production, true);
    }
  }

  private void sendPart(
      Settlement settlement, String leaf, List<Reading> readings, boolean isProduction)
      throws InterruptedException {
    Part part = new Part(settlement);
    while (!limiter.acquire(Duration.ofMillis(500))) {
      if (!running || !client.isConnected()) {
        settlement.partDone(false);
        return;
      }
    }
    outstanding.add(part);
    try {
      long n = seq.next();
      byte[] payload =
          codec.encode(
              isProduction
                  ? codec.production(n, clock.instant(), readings)
                  : codec.telemetry(n, clock.instant(), readings));
      client.publish(identity.topic(leaf), payload, false, part::settle);
    } catch (MqttTransport.TransportException | RuntimeException e) {
      log.debug("publish on {} failed: {}", leaf, e.toString());
      part.settle(false);
    }
  }

  /** After a lost connection nothing in flight will be acknowledged: send it all again. */
  private void settleOutstandingAsFailed() {
    for (Part part : List.copyOf(outstanding)) {
      part.settle(false);
    }
  }

  @Override
  public void close() {
    running = false;
    stop.countDown();
    try {
      sender.join(5_000);
      limiter.awaitIdle(Duration.ofSeconds(5));
      if (client.isConnected()) {
        byte[] offline = codec.encode(codec.offline(clock.instant(), "stopping"));
        CountDownLatch acknowledged = new CountDownLatch(1);
        client.publish(identity.topic("status"), offline, true, ok -> acknowledged.countDown());
        acknowledged.await(2, TimeUnit.SECONDS);
        client.disconnect(Duration.ofSeconds(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (MqttTransport.TransportException e) {
      log.debug("disconnect failed", e);
    } finally {
      settleOutstandingAsFailed();
      client.close();
    }
  }

  /** The outcome of one batch, whose messages may complete in any order. */
  private final class Settlement {
    private final Batch batch;
    private final AtomicInteger remaining;
    private final AtomicBoolean failed = new AtomicBoolean();

    Settlement(Batch batch, int parts) {
      this.batch = batch;
      this.remaining = new AtomicInteger(parts);
    }

    void partDone(boolean ok) {
      if (!ok) {
        failed.set(true);
      }
      if (remaining.decrementAndGet() == 0) {
        if (failed.get()) {
          buffer.release(batch);
        } else {
          buffer.commit(batch);
          publishedReadings.increment(batch.readings().size());
        }
      }
    }
  }

  /** One published message; settles exactly once, whichever of ack, error or loss comes first. */
  private final class Part {
    private final Settlement settlement;
    private final AtomicBoolean done = new AtomicBoolean();

    Part(Settlement settlement) {
      this.settlement = settlement;
    }

    void settle(boolean ok) {
      if (done.compareAndSet(false, true)) {
        outstanding.remove(this);
        limiter.release();
        if (ok) {
          publishedMessages.increment();
        }
        if (settlement != null) {
          settlement.partDone(ok);
        }
      }
    }
  }
}
