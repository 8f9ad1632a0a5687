package org.energytrace.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.energytrace.gateway.fixtures.MqttRecorder;
import org.junit.jupiter.api.Test;

/** The demo's embedded broker carries messages and leaves nothing on disk once closed. */
class EmbeddedBrokerIT {

  @Test
  void deliversAMessageAndRemovesItsFolderWhenClosed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port);
    Path home = broker.home();
    try {
      broker.start();
      String url = "tcp://127.0.0.1:" + port;
      MqttRecorder recorder = new MqttRecorder(url, "et/v1/it/#");
      MqttClient sender = new MqttClient(url, "it-sender", new MemoryPersistence());
      sender.connect();
      MqttMessage message = new MqttMessage("42".getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      sender.publish("et/v1/it/telemetry", message);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> recorder.on("et/v1/it/telemetry").size() == 1);
      sender.disconnect();
      sender.close();
      recorder.close();

      // in memory: no preallocated persistence files (HiveMQ's file mode wrote ~1 GB per run)
      assertThat(sizeOf(home)).isLessThan(10L * 1024 * 1024);
    } finally {
      broker.close();
    }

    assertThat(home).doesNotExist();
  }

  private static long sizeOf(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
