package org.energytrace.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.buffer.SeqStore;
import org.energytrace.gateway.config.GatewayIdentity;
import org.energytrace.gateway.config.MqttConfig;
import org.energytrace.gateway.config.PublishConfig;
import org.energytrace.gateway.fixtures.LocalMosquitto;
import org.energytrace.gateway.fixtures.MqttRecorder;
import org.energytrace.gateway.fixtures.MqttRecorder.Received;
import org.energytrace.gateway.fixtures.Readings;
import org.energytrace.gateway.fixtures.TcpProxy;
import org.energytrace.gateway.fixtures.WireContract;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against the real local Mosquitto (through a TCP relay the test can cut). */
class MqttPublisherIT {

  @TempDir Path dataDir;

  private GatewayIdentity identity;
  private TcpProxy proxy;
  private MqttRecorder recorder;
  private final List<MqttPublisher> publishers = new ArrayList<>();

  @BeforeAll
  static void needsMosquitto() {
    LocalMosquitto.requireRunning();
  }

  @BeforeEach
  void setUp() throws Exception {
    // A fresh gateway id per test: retained messages of other runs never interfere.
    String id = "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    identity = new GatewayIdentity(id, "it-enterprise", "it-site", dataDir);
    proxy = new TcpProxy(LocalMosquitto.HOST, LocalMosquitto.PORT);
    recorder = new MqttRecorder(LocalMosquitto.URL, identity.topic("#"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (MqttPublisher p : publishers) {
      p.close();
    }
    recorder.clearRetained(identity.topic("status"));
    recorder.close();
    proxy.close();
  }

  private MqttPublisher publisher(ReadingBuffer buffer, PublishConfig publish) {
    MqttConfig mqtt =
        MqttConfig.anonymous(URI.create("tcp://127.0.0.1:" + proxy.port()), identity.id());
    MqttPublisher publisher =
        new MqttPublisher(
            identity,
            mqtt,
            publish,
            buffer,
            new MessageCodec(identity.id(), "0.1.0-it"),
            Clock.systemUTC());
    publishers.add(publisher);
    publisher.start();
    return publisher;
  }

  private List<Received> telemetry() {
    return recorder.on(identity.topic("telemetry"));
  }

  private static int points(List<Received> messages) {
    return messages.stream().mapToInt(r -> r.json().get("points").size()).sum();
  }

  @Test
  void anAttemptABrokerNeverAnswersIsClosedAndTheNextOneFollowsWithinTheBackoff() throws Exception {
    // a listener that takes the connection and never answers (a proxy whose broker is down, a
    // hung broker): the timed-out attempt kept its socket and Paho refused every next one at once
    // ("currently connecting") until the other side closed it, 98 s with a 30 s backoff
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
      MqttConfig mqtt =
          MqttConfig.anonymous(
                  URI.create("tcp://127.0.0.1:" + silent.getLocalPort()), identity.id())
              .withReconnectMaxBackoff(Duration.ofSeconds(2));
      MqttPublisher publisher =
          new MqttPublisher(
              identity,
              mqtt,
              PublishConfig.defaults(),
              new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST),
              new MessageCodec(identity.id(), "0.1.0-it"),
              Clock.systemUTC());
      publishers.add(publisher);
      publisher.start();
      await()
          .atMost(Duration.ofMillis(PahoTransport.CONNECT_WAIT_MILLIS).plusSeconds(15))
          .until(() -> accepted.size() >= 2);
      // the first attempt's socket was closed by the gateway, not left open
      await().atMost(Duration.ofSeconds(5)).until(() -> drained(accepted.get(0)));
      assertThat(publisher.isConnected()).isFalse();
      for (java.net.Socket k : accepted) {
        k.close();
      }
    }
  }

  /** Reads what is left on {@code socket}; true once it is at its end (the peer closed it). */
  private static boolean drained(java.net.Socket socket) throws java.io.IOException {
    socket.setSoTimeout(200);
    try {
      return socket.getInputStream().read(new byte[4096]) == -1;
    } catch (java.net.SocketTimeoutException open) {
      return false;
    }
  }

