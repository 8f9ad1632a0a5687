package org.energytrace.ingest.bench;

import io.vertx.core.Vertx;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.config.PipelineConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.postgresql.PGConnection;

/**
 * Load generator and benchmark (not part of {@code mvn verify}): a private Mosquitto, a fresh
 * database on the local PostgreSQL, ingest in-process, a publisher of telemetry batches. Prints (1)
 * the raw COPY rate into {@code reading}, (2) sustained readings/s stored through MQTT with
 * de-duplication on (5 % of messages replayed), (3) source-to-stored latency p50/p99 at a tenth of
 * that load, (4) CPU. See docs/benchmarks/ingest.md for the command.
 */
public final class IngestBenchmark {
  static final int POINTS = 100;
  static final int METERS = 100;

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (TestDatabase db = TestDatabase.create();
        PrivateMosquitto mosquitto = PrivateMosquitto.start()) {
      Vertx vertx = Vertx.vertx();
      IngestConfig d =
          IngestConfig.defaults(db.url(), db.config().user(), mosquitto.url(), "bench-ingest");
      MqttConfig m = d.mqtt();
      IngestConfig config =
          d.withMqtt(
                  new MqttConfig(
                      m.url(),
                      m.clientId(),
                      null,
                      null,
                      m.topics(),
                      "",
                      Duration.ofHours(1),
                      200,
                      m.reconnectDelay()))
              .withIngest(
                  new PipelineConfig(
                      true,
                      1 << 20,
                      Duration.ofMinutes(5),
                      Duration.ofDays(400),
                      5000,
                      Duration.ofMillis(20),
                      Duration.ofSeconds(1),
                      inFlight));
      Gateways.register(db, "warm/plant-1/gw-1", "load/plant-1/gw-1", "lat/plant-1/gw-1");
      IngestApp app = IngestApp.start(vertx, config).await();
      while (!app.mqttConnected()) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      MqttAsyncClient pub =
          new MqttAsyncClient(
              mosquitto.url(), "bench-pub-" + UUID.randomUUID(), new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      o.setReceiveMaximum(1000);
      pub.connect(o).waitForCompletion();

      // warm-up: registers 100 meters and warms the JIT
      Instant base = Instant.now().minus(Duration.ofDays(2));
      publish(pub, "warm", base, 0, 200);
      waitFor(app, db, "warm", 200L * POINTS);

      // (2) sustained throughput with de-duplication on (every 20th message is a replay); the
      // messages are encoded before the clock starts: the generator shares the 2 cores with what
      // it measures, and building 500 k timestamps as text took a third of this JVM's CPU
      List<byte[]> load = encode(base, 0, messages);
      long cpu0 = cpuNanos();
      long[] sys0 = systemCpu();
      long t0 = System.nanoTime();
      var batchRows = app.metrics().registry().get("ingest.batch.rows").summary();
      var batchTime = app.metrics().registry().get("ingest.batch.latency").timer();
      long batches0 = batchRows.count();
      double rows0 = batchRows.totalAmount();
      double batchSeconds0 = batchTime.totalTime(TimeUnit.NANOSECONDS) / 1e9;
      int sent = publish(pub, "load", load);
      double published = (System.nanoTime() - t0) / 1e9;
      waitFor(app, db, "load", (long) messages * POINTS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cpu1 = cpuNanos();
      long[] sys1 = systemCpu();
      double rate = messages * (double) POINTS / seconds;
      System.out.printf(
          "sustained: %d messages (%d published incl. replays) x %d readings in %.2f s = %.0f"
              + " readings/s stored; duplicates absorbed %.0f%n",
          messages, sent, POINTS, seconds, rate, app.metrics().duplicates());
      long batches = batchRows.count() - batches0;
      System.out.printf(
          "publisher done after %.2f s; %d batches, mean %.0f rows, mean %.1f ms in the store"
              + " (resolve + transaction)%n",
          published,
          batches,
          (batchRows.totalAmount() - rows0) / batches,
          (batchTime.totalTime(TimeUnit.NANOSECONDS) / 1e9 - batchSeconds0) * 1e3 / batches);
      System.out.printf(
          "cpu: ingest JVM (ingest + publisher) %.2f cores; whole machine %.0f %% of %d cores"
              + " busy%n",
          (cpu1 - cpu0) / 1e9 / seconds,
          100.0 * ((sys1[0] - sys0[0]) / (double) (sys1[1] - sys0[1])),
          Runtime.getRuntime().availableProcessors());

      // (3) latency at a tenth of the sustained rate, source timestamp = now; a fresh instance
      // (same persistent session) so its lag timer holds only these readings
      app.stop().await();
      app = IngestApp.start(vertx, config).await();
      while (!app.mqttConnected()) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      double perSecond = rate / 10 / POINTS;
      var lag = app.metrics().registry().get("ingest.lag").timer();
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(latencySeconds)) {
        long due = start + (long) (n / perSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        send(pub, "lat", Instant.now(), n);
        n++;
      }
      waitFor(app, db, "lat", (long) n * POINTS);
      var snap = lag.takeSnapshot();
      double p50 = 0;
      double p99 = 0;
      for (var v : snap.percentileValues()) {
        if (v.percentile() == 0.5) {
          p50 = v.value(TimeUnit.MILLISECONDS);
        } else if (v.percentile() == 0.99) {
          p99 = v.value(TimeUnit.MILLISECONDS);
        }
      }
      System.out.printf(
          "latency at %.0f readings/s (%.0f msg/s) for %d s: p50 %.1f ms, p99 %.1f ms (source ts"
              + " to commit, %d readings)%n",
          perSecond * POINTS, perSecond, latencySeconds, p50, p99, snap.count());

      // (1) raw COPY into the same table, same run
      double copy = copyRate(db, 500_000);
      System.out.printf(
          "raw COPY into reading (unique key, one connection): %.0f rows/s; ingest = %.0f %% of"
              + " it%n",
          copy, 100 * rate / copy);
      pub.disconnect().waitForCompletion();
      pub.close();
      app.stop().await();
      vertx.close().await();
    }
  }

  static int publish(MqttAsyncClient pub, String enterprise, Instant base, int from, int to)
      throws Exception {
    return publish(pub, enterprise, encode(base, from, to));
  }

  /** Messages {@code from..to}, each 20th followed by a replay of the one 10 before it. */
  static List<byte[]> encode(Instant base, int from, int to) {
    List<byte[]> out = new java.util.ArrayList<>();
    for (int seq = from; seq < to; seq++) {
      out.add(payload(base.plusMillis(seq), seq));
      if (seq % 20 == 19) {
        out.add(payload(base.plusMillis(seq - 10), seq - 10)); // a replay
      }
    }
    return out;
  }

  static int publish(MqttAsyncClient pub, String enterprise, List<byte[]> payloads)
      throws Exception {
    for (byte[] p : payloads) {
      send(pub, enterprise, p);
    }
    return payloads.size();
  }

  static void send(MqttAsyncClient pub, String enterprise, Instant ts, int seq) throws Exception {
    send(pub, enterprise, payload(ts, seq));
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
    return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static void send(MqttAsyncClient pub, String enterprise, byte[] payload) throws Exception {
    MqttMessage msg = new MqttMessage(payload);
    msg.setQos(1);
    while (true) {
      try {
        pub.publish("et/v1/" + enterprise + "/plant-1/gw-1/telemetry", msg);
        return;
      } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
        // too many in flight (receive maximum): wait for acknowledgements
        TimeUnit.MILLISECONDS.sleep(1);
      }
    }
  }

  /**
   * Waits until the ingest instance has committed {@code rows} more readings (its stored-points
   * counter, incremented after commit), then checks the table once: exactly {@code rows} readings
   * of the enterprise. (Polling {@code count(*)} on the growing table every 20 ms, as before, took
   * as much database CPU as ingest itself.)
   */
  static void waitFor(IngestApp app, TestDatabase db, String enterprise, long rows)
      throws Exception {
    String sql =
        "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
            + enterprise
            + "'";
    long before = stored.getOrDefault(app, 0L);
    while (app.metrics().pointsStored() < before + rows) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    stored.put(app, before + rows);
    long count = db.count(sql);
    if (count != rows) {
      throw new IllegalStateException(
          enterprise + ": " + count + " readings in the table, expected " + rows);
    }
  }

  private static final java.util.Map<IngestApp, Long> stored = new java.util.IdentityHashMap<>();

  static double copyRate(TestDatabase db, int rows) throws Exception {
    try (Connection c = db.connect()) {
      long channel;
      try (var st = c.createStatement();
          var rs =
              st.executeQuery(
                  "select c.channel_id, c.enterprise_id from channel c join enterprise e using"
                      + " (enterprise_id) where e.code = 'warm' limit 1")) {
        rs.next();
        channel = rs.getLong(1);
      }
      long enterprise = db.count("select enterprise_id from enterprise where code = 'warm'");
      List<Long> channels = new java.util.ArrayList<>();
      try (var st = c.createStatement();
          var rs =
              st.executeQuery(
                  "select channel_id from channel where enterprise_id = " + enterprise)) {
        while (rs.next()) {
          channels.add(rs.getLong(1));
        }
      }
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      StringBuilder data = new StringBuilder(rows * 80);
      for (int i = 0; i < rows; i++) {
        long ch = channels.get(i % channels.size());
        data.append(enterprise)
            .append('\t')
            .append(ch)
            .append('\t')
            .append(t.plusMillis(i / channels.size()))
            .append('\t')
            .append(i % 1000)
            .append("\t0\t")
            .append(t)
            .append('\n');
      }
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      long t0 = System.nanoTime();
      int chunk = 10_000;
      String[] lines = data.toString().split("\n");
      for (int i = 0; i < lines.length; i += chunk) {
        String part =
            String.join(
                    "\n", java.util.Arrays.copyOfRange(lines, i, Math.min(lines.length, i + chunk)))
                + "\n";
        copy.copyIn(
            "COPY reading (enterprise_id, channel_id, ts, value, quality, received_at) FROM STDIN",
            new StringReader(part));
      }
      return rows / ((System.nanoTime() - t0) / 1e9);
    }
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** {busy, total} jiffies of the whole machine from /proc/stat. */
  static long[] systemCpu() throws Exception {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new long[] {total - idle, total};
  }
}
