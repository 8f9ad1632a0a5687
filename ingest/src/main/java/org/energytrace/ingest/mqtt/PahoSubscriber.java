package org.energytrace.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>Paho's callback thread puts messages into a bounded queue; when the queue is full that thread
 * blocks, the broker's receive-maximum window fills, and the broker stops sending: backpressure.
 * The first connection is retried every {@code reconnect_delay} until the broker is up; later
 * losses are handled by Paho's automatic reconnect.
 */
public final class PahoSubscriber implements MessageSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSubscriber.class);

  private final MqttConfig config;
  private final Clock clock;
  private final BlockingQueue<InboundMessage> queue;
  private final MqttAsyncClient client;
  private final ScheduledExecutorService retry;
  private volatile boolean closed;
  private volatile boolean subscribed;
  private final java.util.concurrent.CompletableFuture<Void> firstSubscription =
      new java.util.concurrent.CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicLong received =
      new java.util.concurrent.atomic.AtomicLong();

  public PahoSubscriber(MqttConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    try {
      this.client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot create MQTT client for " + config.url(), e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
    this.retry =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mqtt-connect");
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
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, (int) Math.max(1, config.reconnectDelay().getSeconds() * 4));
    o.setKeepAliveInterval(30);
    o.setConnectionTimeout(10);
    // never more unacknowledged messages in flight than the queue holds
    o.setReceiveMaximum(Math.min(65_535, config.queueCapacity()));
    if (config.username() != null) {
      o.setUserName(config.username());
    }
    if (config.password() != null) {
      o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
    }
    return o;
  }

  private void connect() {
    if (closed) {
      return;
    }
    try {
      client.connect(
          options(),
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              LOG.info("connected to {} as {}", config.url(), config.clientId());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              retryLater(e);
            }
          });
    } catch (MqttException e) {
      retryLater(e);
    }
  }

  private void retryLater(Throwable e) {
    if (closed) {
      return;
    }
    LOG.warn(
        "MQTT broker {} not reachable ({}); retrying in {}",
        config.url(),
        e.getMessage(),
        config.reconnectDelay());
    retry.schedule(this::connect, config.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void subscribe() {
    List<String> filters = config.subscriptions();
    int[] qos = new int[filters.size()];
    java.util.Arrays.fill(qos, 1);
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

  @Override
  public void ack(InboundMessage m) {
    if (m.qos() == 0) {
      return;
    }
    try {
      client.messageArrivedComplete(m.messageId(), m.qos());
    } catch (MqttException e) {
      // the broker will redeliver it in the session; the store absorbs the duplicate
      LOG.warn("ack of message {} on {} failed: {}", m.messageId(), m.topic(), e.getMessage());
    }
  }

  /** Completes when the subscriptions are first in place (messages published after it arrive). */
  public java.util.concurrent.CompletionStage<Void> firstSubscription() {
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

  @Override
  public void close() {
    closed = true;
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
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      InboundMessage m =
          new InboundMessage(
              topic, message.getPayload(), clock.instant(), message.getId(), message.getQos());
      received.incrementAndGet();
      while (!closed && !queue.offer(m, 1, TimeUnit.SECONDS)) {
        // full: keep Paho's thread here so the broker stops sending (backpressure)
      }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      subscribe();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      subscribed = false;
      LOG.warn("disconnected from {}: {}", config.url(), response.getReasonString());
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