  @Test
  void publishesARetainedOnlineStatusOnConnectThatLateSubscribersGet() throws Exception {
    MqttPublisher publisher =
        publisher(
            new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST), PublishConfig.defaults());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !recorder.on(identity.topic("status")).isEmpty());
    assertThat(publisher.isConnected()).isTrue();
    try (MqttRecorder late = new MqttRecorder(LocalMosquitto.URL, identity.topic("status"))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !late.received().isEmpty());
      Received status = late.received().get(0);
      assertThat(status.retained()).isTrue();
      assertThat(status.qos()).isEqualTo(1);
      assertThat(status.json().get("state").asText()).isEqualTo("online");
      assertThat(WireContract.violations("status", status.payload())).isEmpty();
    }
  }

  @Test
  void publishesSchemaValidBatchesAtQos1WithAtMostMaxPointsAndIncreasingSeq() {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(10_000, OverflowPolicy.DROP_OLDEST);
    publisher(buffer, new PublishConfig(100, 10, 10_000));
    buffer.append(Readings.counters(250, 7));
    buffer.append(
        List.of(
            Reading.good(
                new PointTarget.ProductionLine("line-1", "crate-beer", "H87"),
                Instant.now(),
                152_340)));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                points(telemetry()) == 250 && !recorder.on(identity.topic("production")).isEmpty());
    await().atMost(Duration.ofSeconds(5)).until(() -> buffer.size() == 0);

    List<Received> messages = new ArrayList<>(telemetry());
    messages.addAll(recorder.on(identity.topic("production")));
    assertThat(messages).allSatisfy(m -> assertThat(m.qos()).isEqualTo(1));
    assertThat(telemetry())
        .allSatisfy(m -> assertThat(m.json().get("points").size()).isLessThanOrEqualTo(100));
    assertThat(telemetry())
        .allSatisfy(m -> assertThat(WireContract.violations("telemetry", m.payload())).isEmpty());
    assertThat(recorder.on(identity.topic("production")))
        .allSatisfy(m -> assertThat(WireContract.violations("production", m.payload())).isEmpty());
    List<Long> seqs = messages.stream().map(m -> m.json().get("seq").asLong()).sorted().toList();
    assertThat(seqs).doesNotHaveDuplicates();
  }

  // docs/asyncapi.yaml, seq: a batch keeps its number when it is sent again
  @Test
  void keepsEveryBatchsSeqAndContentWhenTheConnectionIsCutWithMessagesInFlight() {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(100_000, OverflowPolicy.DROP_OLDEST);
    publisher(buffer, new PublishConfig(10, 10, 100_000));
    buffer.append(Readings.counters(3000, 7));
    await().atMost(Duration.ofSeconds(10)).until(() -> telemetry().size() >= 30);
    proxy.killConnections(); // in-flight messages are never acknowledged
    await().atMost(Duration.ofSeconds(10)).until(() -> telemetry().size() >= 100);
    proxy.killConnections();

    await().atMost(Duration.ofSeconds(60)).until(() -> buffer.size() == 0);
    // the buffer empties on the broker's PUBACK; the recorder gets its copies a little later (on a
    // loaded machine, seconds later): wait until all 300 numbers have arrived, or fail on a gap
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> telemetry().stream().map(m -> m.json().get("seq").asLong()).distinct().count(),
            n -> n >= 300);
    Map<Long, String> contentBySeq = new HashMap<>();
    Map<String, Long> seqByReading = new HashMap<>();
    for (Received m : telemetry()) {
      JsonNode root = m.json();
      long seq = root.get("seq").asLong();
      String content = root.get("sent_at") + " " + root.get("points");
      assertThat(contentBySeq.putIfAbsent(seq, content))
          .as("seq %d again", seq)
          .isIn(null, content);
      for (JsonNode p : root.get("points")) {
        String reading = p.get("meter").asText() + "|" + p.get("ts").asText();
        assertThat(seqByReading.putIfAbsent(reading, seq)).as(reading).isIn(null, seq);
      }
    }
    assertThat(seqByReading).hasSize(3000);
    // every number from 0 to the last was published: no gap
    assertThat(contentBySeq.keySet())
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 300).boxed().toList());
  }

  @Test
  void staysWithinTheBrokersReceiveMaximumWhenAllowedMoreInFlight() {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(10_000, OverflowPolicy.DROP_OLDEST);
    // Mosquitto announces Receive Maximum 20 by default (max_inflight_messages); Paho fails with
    // 32202 beyond it. 2000 readings in messages of 5 keep far more than 20 messages queued.
    MqttPublisher publisher = publisher(buffer, new PublishConfig(5, 1000, 10_000));
    buffer.append(Readings.counters(2000, 7));

    await().atMost(Duration.ofSeconds(30)).until(() -> points(telemetry()) >= 2000);
    assertThat(publisher.inFlightLimit()).isLessThanOrEqualTo(20);
    assertThat(points(telemetry())).isEqualTo(2000);
  }

  @Test
  void continuesTheSequenceAfterARestartFromTheSeqFile() {
    MemoryReadingBuffer first =
        new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST, new SeqStore(dataDir));
    MqttPublisher publisher = publisher(first, new PublishConfig(10, 10, 1000));
    first.append(Readings.counters(30, 7));
    await().atMost(Duration.ofSeconds(10)).until(() -> telemetry().size() == 3);
    publisher.close();
    long lastBefore =
        telemetry().stream().mapToLong(m -> m.json().get("seq").asLong()).max().orElseThrow();

    MemoryReadingBuffer second =
        new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST, new SeqStore(dataDir));
    publisher(second, new PublishConfig(10, 10, 1000));
    second.append(Readings.counters(10, 7));
    await().atMost(Duration.ofSeconds(10)).until(() -> telemetry().size() == 4);

    assertThat(telemetry().get(3).json().get("seq").asLong()).isGreaterThan(lastBefore);
    assertThat(dataDir.resolve("seq")).exists();
  }

  @Test
  void leavesARetainedOfflineLastWillWhenTheConnectionIsCutAndReconnects() throws Exception {
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST);
    publisher(buffer, PublishConfig.defaults());
    String status = identity.topic("status");
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.on(status).size() == 1);

    proxy.killConnections();

    // MQTT 5 §3.1.2.5: the server publishes the Will Message when the network connection closes
    // without a DISCONNECT.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                recorder.on(status).stream()
                    .anyMatch(m -> m.json().get("state").asText().equals("offline")));
    Received will =
        recorder.on(status).stream()
            .filter(m -> m.json().get("state").asText().equals("offline"))
            .findFirst()
            .orElseThrow();
    assertThat(will.json().get("reason").asText()).isEqualTo("connection lost");
    assertThat(WireContract.violations("status", will.payload())).isEmpty();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              List<Received> all = recorder.on(status);
              JsonNode last = all.get(all.size() - 1).json();
              return last.get("state").asText().equals("online")
                  && last.get("reason").asText().equals("reconnected");
            });
    buffer.append(Readings.counters(3, 7));
    await().atMost(Duration.ofSeconds(10)).until(() -> points(telemetry()) == 3);
  }
}
