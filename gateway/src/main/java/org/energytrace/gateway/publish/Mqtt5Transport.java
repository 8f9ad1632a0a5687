package org.energytrace.gateway.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.model.GatewayException;

/** MQTT 5 with Eclipse Paho's mqttv5 client. */
final class Mqtt5Transport implements MqttTransport {

  private static final int QOS = 1;

  /**
   * CONNECT failures that say the broker may not speak MQTT 5: reason 0x84 (unsupported protocol
   * version, MQTT 5 §3.2.2.2); an MQTT 3.1.1 CONNACK (return code 1, "unacceptable protocol
   * version", which Paho reads as an invalid MQTT 5 reason: 50001) or another packet it cannot
   * parse as MQTT 5 (50002, 50003, 32108); or the connection closed in answer to the CONNECT
   * (32109), which is how some 3.1.1 brokers refuse a protocol level they do not know.
   */
  private static final Set<Integer> PROTOCOL_REFUSALS =
      Set.of(0x84, 50001, 50002, 50003, 32108, 32109);

  private final MqttConfig mqtt;
  private final MqttAsyncClient client;

  Mqtt5Transport(MqttConfig mqtt) {
    this.mqtt = mqtt;
    try {
      this.client =
          new MqttAsyncClient(mqtt.url().toString(), mqtt.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new GatewayException(
          GatewayException.Code.BROKER_UNAVAILABLE, "cannot create MQTT client: " + e, e);
    }
  }

  @Override
  public OptionalInt connect(Will will) throws TransportException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) mqtt.keepAlive().toSeconds());
    options.setConnectionTimeout(10);
    mqtt.username().ifPresent(options::setUserName);
    mqtt.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    if (mqtt.tls().isPresent()) {
      options.setSocketFactory(MqttTls.socketFactory(mqtt.tls().get()));
    }
    options.setWill(will.topic(), new MqttMessage(will.payload(), QOS, true, null));
    try {
      IMqttToken token = client.connect(options);
      token.waitForCompletion(15_000);
      Integer receiveMaximum =
          token.getResponseProperties() == null
              ? null
              : token.getResponseProperties().getReceiveMaximum();
      return receiveMaximum == null ? OptionalInt.empty() : OptionalInt.of(receiveMaximum);
    } catch (MqttException e) {
      throw new TransportException(
          e.getMessage() + " (reason " + e.getReasonCode() + ")",
          e,
          PROTOCOL_REFUSALS.contains(e.getReasonCode()));
    }
  }

  @Override
  public String version() {
    return "5";
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
          new MqttActionListener() {
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
