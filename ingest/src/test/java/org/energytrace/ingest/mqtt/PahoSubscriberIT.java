package org.energytrace.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subscriber against a private Mosquitto (2.0, MQTT 5): what it accepts, how much it holds, and
 * how it comes back after the broker went away.
 */
class PahoSubscriberIT {
  static final String TOPIC = "et/v1/sub-co/plant-1/gw-1/telemetry";
  PrivateMosquitto mosquitto;
  final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void broker() {
    mosquitto = PrivateMosquitto.start();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    mosquitto.close();
  }

  MqttConfig config() {
    return new MqttConfig(
        mosquitto.url(),
        "et-it-sub-" + UUID.randomUUID(),
        null,
        null,
        List.of("et/v1/+/+/+/telemetry"),
        "",
        Duration.ofHours(1),
        1000,
        Duration.ofMillis(100));
  }

  PahoSubscriber started(MqttConfig config, int maxPayloadBytes) {
    PahoSubscriber s = new PahoSubscriber(config, maxPayloadBytes, Clock.systemUTC());
    closing.add(0, s);
    s.start();
    await().atMost(Duration.ofSeconds(10)).until(s::isConnected);
    return s;
  }

  TestBroker publisher() {
    TestBroker p = TestBroker.connect(mosquitto.url());
    closing.add(0, p);
    return p;
  }

