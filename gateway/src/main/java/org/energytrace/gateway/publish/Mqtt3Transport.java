package org.energytrace.gateway.publish;

import java.util.OptionalInt;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.energytrace.gateway.config.MqttConfig;

/**
 * MQTT 3.1.1 with Eclipse Paho's mqttv3 client, for brokers that do not speak MQTT 5. The same
 * guarantees: clean session, retained will, QoS 1 with PUBACK. 3.1.1 has no Receive Maximum, so
 * Paho's own in-flight window is set to the publisher's bound.
 */
final class Mqtt3Transport extends PahoTransport<MqttAsyncClient> {

  private final int maxInFlight;

  Mqtt3Transport(MqttConfig mqtt, int maxInFlight) {
    super(
        mqtt,
        "3.1.1",
        () -> new MqttAsyncClient(mqtt.url().toString(), mqtt.clientId(), new MemoryPersistence()),
        "MQTT 3.1.1 client");
    this.maxInFlight = maxInFlight;
  }

  @Override
  OptionalInt connectClient(Will will) throws MqttException {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(keepAliveSeconds());
    options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
    options.setMaxInflight(maxInFlight);
    mqtt.username().ifPresent(options::setUserName);
    mqtt.password().ifPresent(p -> options.setPassword(p.toCharArray()));
    if (mqtt.tls().isPresent()) {
      options.setSocketFactory(tlsSocketFactory());
    }
    options.setWill(will.topic(), will.payload(), QOS, true);
    client.connect(options).waitForCompletion(CONNECT_WAIT_MILLIS);
    return OptionalInt.empty();
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  void publishAsync(String topic, byte[] payload, boolean retained, Consumer<Boolean> done)
      throws MqttException {
    client.publish(topic, payload, QOS, retained, null, new PublishListener(done));
  }

  @Override
  void disconnectClient(long quiesceMillis, long waitMillis) throws MqttException {
    client.disconnect(quiesceMillis).waitForCompletion(waitMillis);
  }

  @Override
  void closeClient() throws MqttException {
    client.close(true);
  }

  @Override
  void abandonClient() throws MqttException {
    client.disconnectForcibly(0, 0, false);
  }
}
