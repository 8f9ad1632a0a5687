package org.energytrace.gateway.publish;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.model.GatewayException;

/**
 * What Eclipse Paho's MQTT 5 and MQTT 3.1.1 clients share as a {@link MqttTransport}: the connect
 * settings, the QoS, the bounds on each call, turning Paho's exceptions (each version has its own
 * {@code MqttException}) into a {@link TransportException}, and settling a publish from its token
 * ({@link PublishListener}, one listener for both clients), and creating the client. {@link
 * Mqtt5Transport} and {@link Mqtt3Transport} hold only the calls to their Paho client {@code C}
 * (the two clients share no type).
 */
abstract class PahoTransport<C> implements MqttTransport {

  /** Every message goes at QoS 1: it leaves the buffer only after the broker's PUBACK. */
  static final int QOS = 1;

  /** Paho's own bound on opening the connection. */
  static final int CONNECT_TIMEOUT_SECONDS = 10;

  /** How long a connect may take in all, CONNACK included. */
  static final long CONNECT_WAIT_MILLIS = 15_000;

  /** Beyond the disconnect's own quiesce time, how long to wait for it to finish. */
  private static final long DISCONNECT_MARGIN_MILLIS = 1_000;

  protected final MqttConfig mqtt;
  protected final C client;
  private final String version;

  /**
   * {@code create} makes the Paho client; when it throws Paho's {@code MqttException} the gateway
   * fails with BROKER_UNAVAILABLE, "cannot create {@code clientName}".
   */
  PahoTransport(MqttConfig mqtt, String version, PahoCall<C> create, String clientName) {
    this.mqtt = mqtt;
    this.version = version;
    try {
      this.client = create.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new GatewayException(
          GatewayException.Code.BROKER_UNAVAILABLE, "cannot create " + clientName + ": " + e, e);
    }
  }

  /** A call into a Paho client, which throws that client's {@code MqttException}. */
  @FunctionalInterface
  interface PahoCall<T> {
    T call() throws Exception;
  }

  /**
   * Connects with {@link #keepAliveSeconds()}, the credentials and the will; the Receive Maximum.
   */
  abstract OptionalInt connectClient(Will will) throws Exception;

  /** Publishes at {@link #QOS}; a {@link PublishListener} settles {@code done}. */
  abstract void publishAsync(String topic, byte[] payload, boolean retained, Consumer<Boolean> done)
      throws Exception;

  abstract void disconnectClient(long quiesceMillis, long waitMillis) throws Exception;

  abstract void closeClient() throws Exception;

  /** Closes the connection of an attempt still under way, without a DISCONNECT packet. */
  abstract void abandonClient() throws Exception;

  /** Whether a refused CONNECT says the broker may not speak this protocol version. */
  boolean protocolRefused(int reasonCode) {
    return false;
  }

  /** Paho's reason code of a token that was not completed in time. */
  static final int CLIENT_TIMEOUT = 32000;

  /**
   * Connects; an attempt not answered within {@link #CONNECT_WAIT_MILLIS} is closed before the
   * failure is reported: Paho left its socket open and the client "connecting", so every next
   * attempt was refused at once and the gateway did not try the broker again until the other side
   * closed the socket (98 s against a listener that never answered, with a 30 s backoff).
   */
  @Override
  public final OptionalInt connect(Will will) throws TransportException {
    try {
      return call(() -> connectClient(will), true);
    } catch (TransportException e) {
      if (e.getCause() instanceof Exception cause
          && reasonCode(cause).orElse(0) == CLIENT_TIMEOUT) {
        try {
          abandonClient();
        } catch (Exception ignored) {
          // reporting the timeout is what matters; the next attempt starts afresh
        }
      }
      throw e;
    }
  }

  @Override
  public final void publish(String topic, byte[] payload, boolean retained, Consumer<Boolean> done)
      throws TransportException {
    call(
        () -> {
          publishAsync(topic, payload, retained, done);
          return null;
        },
        false);
  }

  @Override
  public final void disconnect(Duration timeout) throws TransportException {
    call(
        () -> {
          disconnectClient(timeout.toMillis(), timeout.toMillis() + DISCONNECT_MARGIN_MILLIS);
          return null;
        },
        false);
  }

  @Override
  public final void close() {
    try {
      closeClient();
    } catch (Exception e) {
      // nothing left to release
    }
  }

  @Override
  public final String version() {
    return version;
  }

  int keepAliveSeconds() {
    return (int) mqtt.keepAlive().toSeconds();
  }

  /** The socket factory for {@code ssl://} with the configured CA (and client key store). */
  SocketFactory tlsSocketFactory() {
    return MqttTls.socketFactory(mqtt.tls().orElseThrow());
  }

  /**
   * The callback of a QoS 1 publish, for either Paho client: {@code done} is told {@code true} when
   * the token completes without an exception (PUBACK), {@code false} when the publish fails.
   */
  // the two clients' token and exception classes share their simple names: written in full
  static final class PublishListener implements IMqttActionListener, MqttActionListener {
    private final Consumer<Boolean> done;

    PublishListener(Consumer<Boolean> done) {
      this.done = done;
    }

    @Override
    public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
      done.accept(token.getException() == null);
    }

    @Override
    public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable exception) {
      done.accept(false);
    }

    @Override
    public void onSuccess(org.eclipse.paho.mqttv5.client.IMqttToken token) {
      done.accept(token.getException() == null);
    }

    @Override
    public void onFailure(org.eclipse.paho.mqttv5.client.IMqttToken token, Throwable exception) {
      done.accept(false);
    }
  }

  /** The reason code of either Paho client's {@code MqttException}; empty for any other. */
  private static OptionalInt reasonCode(Exception e) {
    if (e instanceof org.eclipse.paho.client.mqttv3.MqttException m) {
      return OptionalInt.of(m.getReasonCode());
    }
    if (e instanceof org.eclipse.paho.mqttv5.common.MqttException m) {
      return OptionalInt.of(m.getReasonCode());
    }
    return OptionalInt.empty();
  }

  private <T> T call(PahoCall<T> call, boolean connecting) throws TransportException {
    try {
      return call.call();
    } catch (Exception e) {
      OptionalInt reason = reasonCode(e);
      if (reason.isEmpty()) {
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new TransportException(e.toString(), e);
      }
      if (!connecting) {
        throw new TransportException(e.getMessage(), e);
      }
      int code = reason.getAsInt();
      throw new TransportException(
          e.getMessage() + " (reason " + code + ")", e, protocolRefused(code));
    }
  }
}
