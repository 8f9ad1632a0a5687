package org.energytrace.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.energytrace.ingest.config.MqttConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 subscriber (Eclipse Paho) with a persistent session and manual acknowledgements: a message
 * is acknowledged only by {@link #ack} — after the transaction that stores it committed — so the
 * broker redelivers whatever ingest had not stored when it stopped.
 *
 * <p>Paho's callback thread puts messages into a hand-over queue bounded by messages ({@code
 * queue_capacity}, also the receive maximum) and by payload bytes ({@code queue_max_bytes}); when
 * it is full that thread blocks, the broker's receive-maximum window fills, and the broker stops
 * sending: backpressure. The MQTT maximum packet size is {@code ingest.max_payload_bytes} plus
 * {@link #PACKET_HEADROOM_BYTES} for the fixed header, topic and properties: a larger PUBLISH is
 * never sent to ingest (MQTT 5 §3.1.2.11.4; Mosquitto drops it for this subscriber without a trace,
 * so the broker's own {@code message_size_limit} should match).
 *
 * <p>Connection losses are detected within about 1.5 {@code keep_alive} ({@link KeepAlivePinger}),
 * and every (re)connection is ingest's own: attempts wait {@code reconnect_delay}, doubled after
 * each failure up to {@code reconnect_max_delay}. Paho's automatic reconnect is not used: Paho
 * 1.2.5's v5 client ignores the maximum set by {@code setAutomaticReconnectDelay} (it reads {@code
 * maxReconnectDelay}, default 128 s) and keeps the delay in a static field shared by every client
 * of the JVM.
 */
