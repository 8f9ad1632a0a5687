package org.energytrace.gateway.publish;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.energytrace.gateway.config.MqttConfig;

/** MQTT 5 with Eclipse Paho's mqttv5 client. */
final class Mqtt5Transport extends PahoTransport<MqttAsyncClient> {

  /**
   * CONNECT failures that say the broker may not speak MQTT 5: reason 0x84 (unsupported protocol
   * version, MQTT 5 §3.2.2.2); an MQTT 3.1.1 CONNACK (return code 1, "unacceptable protocol
   * version", which Paho reads as an invalid MQTT 5 reason: 50001) or another packet it cannot
   * parse as MQTT 5 (50002, 50003, 32108); or the connection closed in answer to the CONNECT
   * (32109), which is how some 3.1.1 brokers refuse a protocol level they do not know.
   */
  private static final Set<Integer> PROTOCOL_REFUSALS =
      Set.of(0x84, 50001, 50002, 50003, 32108, 32109);

  Mqtt5Transport(MqttConfig mqtt) {
    super(
        mqtt,
        "5",
        () -> new MqttAsyncClient(mqtt.url().toString(), mqtt.clientId(), new MemoryPersistence()),
        "MQTT client");
  }

  @Override
  OptionalInt connectClient(Will will) throws MqttException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(keepAliveSeconds());
    options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
    mqtt.username().ifPresent(options::setUserName);
    mqtt.password().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    if (mqtt.tls().isPresent()) {
      options.setSocketFactory(tlsSocketFactory());
    }
    options.setWill(will.topic(), new MqttMessage(will.payload(), QOS, true, null));
    IMqttToken token = client.connect(options);
    token.waitForCompletion(CONNECT_WAIT_MILLIS);
    Integer receiveMaximum =
        token.getResponseProperties() == null
            ? null
            : token.getResponseProperties().getReceiveMaximum();
    return receiveMaximum == null ? OptionalInt.empty() : OptionalInt.of(receiveMaximum);
  }

  @Override
  boolean protocolRefused(int reasonCode) {
    return PROTOCOL_REFUSALS.contains(reasonCode);
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
