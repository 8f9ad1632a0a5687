package org.energytrace.ingest.bench;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.config.PipelineConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Load generator and benchmark (not part of {@code mvn verify}): a private Mosquitto, a fresh
 * database, ingest in this JVM, and the publisher ({@link LoadPublisher}) in a process of its own.
 * Prints (1) sustained readings/s stored through MQTT with de-duplication on (5 % of messages
 * replayed), (2) CPU of each process, (3) source-to-stored latency p50/p99 at a tenth of that load,
 * (4) the COPY ceilings of the same run: into {@code reading} as it is, into a copy of it with and
 * without the foreign key to {@code channel}, and into a narrow (channel, ts, value) table with the
 * same unique key. See docs/benchmarks/ingest.md for the command.
 *
 * <pre>
 * IngestBenchmark MESSAGES LATENCY_SECONDS [IN_FLIGHT [BATCH_ROWS]]
 * -Dbench.server=127.0.0.1:5432   the PostgreSQL server to create the database on
 * -Dbench.warmup=10000            messages published before the measured phase
 * -Dbench.sql="..."               SQL run after the migrations (an experiment on the schema)
 * </pre>
 */
public final class IngestBenchmark {
  static final int POINTS = LoadPublisher.POINTS;
  static final int COPY_ROWS = 500_000;
  static final int WARM_UP = Integer.getInteger("bench.warmup", 10_000);

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int batchRows = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
    String server = System.getProperty("bench.server", "127.0.0.1:5432");
    System.out.printf(
        "load average %s; %d messages, batch %d rows, %d in flight, server %s%n",
        loadAverage(), messages, batchRows, inFlight, server);
    try (BenchDb db = BenchDb.create(server);
        PrivateMosquitto mosquitto = PrivateMosquitto.start()) {
      Vertx vertx = Vertx.vertx();
      IngestConfig d = IngestConfig.defaults(db.url(), "postgres", mosquitto.url(), "bench-ingest");
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
                      batchRows,
                      Duration.ofMillis(20),
                      Duration.ofSeconds(1),
                      inFlight));
      Gateways.register(
          db.dataSource(), "warm/plant-1/gw-1", "load/plant-1/gw-1", "lat/plant-1/gw-1");
      IngestApp app = IngestApp.start(vertx, config).await();
      while (!app.mqttConnected()) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      double rate;
      try (Publisher pub = Publisher.start(mosquitto.url())) {
        // warm-up: registers 100 meters and warms the JIT of both JVMs (1 M readings: after 40 k,
        // as before, the compiler threads still worked off the start-up's backlog during the
        // measured phase, 0.2-0.4 cores)
        Instant base = Instant.now().minus(Duration.ofDays(2));
        pub.command("encode warm " + base.toEpochMilli() + " 0 " + WARM_UP);
        pub.command("go");
        waitFor(app, db, "warm", WARM_UP * (long) POINTS);
        double duplicates0 = app.metrics().duplicates();

        // (1) sustained throughput with de-duplication on (every 20th message is a replay); the
        // messages are encoded before the clock starts
        pub.command("encode load " + base.toEpochMilli() + " 0 " + messages);
        long[] pgPids = db.backendPids();
        Cpu cpu0 = Cpu.sample(pub.pid(), mosquitto.pid(), pgPids);
        java.util.Map<String, double[]> threads0 = threadSeconds();
        long t0 = System.nanoTime();
        var batchRowsMeter = app.metrics().registry().get("ingest.batch.rows").summary();
        var batchTime = app.metrics().registry().get("ingest.batch.latency").timer();
        long batches0 = batchRowsMeter.count();
        double rows0 = batchRowsMeter.totalAmount();
        double batchSeconds0 = batchTime.totalTime(TimeUnit.NANOSECONDS) / 1e9;
        java.time.LocalTime from = java.time.LocalTime.now();
        String[] published = pub.command("go").split(" ");
        waitFor(app, db, "load", (long) messages * POINTS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "sustained phase %s to %s (local time)%n", from, java.time.LocalTime.now());
        Cpu cpu1 = Cpu.sample(pub.pid(), mosquitto.pid(), pgPids);
        rate = messages * (double) POINTS / seconds;
        System.out.printf(
            "sustained: %d messages (%s published incl. replays) x %d readings in %.2f s = %.0f"
                + " readings/s stored; duplicates absorbed %.0f%n",
            messages,
            published[1],
            POINTS,
            seconds,
            rate,
            app.metrics().duplicates() - duplicates0);
        long batches = batchRowsMeter.count() - batches0;
        System.out.printf(
            "publisher done after %s s; %d batches, mean %.0f rows, mean %.1f ms in the store"
                + " (resolve + transaction)%n",
            published[2],
            batches,
            (batchRowsMeter.totalAmount() - rows0) / batches,
            (batchTime.totalTime(TimeUnit.NANOSECONDS) / 1e9 - batchSeconds0) * 1e3 / batches);
        System.out.println("cpu: " + cpu1.minus(cpu0, seconds));
        System.out.println(
            "ingest JVM threads (user + system cores): " + threadsMinus(threads0, seconds));

        // (2) latency at a tenth of the sustained rate, source timestamp = now; a fresh instance
        // (same persistent session) so its lag timer holds only these readings
        app.stop().await();
        app = IngestApp.start(vertx, config).await();
        while (!app.mqttConnected()) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
        double perSecond = rate / 10 / POINTS;
        var lag = app.metrics().registry().get("ingest.lag").timer();
        String[] paced =
            pub.command(String.format("paced lat %.3f %d", perSecond, latencySeconds)).split(" ");
        long n = Long.parseLong(paced[1]);
        waitFor(app, db, "lat", n * POINTS);
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
            "latency at %.0f readings/s (%.0f msg/s) for %d s: p50 %.1f ms, p99 %.1f ms (source"
                + " ts to commit, %d samples)%n",
            perSecond * POINTS, perSecond, latencySeconds, p50, p99, snap.count());
      }
      app.stop().await();
      vertx.close().await();

      // (3) COPY ceilings of the same run, 500 k rows each, one connection, 10 k rows per COPY
      double intoReading = db.copyRate("reading", COPY_ROWS);
      db.execute(
          "CREATE TABLE copy_fk (LIKE reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
              + " INCLUDING INDEXES)",
          "ALTER TABLE copy_fk ADD FOREIGN KEY (channel_id) REFERENCES channel",
          "CREATE TABLE copy_nofk (LIKE reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
              + " INCLUDING INDEXES)",
          "CREATE TABLE copy_narrow (channel_id bigint NOT NULL, ts timestamptz NOT NULL,"
              + " value double precision NOT NULL, UNIQUE (channel_id, ts))");
      double withFk = db.copyRate("copy_fk", COPY_ROWS);
      double noFk = db.copyRate("copy_nofk", COPY_ROWS);
      double narrow = db.copyRate("copy_narrow", COPY_ROWS);
      System.out.printf(
          "COPY rows/s (unique key, one connection): into reading %.0f; reading with FK %.0f;"
              + " without FK %.0f; narrow (channel, ts, value) %.0f%n",
          intoReading, withFk, noFk, narrow);
      System.out.printf(
          "sustained ingest = %.0f %% of COPY into reading, %.0f %% with FK, %.0f %% without FK,"
              + " %.0f %% narrow; load average %s%n",
          100 * rate / intoReading,
          100 * rate / withFk,
          100 * rate / noFk,
          100 * rate / narrow,
          loadAverage());
    }
  }

  static String loadAverage() throws Exception {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  /**
   * Waits until the ingest instance has committed {@code rows} more readings (its stored-points
   * counter, incremented after commit), then checks the table once: exactly {@code rows} readings
   * of the enterprise. (Polling {@code count(*)} on the growing table took as much database CPU as
   * ingest itself.)
   */
  static void waitFor(IngestApp app, BenchDb db, String enterprise, long rows) throws Exception {
    String sql =
        "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
            + enterprise
            + "'";
    long before = STORED.getOrDefault(app, 0L);
    while (app.metrics().pointsStored() < before + rows) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    STORED.put(app, before + rows);
    long count = db.count(sql);
    if (count != rows) {
      throw new IllegalStateException(
          enterprise + ": " + count + " readings in the table, expected " + rows);
    }
  }

  private static final java.util.Map<IngestApp, Long> STORED = new java.util.IdentityHashMap<>();

  /** The publisher process: one command line in, one answer line out. */
  static final class Publisher implements AutoCloseable {
    private final Process process;
    private final PrintStream in;
    private final BufferedReader out;

    private Publisher(Process process) {
      this.process = process;
      this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Publisher start(String url) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  LoadPublisher.class.getName(),
                  url)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return new Publisher(p);
    }

    String command(String line) throws Exception {
      in.println(line);
      String answer = out.readLine();
      if (answer == null || answer.startsWith("unknown")) {
        throw new IllegalStateException("publisher: " + line + " -> " + answer);
      }
      return answer;
    }

    long pid() {
      return process.pid();
    }

    @Override
    public void close() throws Exception {
      in.println("quit");
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** CPU seconds of each process taking part, and of the whole machine. */
  record Cpu(
      double ingest,
      double publisher,
      double broker,
      double postgresBackends,
      long machineBusy,
      long machineTotal) {
    static Cpu sample(long publisher, long broker, long[] backends) throws Exception {
      double pg = 0;
      for (long pid : backends) {
        pg += processSeconds(pid);
      }
      long[] sys = systemCpu();
      return new Cpu(
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                  .getProcessCpuTime()
              / 1e9,
          processSeconds(publisher),
          processSeconds(broker),
          pg,
          sys[0],
          sys[1]);
    }

    String minus(Cpu before, double seconds) {
      return String.format(
          "ingest JVM %.2f cores, publisher %.2f, mosquitto %.2f, PostgreSQL backends of this"
              + " database %.2f; whole machine %.0f %% of %d cores busy",
          (ingest - before.ingest) / seconds,
          (publisher - before.publisher) / seconds,
          (broker - before.broker) / seconds,
          (postgresBackends - before.postgresBackends) / seconds,
          100.0 * (machineBusy - before.machineBusy) / (machineTotal - before.machineTotal),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** Per thread name (digits folded): {user, system} seconds of this JVM's threads, from /proc. */
  static java.util.Map<String, double[]> threadSeconds() throws Exception {
    java.util.Map<String, double[]> out = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : tasks.toList()) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double[] v = out.computeIfAbsent(name.replaceAll("[0-9]+", "#"), k -> new double[2]);
          v[0] += Long.parseLong(f[11]) / 100.0;
          v[1] += Long.parseLong(f[12]) / 100.0;
        } catch (java.io.IOException e) {
          // the thread ended
        }
      }
    }
    return out;
  }

  static String threadsMinus(java.util.Map<String, double[]> before, double seconds)
      throws Exception {
    StringBuilder b = new StringBuilder();
    threadSeconds().entrySet().stream()
        .map(
            e -> {
              double[] o = before.getOrDefault(e.getKey(), new double[2]);
              return java.util.Map.entry(
                  e.getKey(),
                  new double[] {
                    (e.getValue()[0] - o[0]) / seconds, (e.getValue()[1] - o[1]) / seconds
                  });
            })
        .filter(e -> e.getValue()[0] + e.getValue()[1] >= 0.005)
        .sorted(
            (x, y) ->
                Double.compare(
                    y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
        .forEach(
            e ->
                b.append(
                    String.format("%s %.2f+%.2f; ", e.getKey(), e.getValue()[0], e.getValue()[1])));
    return b.toString();
  }

  /** utime + stime of a process from /proc, in seconds (0 when it is gone). */
  static double processSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat; f[0] is field 3
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (java.io.IOException e) {
      return 0;
    }
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

  /** A fresh database on {@code server} (trust auth, user postgres), dropped on close. */
  record BenchDb(String server, String name, PGSimpleDataSource dataSource)
      implements AutoCloseable {
    static BenchDb create(String server) throws SQLException {
      String name = "et_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = admin(server);
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      }
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL("jdbc:postgresql://" + server + "/" + name);
      ds.setUser("postgres");
      Database.migrate(ds);
      // an experiment on the schema, e.g. -Dbench.sql="DROP INDEX reading_ts_idx" (TimescaleDB)
      String sql = System.getProperty("bench.sql");
      if (sql != null) {
        try (Connection c = ds.getConnection();
            Statement st = c.createStatement()) {
          st.execute(sql);
        }
      }
      return new BenchDb(server, name, ds);
    }

    static Connection admin(String server) throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", "postgres");
      return DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", p);
    }

    String url() {
      return "jdbc:postgresql://" + server + "/" + name;
    }

    long count(String sql) throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    void execute(String... sql) throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        for (String s : sql) {
          st.execute(s);
        }
      }
    }

    /** Process ids of the client connections to this database (ingest's pool). */
    long[] backendPids() throws SQLException {
      List<Long> pids = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                      + " AND pid <> pg_backend_pid()")) {
        while (rs.next()) {
          pids.add(rs.getLong(1));
        }
      }
      return pids.stream().mapToLong(Long::longValue).toArray();
    }

    /** COPY (text, pgjdbc CopyManager, 10 k rows per COPY) of {@code rows} rows into table. */
    double copyRate(String table, int rows) throws Exception {
      boolean narrow = table.equals("copy_narrow");
      try (Connection c = dataSource.getConnection()) {
        long enterprise = count("select enterprise_id from enterprise where code = 'warm'");
        List<Long> channels = new ArrayList<>();
        try (Statement st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "select channel_id from channel where enterprise_id = " + enterprise)) {
          while (rs.next()) {
            channels.add(rs.getLong(1));
          }
        }
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<String> parts = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < rows; i++) {
          long ch = channels.get(i % channels.size());
          Instant ts = t.plusMillis(i / channels.size());
          if (narrow) {
            data.append(ch).append('\t').append(ts).append('\t').append(i % 1000).append('\n');
          } else {
            data.append(enterprise)
                .append('\t')
                .append(ch)
                .append('\t')
                .append(ts)
                .append('\t')
                .append(i % 1000)
                .append("\t0\t")
                .append(t)
                .append('\n');
          }
          if ((i + 1) % 10_000 == 0 || i == rows - 1) {
            parts.add(data.toString());
            data.setLength(0);
          }
        }
        String columns =
            narrow
                ? "(channel_id, ts, value)"
                : "(enterprise_id, channel_id, ts, value, quality, received_at)";
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        long t0 = System.nanoTime();
        for (String part : parts) {
          copy.copyIn("COPY " + table + " " + columns + " FROM STDIN", new StringReader(part));
        }
        return rows / ((System.nanoTime() - t0) / 1e9);
      }
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = admin(server);
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }
}