public final class PahoSubscriber implements MessageSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSubscriber.class);

  /** Room for the PUBLISH header, topic and properties beside the payload. */
  public static final int PACKET_HEADROOM_BYTES = 8 * 1024;

  private static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;
  private static final int REMEMBERED_DELAYS = 64;

  private final MqttConfig config;
  private final int maxPayloadBytes;
  private final Clock clock;
  private final HandOverQueue queue;
  private final MqttAsyncClient client;
  private final ScheduledExecutorService retry;
  private final ScheduledExecutorService pinger;
  private volatile boolean closed;
  private volatile boolean subscribed;
  private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong connectionsLost = new AtomicLong();

  /** Counts connections made and lost: a message's acknowledgement goes only on its own. */
  private final AtomicLong connection = new AtomicLong();

  private final AtomicLong acksNotSent = new AtomicLong();
  private final Object acking = new Object();
  private final ArrayDeque<Duration> delays = new ArrayDeque<>();
  private Duration nextDelay;
  private boolean connecting;
  private long attempts;

  /** Paho's connection timeout: the TCP connection (and TLS) of an attempt. */
  private static final int CONNECTION_TIMEOUT_SECONDS = 10;

  /** How long an attempt may stay unanswered before it is closed and counted as failed. */
  static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(CONNECTION_TIMEOUT_SECONDS + 5);

  /** With the default payload limit of 1 MiB. */
  public PahoSubscriber(MqttConfig config, Clock clock) {
    this(config, DEFAULT_MAX_PAYLOAD_BYTES, clock);
  }

  /**
   * @param maxPayloadBytes {@code ingest.max_payload_bytes}: sets the MQTT maximum packet size
   */
  public PahoSubscriber(MqttConfig config, int maxPayloadBytes, Clock clock) {
    this.config = config;
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
    this.queue = new HandOverQueue(config.queueCapacity(), config.queueMaxBytes());
    this.nextDelay = config.reconnectDelay();
    this.retry = daemon("mqtt-connect");
    this.pinger = daemon("mqtt-keepalive");
    try {
      this.client =
          new MqttAsyncClient(
              config.url(),
              config.clientId(),
              new MemoryPersistence(),
              new KeepAlivePinger(pinger),
              null);
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot create MQTT client for " + config.url(), e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
  }

  private static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /** Starts connecting in the background; returns at once. */
  public void start() {
    retry.execute(this::connect);
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(config.sessionExpiry().getSeconds());
    // ingest reconnects itself (see the class comment)
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval((int) config.keepAlive().getSeconds());
    o.setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS);
    // never more unacknowledged messages in flight than the queue holds
    o.setReceiveMaximum(Math.min(65_535, config.queueCapacity()));
    o.setMaximumPacketSize((long) maxPayloadBytes + PACKET_HEADROOM_BYTES);
    credentials(o, config);
    return o;
  }

  /** The broker account of {@code config}, when it names one. */
  static void credentials(MqttConnectionOptions o, MqttConfig config) {
    if (config.username() != null) {
      o.setUserName(config.username());
    }
    if (config.password() != null) {
      o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void connect() {
    long attempt;
    synchronized (this) {
      // one attempt at a time; a loss reported twice (callback and failed token) schedules two
      if (closed || connecting || client.isConnected()) {
        return;
      }
      connecting = true;
      attempt = ++attempts;
    }
    try {
      client.connect(
          options(),
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              synchronized (PahoSubscriber.this) {
                if (attempt != attempts) {
                  return;
                }
                connecting = false;
                nextDelay = config.reconnectDelay();
              }
              LOG.info("connected to {} as {}", config.url(), config.clientId());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              connectFailed(attempt, e);
            }
          });
      retry.schedule(
          () -> abandonIfUnanswered(attempt), ATTEMPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (MqttException | RuntimeException e) {
      connectFailed(attempt, e);
    }
  }

  /**
   * An attempt neither connected nor failed within {@link #ATTEMPT_LIMIT} (a broker that took the
   * connection and never answered it, or Paho stuck before sending CONNECT) is closed and counted
   * as failed, so the next one follows; it would otherwise wait for the broker to drop the socket.
   */
  private void abandonIfUnanswered(long attempt) {
    synchronized (this) {
      if (closed || attempt != attempts || !connecting || client.isConnected()) {
        return;
      }
    }
    try {
      client.disconnectForcibly(0, 0, false);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("closing the unanswered connection: {}", e.getMessage());
    }
    connectFailed(
        attempt,
        new TimeoutException(
            "no answer within " + ATTEMPT_LIMIT.toSeconds() + " s; the connection was closed"));
  }

  private void connectFailed(long attempt, Throwable e) {
    synchronized (this) {
      if (attempt != attempts || !connecting) {
        return; // an attempt already counted as failed, reported again
      }
      connecting = false;
    }
    failedAttempts.incrementAndGet();
    retryLater("MQTT broker " + config.url() + " not reachable (" + e.getMessage() + ")");
  }

  /** Schedules the next attempt: the current pause, doubled for the one after, at most the max. */
  private void retryLater(String why) {
    Duration delay;
    synchronized (this) {
      if (closed) {
        return;
      }
      delay = nextDelay;
      Duration doubled = delay.multipliedBy(2);
      nextDelay =
          doubled.compareTo(config.reconnectMaxDelay()) > 0 ? config.reconnectMaxDelay() : doubled;
      if (delays.size() == REMEMBERED_DELAYS) {
        delays.removeFirst();
      }
      delays.addLast(delay);
    }
    LOG.warn("{}; connecting again in {}", why, delay);
    try {
      retry.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void subscribe() {
    List<String> filters = config.subscriptions();
    int[] qos = new int[filters.size()];
    Arrays.fill(qos, 1);
    try {
      client.subscribe(
          filters.toArray(String[]::new),
          qos,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              subscribed = true;
              LOG.info("subscribed to {}", filters);
              firstSubscription.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              LOG.error("subscribing to {} failed", filters, e);
            }
          });
    } catch (MqttException e) {
      LOG.error("subscribing to {} failed", filters, e);
    }
  }

  @Override
  public InboundMessage poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Acknowledges {@code m} on the connection it arrived on. A message of a connection since lost is
   * not acknowledged: the broker sends it again in the resumed session (the store absorbs the
   * duplicate), and an acknowledgement Paho 1.2.5 holds while disconnected stops its sender when
   * the next connection starts, before the CONNECT packet: that attempt hung until the broker
   * dropped the silent socket (about 95 s after a clean broker restart).
   */
  @Override
  public void ack(InboundMessage m) {
    if (m.qos() == 0) {
      return;
    }
    synchronized (acking) {
      if (m.connection() != connection.get() || !client.isConnected()) {
        acksNotSent.incrementAndGet();
        return;
      }
      try {
        client.messageArrivedComplete(m.messageId(), m.qos());
      } catch (MqttException e) {
        // the broker will redeliver it in the session; the store absorbs the duplicate
        LOG.warn("ack of message {} on {} failed: {}", m.messageId(), m.topic(), e.getMessage());
      }
    }
  }

  /** Acknowledgements not sent because their message's connection was lost. */
  public long acksNotSent() {
    return acksNotSent.get();
  }

  @Override
  public Instant oldestQueued() {
    return queue.oldest();
  }

  /** Completes when the subscriptions are first in place (messages published after it arrive). */
  public CompletionStage<Void> firstSubscription() {
    return firstSubscription;
  }

  /** Connected and subscribed. */
  @Override
  public boolean isConnected() {
    return subscribed && client.isConnected();
  }

  /** Messages received from the broker since start (including redeliveries). */
  public long received() {
    return received.get();
  }

  /** Messages waiting in the hand-over queue. */
  public int queued() {
    return queue.size();
  }

  /** Payload bytes waiting in the hand-over queue. */
  public long queuedBytes() {
    return queue.bytes();
  }

  /** The most payload bytes the hand-over queue has held at once. */
  public long mostQueuedBytes() {
    return queue.mostBytes();
  }

  /** Connection attempts that failed since start. */
  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Established connections lost since start (the broker went away or stopped answering). */
  public long connectionsLost() {
    return connectionsLost.get();
  }

  /** The pauses before the latest connection attempts, oldest first. */
  public synchronized List<Duration> reconnectDelays() {
    return List.copyOf(delays);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    retry.shutdownNow();
    // unblock Paho's thread if it waits on a full queue; those messages stay unacknowledged
    queue.clear();
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException e) {
      LOG.debug("disconnect: {}", e.getMessage());
      try {
        client.disconnectForcibly(0, 1_000, false);
      } catch (MqttException ignored) {
        // closing anyway
      }
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("close: {}", e.getMessage());
    }
    pinger.shutdownNow();
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      InboundMessage m =
          new InboundMessage(
              topic,
              message.getPayload(),
              clock.instant(),
              message.getId(),
              message.getQos(),
              connection.get());
      received.incrementAndGet();
      while (!closed && !queue.offer(m, 1, TimeUnit.SECONDS)) {
        // full: keep Paho's thread here so the broker stops sending (backpressure)
      }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      synchronized (acking) {
        connection.incrementAndGet();
      }
      subscribe();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      synchronized (acking) {
        connection.incrementAndGet();
      }
      subscribed = false;
      connectionsLost.incrementAndGet();
      String why =
          response.getException() != null
              ? response.getException().getMessage()
              : response.getReasonString();
      retryLater("disconnected from " + config.url() + " (" + why + ")");
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warn("MQTT error: {}", e.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