  static byte[] payload(int bytes, char fill) {
    byte[] b = new byte[bytes];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  @Test
  void isNeverSentAPublishLargerThanItsMaximumPacketSize() throws Exception {
    // issue 11: 100 refused messages of 2 MB each looped "Java heap space"; with the maximum
    // packet size from ingest.max_payload_bytes the broker must not send them (MQTT 5
    // §3.1.2.11.4) — Mosquitto drops them for this subscriber
    PahoSubscriber s = started(config(), 64 * 1024);
    TestBroker gateway = publisher();
    for (int i = 0; i < 20; i++) {
      gateway.publish(TOPIC, payload(2 << 20, 'x'));
    }
    gateway.publish(TOPIC, "small".getBytes(StandardCharsets.UTF_8));

    InboundMessage first = s.poll(Duration.ofSeconds(20));

    assertThat(first).isNotNull();
    assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("small");
    assertThat(s.received()).isEqualTo(1);
  }

  @Test
  void holdsNoMorePayloadBytesThanQueueMaxBytesWhileNothingIsTaken() throws Exception {
    // a pipeline that takes nothing (database down): the hand-over queue stops at its byte bound
    // (3 messages of 100 kB), Paho's thread waits with the fourth, the broker holds the rest
    PahoSubscriber s = started(config().withQueue(1000, 300_000), 128 * 1024);
    TestBroker gateway = publisher();
    for (int i = 0; i < 20; i++) {
      gateway.publish(TOPIC, payload(100_000, (char) ('a' + i)));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> s.received() == 4);
    assertThat(s.queued()).isEqualTo(3);
    assertThat(s.mostQueuedBytes()).isEqualTo(300_000);

    List<InboundMessage> taken = new ArrayList<>();
    while (taken.size() < 20) {
      InboundMessage m = s.poll(Duration.ofSeconds(20));
      assertThat(m).as("message %d", taken.size()).isNotNull();
      taken.add(m);
      s.ack(m);
    }
    assertThat(taken).extracting(m -> (char) m.payload()[0]).startsWith('a', 'b', 'c', 'd');
    assertThat(s.mostQueuedBytes()).isEqualTo(300_000);
  }

  @Test
  void reconnectsAtItsFirstAttemptWhenThePipelineAcknowledgesMessagesOfTheLostConnection()
      throws Exception {
    // a clean broker restart (systemctl restart) while the pipeline still held messages: their
    // acknowledgements, queued while disconnected, stopped Paho 1.2.5's sender before it sent
    // CONNECT, and the attempt hung until the broker dropped the silent socket ~95 s later;
    // with a broker that keeps no session, everything published meanwhile was lost
    Duration first = Duration.ofSeconds(1);
    PahoSubscriber s =
        started(
            config().withTiming(Duration.ofSeconds(30), first, Duration.ofSeconds(30)), 1 << 20);
    try (TestBroker gateway = TestBroker.connect(mosquitto.url())) {
      for (int i = 0; i < 5; i++) {
        gateway.publish(TOPIC, ("m" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    List<InboundMessage> held = new ArrayList<>();
    while (held.size() < 5) {
      InboundMessage m = s.poll(Duration.ofSeconds(10));
      assertThat(m).as("message %d", held.size()).isNotNull();
      held.add(m);
    }
    mosquitto.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> s.connectionsLost() == 1);
    // the pipeline finishes the batch it held and acknowledges it: the connection is gone
    held.forEach(s::ack);
    mosquitto.restart();
    await().atMost(Duration.ofSeconds(10)).until(s::isConnected);
    // the session kept the unacknowledged messages: they come again, and are acknowledged now
    List<String> again = new ArrayList<>();
    for (InboundMessage m = s.poll(Duration.ofSeconds(5));
        m != null;
        m = s.poll(Duration.ofSeconds(2))) {
      again.add(new String(m.payload(), StandardCharsets.UTF_8));
      s.ack(m);
    }
    assertThat(again).contains("m0", "m1", "m2", "m3", "m4");
    assertThat(s.acksNotSent()).isEqualTo(5);
  }

  @Test
  void anAttemptABrokerNeverAnswersIsClosedAfterTheLimitAndTheNextOneFollows() throws Exception {
    // a listener that takes the TCP connection and never sends CONNACK (a broker hung, or Paho
    // stuck before CONNECT): the attempt waited for the socket to be dropped, however long
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
      List<java.net.Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (java.io.IOException closed) {
                  // done
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      MqttConfig c = config();
      PahoSubscriber s =
          new PahoSubscriber(
              new MqttConfig(
                      "tcp://127.0.0.1:" + silent.getLocalPort(),
                      c.clientId(),
                      null,
                      null,
                      c.topics(),
                      "",
                      c.sessionExpiry(),
                      c.queueCapacity(),
                      Duration.ofMillis(100))
                  .withTiming(
                      Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1)),
              1 << 20,
              Clock.systemUTC());
      closing.add(0, s);
      long start = System.nanoTime();
      s.start();
      await()
          .atMost(PahoSubscriber.ATTEMPT_LIMIT.plusSeconds(15))
          .until(() -> s.failedAttempts() >= 1 && accepted.size() >= 2);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(accepted).hasSizeGreaterThanOrEqualTo(2);
      // not before the limit: the first attempt was given its time
      assertThat(took).isGreaterThanOrEqualTo(PahoSubscriber.ATTEMPT_LIMIT);
      assertThat(s.isConnected()).isFalse();
      for (java.net.Socket k : accepted) {
        k.close();
      }
    }
  }

  @Test
  void reconnectsWithinTheConfiguredMaximumDelayAfterTheBrokerComesBack() {
    // issue 11: Paho 1.2.5's automatic reconnect ignored the configured maximum and backed off to
    // 128 s; ingest came back 31 s after the broker. The pauses now double up to the maximum.
    Duration max = Duration.ofSeconds(1);
    PahoSubscriber s =
        started(config().withTiming(Duration.ofSeconds(30), Duration.ofMillis(100), max), 1 << 20);

    mosquitto.stop();
    // long enough for Paho's doubling to have passed 8 s: 100 ms, 200, 400, 800, then 1 s each
    await().atMost(Duration.ofSeconds(60)).until(() -> s.failedAttempts() >= 8);
    mosquitto.restart();

    await().atMost(max.plusSeconds(5)).until(s::isConnected);
    assertThat(s.reconnectDelays())
        .startsWith(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400))
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(max));
    assertThat(s.connectionsLost()).isEqualTo(1);
  }
}
