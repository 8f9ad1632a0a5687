package org.energytrace.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ingest replaces Paho's {@code CountingInputStream} with one that reads blocks (Paho's read every
 * received payload byte by byte). A PUBLISH must decode exactly as before: topic, packet id, QoS,
 * properties and every payload byte, across the remaining-length boundaries of MQTT 5 §1.5.5.
 */
class PahoDecodingTest {
  @Test
  void theBlockReadingCountingStreamIsTheOneInUse() {
    // Paho's own class declares only read(); if the dependency's copy were loaded, this fails
    assertThatCode(
            () ->
                CountingInputStream.class.getDeclaredMethod(
                    "read", byte[].class, int.class, int.class))
        .doesNotThrowAnyException();
  }

  @Test
  void countsTheBytesOfBlockAndSingleByteReads() throws Exception {
    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[100]));
    assertThat(in.read(new byte[60], 0, 60)).isEqualTo(60);
    assertThat(in.read()).isZero();
    assertThat(in.read(new byte[60], 0, 60)).isEqualTo(39);
    assertThat(in.read(new byte[60], 0, 60)).isEqualTo(-1);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.getCounter()).isEqualTo(100);
  }

  // remaining length takes 1, 2, 3 and 4 bytes from 0-127, 128-16 383, 16 384-2 097 151, beyond
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 127, 128, 12_500, 16_383, 16_384, 2_097_151, 2_200_000})
  void decodesAPublishOfEverySizeExactly(int size) throws Exception {
    byte[] payload = new byte[size];
    new Random(size).nextBytes(payload);
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    MqttProperties properties = new MqttProperties();
    properties.setContentType("application/json");
    properties.setUserProperties(List.of(new UserProperty("schema", "1")));
    MqttPublish sent = new MqttPublish("et/v1/acme/plant-1/gw-1/telemetry", message, properties);
    sent.setMessageId(4711);

    byte[] header = sent.getHeader();
    byte[] body = sent.getPayload();
    byte[] wire = new byte[header.length + body.length];
    System.arraycopy(header, 0, wire, 0, header.length);
    System.arraycopy(body, 0, wire, header.length, body.length);
    MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(wire);

    assertThat(received.getTopicName()).isEqualTo("et/v1/acme/plant-1/gw-1/telemetry");
    assertThat(received.getMessageId()).isEqualTo(4711);
    assertThat(received.getMessage().getQos()).isEqualTo(1);
    assertThat(received.getProperties().getContentType()).isEqualTo("application/json");
    assertThat(received.getProperties().getUserProperties())
        .extracting(UserProperty::getKey, UserProperty::getValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("schema", "1"));
    assertThat(received.getMessage().getPayload()).isEqualTo(payload);
  }
}
