package org.energytrace.gateway.publish;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.model.GatewayException;

/**
 * MQTT 3.1.1 with Eclipse Paho's mqttv3 client, for brokers that do not speak MQTT 5. The same
 * guarantees: clean session, retained will, QoS 1 with PUBACK. 3.1.1 has no Receive Maximum, so
 * Paho's own in-flight window is set to the publisher's bound.
 */
final class Mqtt3Transport implements MqttTransport {

  private static final int QOS = 1;
  private final MqttConfig mqtt;
  private final int maxInFlight;
  private final MqttAsyncClient client;

  Mqtt3Transport(MqttConfig mqtt, int maxInFlight) {
    this.mqtt = mqtt;
    this.maxInFlight = maxInFlight;
    try {
      this.client =
          new MqttAsyncClient(mqtt.url().toString(), mqtt.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new GatewayException(
          GatewayException.Code.BROKER_UNAVAILABLE, "cannot create MQTT 3.1.1 client: " + e, e);
    }
  }

  @Override
  public OptionalInt connect(Will will) throws TransportException {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) mqtt.keepAlive().toSeconds());
    options.setConnectionTimeout(10);
    options.setMaxInflight(maxInFlight);
    mqtt.username().ifPresent(options::setUserName);
    mqtt.password().ifPresent(p -> options.setPassword(p.toCharArray()));
    if (mqtt.tls().isPresent()) {
      options.setSocketFactory(MqttTls.socketFactory(mqtt.tls().get()));
    }
    options.setWill(will.topic(), will.payload(), QOS, true);
    try {
      client.connect(options).waitForCompletion(15_000);
      return OptionalInt.empty();
    } catch (MqttException e) {
      throw new TransportException(e.getMessage() + " (reason " + e.getReasonCode() + ")", e);
    }
  }

  @Override
  public String version() {
    return "3.1.1";
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained, Consumer<Boolean> done)
      throws TransportException {
    try {
      client.publish(
          topic,
          payload,
          QOS,
          retained,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.accept(token.getException() == null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
              done.accept(false);
            }
          });
    } catch (MqttException e) {
      throw new TransportException(e.getMessage(), e);
    }
  }

  @Override
  public void disconnect(Duration timeout) throws TransportException {
    try {
      client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis() + 1_000);
    } catch (MqttException e) {
      throw new TransportException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      client.close(true);
    } catch (MqttException e) {
      // nothing left to release
    }
  }
}
