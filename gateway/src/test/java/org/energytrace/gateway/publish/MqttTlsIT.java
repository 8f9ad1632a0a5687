package org.energytrace.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.config.PublishConfig;
import org.energytrace.gateway.fixtures.MosquittoProcess;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MQTT over TLS with a private CA and client certificates, against our own Mosquitto with {@code
 * require_certificate true}. Certificates are made with openssl for each run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttTlsIT {

  private Path dir;

  @BeforeAll
  void makeCertificates() throws Exception {
    dir = Files.createTempDirectory("et-mqtt-tls");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=energytrace-test-ca");
    for (String who : List.of("server", "client")) {
      openssl(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          who + ".key",
          "-out",
          who + ".csr",
          "-subj",
          "/CN=" + (who.equals("server") ? "127.0.0.1" : "gw-test"));
      Files.writeString(dir.resolve(who + ".ext"), "subjectAltName=IP:127.0.0.1\n");
      openssl(
          "x509",
          "-req",
          "-in",
          who + ".csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          who + ".pem",
          "-days",
          "2",
          "-extfile",
          who + ".ext");
    }
    openssl(
        "pkcs12",
        "-export",
        "-in",
        "client.pem",
        "-inkey",
        "client.key",
        "-out",
        "client.p12",
        "-passout",
        "pass:test-only");
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("this test needs openssl on the PATH (apt-get install openssl)", e);
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as("openssl %s:%n%s", command, out)
        .isTrue();
  }

  private MosquittoProcess tlsBroker() throws Exception {
    return new MosquittoProcess(
            dir.resolve("mosquitto-" + System.nanoTime()),
            List.of(
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true"))
        .start();
  }

  private MqttPublisher publisher(int port, ReadingBuffer buffer, boolean clientCertificate) {
    MqttConfig.Tls tls =
        new MqttConfig.Tls(
            dir.resolve("ca.pem"),
            clientCertificate ? Optional.of(dir.resolve("client.p12")) : Optional.empty(),
            clientCertificate ? Optional.of("test-only") : Optional.empty());
    MqttConfig mqtt =
        MqttConfig.anonymous(URI.create("ssl://127.0.0.1:" + port), "it-tls-" + System.nanoTime())
            .withReconnectMaxBackoff(Duration.ofSeconds(1))
            .withTls(Optional.of(tls));
    return new MqttPublisher(
        new GatewayIdentity("gw-tls", "it", "tls", dir.resolve("data-" + System.nanoTime())),
        mqtt,
        PublishConfig.defaults(),
        buffer,
        new MessageCodec("gw-tls", "test"),
        Clock.systemUTC());
  }

  private static List<Reading> readings() {
    return List.of(
        Reading.good(
            PointTarget.MeterChannel.gauge("m1", "AcActivePowerTotal", "KWT"), Instant.now(), 1));
  }

  @Test
  void publishesOverTlsWithAClientCertificateSignedByTheConfiguredCa() throws Exception {
    try (MosquittoProcess broker = tlsBroker()) {
      MemoryReadingBuffer buffer = new MemoryReadingBuffer(100, OverflowPolicy.DROP_OLDEST);
      buffer.append(readings());
      MqttPublisher publisher = publisher(broker.port, buffer, true);
      publisher.start();
      try {
        // a batch leaves the buffer only on PUBACK: the broker took it over TLS
        await().atMost(Duration.ofSeconds(20)).until(() -> buffer.size() == 0);
        assertThat(publisher.isConnected()).isTrue();
      } finally {
        publisher.close();
      }
    }
  }

  @Test
  void cannotConnectWithoutAClientCertificateWhenTheBrokerRequiresOne() throws Exception {
    try (MosquittoProcess broker = tlsBroker()) {
      MemoryReadingBuffer buffer = new MemoryReadingBuffer(100, OverflowPolicy.DROP_OLDEST);
      buffer.append(readings());
      MqttPublisher publisher = publisher(broker.port, buffer, false);
      publisher.start();
      try {
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(5))
            .until(() -> !publisher.isConnected() && buffer.size() == 1);
      } finally {
        publisher.close();
      }
    }
  }
}
