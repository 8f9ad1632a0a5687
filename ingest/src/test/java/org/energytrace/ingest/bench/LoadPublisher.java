package org.energytrace.ingest.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The benchmark's load generator, in a process of its own so that it does not share the ingest JVM
 * (its CPU is reported separately). Publishes telemetry of gateway {@code gw-1} at site {@code
 * plant-1} at QoS 1, 100 readings (100 meters) per message. Commands, one per line on stdin, each
 * answered by one line on stdout:
 *
 * <ul>
 *   <li>{@code encode ENTERPRISE BASE_EPOCH_MS FROM TO} — builds messages FROM..TO (every 20th
 *       followed by a replay of the one 10 before it) before any clock starts; answers {@code
 *       encoded N};
 *   <li>{@code go} — publishes what was encoded as fast as the broker takes it; answers {@code
 *       published N SECONDS};
 *   <li>{@code paced ENTERPRISE MESSAGES_PER_SECOND SECONDS} — publishes at that rate with the
 *       source timestamp = now; answers {@code published N SECONDS};
 *   <li>{@code quit}.
 * </ul>
 */
public final class LoadPublisher {
  static final int POINTS = 100;
  static final int METERS = 100;

  private final MqttAsyncClient client;
  private final List<byte[]> encoded = new ArrayList<>();
  private String topic;

  private LoadPublisher(MqttAsyncClient client) {
    this.client = client;
  }

  public static void main(String[] args) throws Exception {
    MqttAsyncClient c =
        new MqttAsyncClient(args[0], "bench-pub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setReceiveMaximum(1000);
    c.connect(o).waitForCompletion();
    LoadPublisher pub = new LoadPublisher(c);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] w = line.trim().split("\\s+");
      switch (w[0]) {
        case "encode" -> {
          pub.topic = topic(w[1]);
          pub.encoded.clear();
          pub.encoded.addAll(
              encode(
                  Instant.ofEpochMilli(Long.parseLong(w[2])),
                  Integer.parseInt(w[3]),
                  Integer.parseInt(w[4])));
          out.println("encoded " + pub.encoded.size());
        }
        case "go" -> {
          long t0 = System.nanoTime();
          for (byte[] p : pub.encoded) {
            pub.send(pub.topic, p);
          }
          out.printf("published %d %.3f%n", pub.encoded.size(), (System.nanoTime() - t0) / 1e9);
        }
        case "paced" -> {
          String t = topic(w[1]);
          double perSecond = Double.parseDouble(w[2]);
          long seconds = Long.parseLong(w[3]);
          long start = System.nanoTime();
          int n = 0;
          while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            long wait = start + (long) (n / perSecond * 1e9) - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            pub.send(t, payload(Instant.now(), n));
            n++;
          }
          out.printf("published %d %.3f%n", n, (System.nanoTime() - start) / 1e9);
        }
        case "quit" -> {
          c.disconnect().waitForCompletion();
          c.close();
          return;
        }
        default -> out.println("unknown command: " + line);
      }
    }
  }

  static String topic(String enterprise) {
    return "et/v1/" + enterprise + "/plant-1/gw-1/telemetry";
  }

  /** Messages {@code from..to}, each 20th followed by a replay of the one 10 before it. */
  static List<byte[]> encode(Instant base, int from, int to) {
    List<byte[]> out = new ArrayList<>();
    for (int seq = from; seq < to; seq++) {
      out.add(payload(base.plusMillis(seq), seq));
      if (seq % 20 == 19) {
        out.add(payload(base.plusMillis(seq - 10), seq - 10)); // a replay
      }
    }
    return out;
  }

  static byte[] payload(Instant ts, int seq) {
    StringBuilder b = new StringBuilder(POINTS * 120);
    b.append("{\"schema_version\":1,\"gateway\":\"gw-1\",\"seq\":")
        .append(seq)
        .append(",\"sent_at\":\"")
        .append(ts)
        .append("\",\"points\":[");
    for (int i = 0; i < POINTS; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"meter\":\"m")
          .append(i % METERS)
          .append("\",\"channel\":\"AcActivePowerTotal\",\"ts\":\"")
          .append(ts)
          .append("\",\"value\":")
          .append(seq % 1000 + i / 10.0)
          .append(",\"unit\":\"KWT\",\"quality\":\"good\"}");
    }
    b.append("]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void send(String topic, byte[] payload) throws Exception {
    MqttMessage msg = new MqttMessage(payload);
    msg.setQos(1);
    while (true) {
      try {
        client.publish(topic, msg);
        return;
      } catch (MqttException e) {
        // too many in flight (the broker's receive maximum): wait for acknowledgements
        TimeUnit.MILLISECONDS.sleep(1);
      }
    }
  }
}
