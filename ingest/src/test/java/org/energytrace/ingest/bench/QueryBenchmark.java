package org.energytrace.ingest.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.PgAccounts;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.DbConfig;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Province-scale queries (issue 12): one year of 500 meters — a kWh counter every 15 minutes and a
 * kW gauge every minute each, 10 enterprises of 50 meters — loaded by COPY, then the API's reads
 * timed over HTTP against ingest in-process: an enterprise's overview, a meter's series at 15m (the
 * year in pages of 10 000, the API's limit), 1h and 1d over a year for its counter and its gauge,
 * SEC per day over a year and savings over the half year after the measure. Measured, not asserted;
 * not part of {@code mvn verify}. Report and command: docs/benchmarks/queries.md.
 *
 * <pre>
 * java -cp target/test-classes:target/energytrace-ingest.jar \
 *   org.energytrace.ingest.bench.QueryBenchmark HOST:PORT [METERS] [DAYS] [RUNS]
 * </pre>
 *
 * The data is loaded once into database {@code et_bench_q<METERS>x<DAYS>} (kept, so a second run
 * measures again without loading; drop it by hand). Loading writes what ingest would have written:
 * readings time after time (all channels of a minute, then the next, as they arrive), the counters'
 * interval energy, and — where the service keeps them (plain PostgreSQL, apache edition) — the
 * 15m/1h rollups aggregated in the JVM like {@code Rollups.Delta}; on TimescaleDB's full edition
 * the continuous aggregates are refreshed and chunks older than 30 days compressed, as the policies
 * would.
 */
public final class QueryBenchmark {
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static final int ENTERPRISES = 10;
  static final String ENPI = "plant-sec";
  static final int ENPI_METERS = 3;

  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String server = args.length > 0 ? args[0] : "127.0.0.1:5432";
    int meters = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    String name = "et_bench_q" + meters + "x" + days;
    createDatabaseIfMissing(server, name);
    String url = "jdbc:postgresql://" + server + "/" + name;
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser("postgres");
    Database.migrate(ds);
    LocalDate today = LocalDate.now(ZONE);
    LocalDate first = today.minusDays(days - 1L);
    LocalDate measure = first.plusDays(days / 2);
    if (!loaded(ds)) {
      new Load(ds, meters, first, Instant.now().truncatedTo(ChronoUnit.MINUTES), measure).run();
    }

    Vertx vertx = Vertx.vertx();
    IngestConfig d =
        IngestConfig.defaults(url, "postgres", "tcp://127.0.0.1:1883", "qbench-" + name);
    MqttConfig m = d.mqtt();
    IngestConfig config =
        d.withDb(new DbConfig(url, "postgres", "", 4, true))
            .withMqtt(
                new MqttConfig(
                    m.url(),
                    m.clientId(),
                    m.username(),
                    m.password(),
                    List.of("et/v1/qbench-nobody/+/+/telemetry"),
                    "",
                    m.sessionExpiry(),
                    m.queueCapacity(),
                    m.reconnectDelay()));
    IngestApp app = IngestApp.start(vertx, config).await();
    try {
      Instant now = Instant.now();
      String token =
          new PgAccounts(ds)
              .issueToken(
                  "qbench", Role.SYSTEM_ADMIN, null, "qbench", now, now.plus(Duration.ofDays(1)))
              .token();
      Api api = new Api(app.httpPort(), token);
      // the baseline is approved by an auditor assigned to the enterprise (issue 15: not by the
      // system administrator, docs/verification.md §1)
      PgAccounts accounts = new PgAccounts(ds);
      accounts.putUser(
          "qbench-auditor",
          Role.AUDITOR,
          null,
          List.of(new PgAccounts.Assignment("prov-01", now.plus(Duration.ofDays(1)))),
          false,
          null,
          false);
      String auditorToken =
          accounts
              .tokens()
              .issue(
                  "qbench-auditor",
                  Role.AUDITOR,
                  "prov-01",
                  "qbench",
                  accounts.user("qbench-auditor").orElseThrow().id(),
                  now,
                  now.plus(Duration.ofDays(1)),
                  false,
                  List.of())
              .token();
      int baseline = describe(api, new Api(app.httpPort(), auditorToken), first, measure);
      environment(ds, server, meters, days);
      measure(
          api, runs, meterCode(Math.min(7, meters / ENTERPRISES)), first, today, measure, baseline);
    } finally {
      app.stop().await();
      vertx.close().await();
    }
  }

  // ---- measuring ----

  static void measure(
      Api api,
      int runs,
      String meter,
      LocalDate first,
      LocalDate today,
      LocalDate measure,
      int baseline)
      throws Exception {
    String e = "/api/v1/enterprises/prov-01";
    Instant from = first.atStartOfDay(ZONE).toInstant();
    Instant to = today.plusDays(1).atStartOfDay(ZONE).toInstant();
    String series = e + "/meters/" + meter + "/channels/";
    Map<String, Query> queries = new LinkedHashMap<>();
    queries.put(
        "overview of an enterprise (meters)",
        () -> api.get(e + "/overview").getJsonArray("meters").size());
    for (String channel : List.of("E", "P")) {
      String kind = "E".equals(channel) ? "counter" : "gauge";
      queries.put(
          kind + " 15m, a year (" + "pages of 10 000)",
          () -> pages(api, series + channel, "15m", from, to));
      for (String r : List.of("1h", "1d")) {
        queries.put(
            kind + " " + r + ", a year",
            () ->
                api.get(
                        series
                            + channel
                            + "/series?resolution="
                            + r
                            + "&from="
                            + from
                            + "&to="
                            + to
                            + "&limit=10000")
                    .getJsonArray("rows")
                    .size());
      }
    }
    queries.put(
        "SEC per day, a year",
        () ->
            api.get(
                    e
                        + "/enpis/"
                        + ENPI
                        + "/sec?bucket=day&from="
                        + first
                        + "&to="
                        + today.minusDays(1))
                .getJsonArray("points")
                .size());
    queries.put(
        "savings, measure to yesterday",
        () ->
            api.get(
                    e
                        + "/enpis/"
                        + ENPI
                        + "/savings?baseline="
                        + baseline
                        + "&from="
                        + measure
                        + "&to="
                        + today.minusDays(1))
                .getJsonObject("reporting")
                .size());
    System.out.println();
    System.out.println("| query | rows | p50 ms | p95 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    for (var q : queries.entrySet()) {
      long rows = 0;
      for (int i = 0; i < 3; i++) {
        rows = q.getValue().run(); // warm-up
      }
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        q.getValue().run();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.0f | %.0f | %.0f |%n",
          q.getKey(),
          rows,
          ms[(int) Math.ceil(0.5 * runs) - 1],
          ms[(int) Math.ceil(0.95 * runs) - 1],
          ms[runs - 1]);
    }
  }

  interface Query {
    long run() throws Exception;
  }

  /** A year at 15m: the API answers at most 10 000 rows, so a client reads it page by page. */
  static long pages(Api api, String channel, String resolution, Instant from, Instant to)
      throws Exception {
    long rows = 0;
    Instant start = from;
    while (start.isBefore(to)) {
      JsonArray page =
          api.get(
                  channel
                      + "/series?resolution="
                      + resolution
                      + "&from="
                      + start
                      + "&to="
                      + to
                      + "&limit=10000")
              .getJsonArray("rows");
      rows += page.size();
      if (page.size() < 10_000) {
        break;
      }
      start =
          Instant.parse(page.getJsonObject(page.size() - 1).getString("bucket"))
              .plus(Duration.ofMinutes(15));
    }
    return rows;
  }

  static void environment(PGSimpleDataSource ds, String server, int meters, int days)
      throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      System.out.println();
      System.out.println("server " + server + ", " + one(st, "SELECT version()"));
      try (ResultSet rs =
          st.executeQuery("SELECT feature, provider, detail FROM storage_feature ORDER BY 1")) {
        while (rs.next()) {
          System.out.println(
              "  " + rs.getString(1) + ": " + rs.getString(2) + " (" + rs.getString(3) + ")");
        }
      }
      System.out.println(
          "  readings "
              + one(st, "SELECT to_char(count(*), 'FM999,999,999,999') FROM reading")
              + ", intervals "
              + one(st, "SELECT to_char(count(*), 'FM999,999,999,999') FROM interval_energy")
              + ", "
              + meters
              + " meters, "
              + days
              + " days; database "
              + one(st, "SELECT pg_size_pretty(pg_database_size(current_database()))"));
      if (one(st, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'").equals("1")) {
        System.out.println(
            "  reading: "
                + one(
                    st,
                    "SELECT count(*) FILTER (WHERE is_compressed) || ' of ' || count(*)"
                        + " || ' chunks compressed' FROM timescaledb_information.chunks"
                        + " WHERE hypertable_name = 'reading'")
                + ", "
                + one(
                    st,
                    "SELECT pg_size_pretty(before_compression_total_bytes) || ' before, '"
                        + " || pg_size_pretty(after_compression_total_bytes) || ' after'"
                        + " FROM hypertable_compression_stats('reading')"));
      } else {
        System.out.println(
            "  reading: " + one(st, "SELECT pg_size_pretty(pg_total_relation_size('reading'))"));
      }
    }
  }

  // ---- describing the EnPI and its baseline (over the API, once) ----

  static int describe(Api api, Api auditor, LocalDate first, LocalDate measure) throws Exception {
    String e = "/api/v1/enterprises/prov-01";
    JsonArray existing =
        api.get(e + "/enpis/" + ENPI + "/baselines", true).getJsonArray("baselines");
    if (existing != null) {
      for (Object o : existing) {
        JsonObject b = (JsonObject) o;
        if ("approved".equals(b.getString("status"))) {
          return b.getInteger("version");
        }
      }
    }
    for (int i = 1; i <= ENPI_METERS; i++) {
      api.send(
          "PUT",
          e + "/meters/" + meterCode(i) + "/energy",
          new JsonObject()
              .put("carrier", "electricity")
              .put("unit", "kWh")
              .put("role", "main")
              .put("boundary", "site")
              .put("channel", "E"));
    }
    api.send("PUT", e + "/lines/line-1", new JsonObject().put("site", "plant-1").put("name", "L1"));
    api.send("PUT", e + "/products/p1", new JsonObject().put("line", "line-1").put("unit", "HLT"));
    api.send("PUT", e + "/products/p2", new JsonObject().put("line", "line-1").put("unit", "HLT"));
    JsonArray ms = new JsonArray();
    for (int i = 1; i <= ENPI_METERS; i++) {
      ms.add(new JsonObject().put("meter", meterCode(i)));
    }
    api.send(
        "PUT",
        e + "/enpis/" + ENPI,
        new JsonObject()
            .put("name", "kWh per hl")
            .put("scope", new JsonObject().put("level", "facility").put("ref", "plant-1"))
            .put("basis", "kwh_final")
            .put("meters", ms)
            .put("products", new JsonArray().add("p1").add("p2")));
    JsonObject fit =
        api.send(
            "POST",
            e + "/enpis/" + ENPI + "/baselines",
            new JsonObject()
                .put("from", first.plusDays(1).toString())
                .put("to", measure.minusDays(1).toString())
                .put("model", "ols"));
    int version = fit.getInteger("version");
    api.send(
        "POST",
        e + "/enpis/" + ENPI + "/baselines/" + version + "/submit",
        new JsonObject().put("comment", "query benchmark"));
    auditor.send(
        "POST",
        e + "/enpis/" + ENPI + "/baselines/" + version + "/approve",
        new JsonObject().put("opinion", "query benchmark"));
    return version;
  }

  record Api(int port, String token) {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    JsonObject get(String path) throws Exception {
      return get(path, false);
    }

    JsonObject get(String path, boolean notFoundIsEmpty) throws Exception {
      HttpResponse<String> res =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (notFoundIsEmpty && res.statusCode() == 404) {
        return new JsonObject();
      }
      if (res.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": " + res.statusCode() + " " + res.body());
      }
      return new JsonObject(res.body());
    }

    JsonObject send(String method, String path, JsonObject body) throws Exception {
      HttpResponse<String> res =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(body.encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + ": " + res.statusCode() + " " + res.body());
      }
      return res.body().isBlank() ? new JsonObject() : new JsonObject(res.body());
    }
  }

  // ---- loading ----

  static String meterCode(int i) {
    return String.format(Locale.ROOT, "m-%03d", i);
  }

  static boolean loaded(PGSimpleDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      return "t".equals(one(st, "SELECT to_regclass('bench_loaded') IS NOT NULL").substring(0, 1));
    }
  }

  static void createDatabaseIfMissing(String server, String name) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + server + "/postgres", "postgres", "");
        Statement st = c.createStatement()) {
      if (one(st, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'").equals("0")) {
        st.execute("CREATE DATABASE " + name);
      }
    }
  }

  static String one(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? String.valueOf(rs.getString(1)) : null;
    }
  }

  /** One year of a province's meters, written as ingest would have written it. */
  static final class Load {
    final PGSimpleDataSource ds;
    final int meters;
    final LocalDate first;
    final Instant end;
    final LocalDate measure;
    final SplittableRandom random = new SplittableRandom(12);
    final long[] enterprise;
    final long[] counter;
    final long[] gauge;
    final long[] siteOf;
    final double[] base;
    final double[] k1;
    final double[] k2;
    final double[] value;
    boolean serviceRollups;
    final double[] production = new double[ENTERPRISES * 2];
    final long[] siteIds = new long[ENTERPRISES];
    final long[] enterpriseIds = new long[ENTERPRISES];

    Load(PGSimpleDataSource ds, int meters, LocalDate first, Instant end, LocalDate measure) {
      this.ds = ds;
      this.meters = meters;
      this.first = first;
      this.end = end;
      this.measure = measure;
      enterprise = new long[meters];
      counter = new long[meters];
      gauge = new long[meters];
      siteOf = new long[meters];
      base = new double[meters];
      k1 = new double[meters];
      k2 = new double[meters];
      value = new double[meters];
    }

    void run() throws Exception {
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        serviceRollups =
            "service"
                .equals(one(st, "SELECT provider FROM storage_feature WHERE feature = 'rollups'"));
        register(c, st);
        // as a bulk load does: keys and references checked once, after the rows are in (not on a
        // hypertable with compression enabled, where constraints cannot be added again)
        if (serviceRollups) {
          st.execute("ALTER TABLE reading DROP CONSTRAINT reading_channel_ts_key");
          // (no per-row foreign key since V50: channel removals are guarded another way)
        }
        st.execute("ALTER TABLE interval_energy DROP CONSTRAINT interval_energy_pkey");
        st.execute("ALTER TABLE interval_energy DROP CONSTRAINT interval_energy_channel_id_fkey");
        st.execute("DROP INDEX interval_energy_channel_end_idx");
        if (!serviceRollups) {
          st.execute(
              "SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
                  + " WHERE job_id >= 1000");
        }
      }
      long rows = 0;
      for (LocalDate day = first;
          !day.atStartOfDay(ZONE).toInstant().isAfter(end);
          day = day.plusDays(1)) {
        rows += day(day);
        if (!serviceRollups && day.getDayOfWeek() == DayOfWeek.SUNDAY) {
          // the compression policy runs while data arrives: a year loaded uncompressed would need
          // about 70 GB of disk on the way to its 17 GB compressed
          compressBefore(day.minusDays(30));
        }
        if (day.getDayOfMonth() == 1 || day.equals(first)) {
          System.out.printf(
              Locale.ROOT,
              "loaded up to %s: %,d rows, %.0f s%n",
              day,
              rows,
              (System.nanoTime() - t0) / 1e9);
        }
      }
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("SET maintenance_work_mem = '1GB'");
        long t1 = System.nanoTime();
        if (serviceRollups) {
          st.execute(
              "ALTER TABLE reading ADD CONSTRAINT reading_channel_ts_key UNIQUE (channel_id, ts)");
        }
        st.execute("ALTER TABLE interval_energy ADD PRIMARY KEY (channel_id, ts_start, ts_end)");
        st.execute(
            "ALTER TABLE interval_energy ADD CONSTRAINT interval_energy_channel_id_fkey"
                + " FOREIGN KEY (channel_id) REFERENCES channel");
        // as V42 has it: covering, so a year of a channel's intervals is read from the index
        st.execute(
            "CREATE INDEX interval_energy_channel_end_idx ON interval_energy (channel_id, ts_end)"
                + " INCLUDE (ts_start, energy)");
        System.out.printf(Locale.ROOT, "keys: %.0f s%n", (System.nanoTime() - t1) / 1e9);
        if (!serviceRollups) {
          timescale(c, st);
        }
        st.execute("VACUUM ANALYZE");
        st.execute("CREATE TABLE bench_loaded (at timestamptz NOT NULL DEFAULT now())");
        st.execute("INSERT INTO bench_loaded DEFAULT VALUES");
      }
      System.out.printf(
          Locale.ROOT, "load: %,d rows in %.0f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    /** Compresses the chunks of readings that end before the local start of {@code day}. */
    void compressBefore(LocalDate day) throws SQLException {
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        List<String> chunks = new ArrayList<>();
        try (ResultSet rs =
            st.executeQuery(
                "SELECT c::text FROM show_chunks('reading', older_than => timestamptz '"
                    + day.atStartOfDay(ZONE).toInstant()
                    + "') c")) {
          while (rs.next()) {
            chunks.add(rs.getString(1));
          }
        }
        for (String chunk : chunks) {
          st.execute("SELECT compress_chunk('" + chunk + "', if_not_compressed => true)");
        }
      }
    }

    /** What the policies do: refresh the aggregates (month by month), compress after 30 days. */
    void timescale(Connection c, Statement st) throws SQLException {
      long t = System.nanoTime();
      for (String view : List.of("reading_15m", "energy_15m", "reading_1h", "energy_1h")) {
        String width = view.endsWith("15m") ? "15 minutes" : "1 hour";
        for (LocalDate m = first.withDayOfMonth(1);
            !m.isAfter(LocalDate.now(ZONE));
            m = m.plusMonths(1)) {
          st.execute(
              "CALL refresh_continuous_aggregate('"
                  + view
                  + "', NULL, least(timestamptz '"
                  + m.plusMonths(1).atStartOfDay(ZONE).toInstant()
                  + "', time_bucket(INTERVAL '"
                  + width
                  + "', now() - INTERVAL '"
                  + width
                  + "')))");
        }
      }
      System.out.printf(Locale.ROOT, "refresh: %.0f s%n", (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      List<String> chunks = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT c::text FROM show_chunks('reading', older_than => INTERVAL '30 days') c")) {
        while (rs.next()) {
          chunks.add(rs.getString(1));
        }
      }
      for (String chunk : chunks) {
        st.execute("SELECT compress_chunk('" + chunk + "', if_not_compressed => true)");
      }
      System.out.printf(
          Locale.ROOT,
          "compression of %d chunks: %.0f s%n",
          chunks.size(),
          (System.nanoTime() - t) / 1e9);
    }

    void register(Connection c, Statement st) throws SQLException {
      for (int e = 0; e < ENTERPRISES; e++) {
        String code = String.format(Locale.ROOT, "prov-%02d", e + 1);
        st.execute("INSERT INTO enterprise (code) VALUES ('" + code + "')");
        enterpriseIds[e] =
            Long.parseLong(
                one(st, "SELECT enterprise_id FROM enterprise WHERE code = '" + code + "'"));
        st.execute(
            "INSERT INTO site (enterprise_id, code) VALUES (" + enterpriseIds[e] + ", 'plant-1')");
        siteIds[e] =
            Long.parseLong(
                one(st, "SELECT site_id FROM site WHERE enterprise_id = " + enterpriseIds[e]));
        st.execute(
            "INSERT INTO gateway (enterprise_id, site_id, code) VALUES ("
                + enterpriseIds[e]
                + ", "
                + siteIds[e]
                + ", 'gw-1')");
      }
      int perEnterprise = meters / ENTERPRISES;
      for (int i = 0; i < meters; i++) {
        int e = i / perEnterprise;
        long ent = enterpriseIds[e];
        String code = meterCode(i % perEnterprise + 1);
        st.execute(
            "INSERT INTO meter (enterprise_id, site_id, gateway_id, code) SELECT "
                + ent
                + ", "
                + siteIds[e]
                + ", gateway_id, '"
                + code
                + "' FROM gateway WHERE enterprise_id = "
                + ent);
        long meter =
            Long.parseLong(
                one(
                    st,
                    "SELECT meter_id FROM meter WHERE enterprise_id = "
                        + ent
                        + " AND code = '"
                        + code
                        + "'"));
        st.execute(
            "INSERT INTO channel (enterprise_id, meter_id, name, unit, kind, counter_bits, original_unit)"
                + " VALUES ("
                + ent
                + ", "
                + meter
                + ", 'E', 'KWH', 'counter', 32, 'KWH'), ("
                + ent
                + ", "
                + meter
                + ", 'P', 'KWT', 'gauge', NULL, 'KWT')");
        counter[i] =
            Long.parseLong(
                one(
                    st,
                    "SELECT channel_id FROM channel WHERE meter_id = "
                        + meter
                        + " AND name = 'E'"));
        gauge[i] =
            Long.parseLong(
                one(
                    st,
                    "SELECT channel_id FROM channel WHERE meter_id = "
                        + meter
                        + " AND name = 'P'"));
        enterprise[i] = ent;
        siteOf[i] = siteIds[e];
        base[i] = 200 + 800 * random.nextDouble();
        k1[i] = 2 + 6 * random.nextDouble();
        k2[i] = 3 + 9 * random.nextDouble();
        value[i] = 10_000 + 100_000 * random.nextDouble();
      }
    }

    /** Share of a day's energy in each quarter hour: a two-shift plant, quieter at night. */
    static final double[] PROFILE = new double[96];

    static {
      double sum = 0;
      for (int q = 0; q < 96; q++) {
        int hour = q / 4;
        PROFILE[q] = hour >= 6 && hour < 22 ? 1.0 : 0.35;
        sum += PROFILE[q];
      }
      for (int q = 0; q < 96; q++) {
        PROFILE[q] /= sum;
      }
    }

    /** Writes one local day (readings up to {@code end}); returns rows written. */
    long day(LocalDate day) throws Exception {
      Instant start = day.atStartOfDay(ZONE).toInstant();
      double factor = day.isBefore(measure) ? 1.0 : 0.9;
      double[] p1 = new double[ENTERPRISES];
      double[] p2 = new double[ENTERPRISES];
      for (int e = 0; e < ENTERPRISES; e++) {
        p1[e] = 300 + 200 * random.nextDouble();
        p2[e] = 100 + 100 * random.nextDouble();
      }
      int perEnterprise = meters / ENTERPRISES;
      double[][] slot = new double[meters][96]; // kWh in each quarter hour
      for (int i = 0; i < meters; i++) {
        int e = i / perEnterprise;
        double daily =
            (base[i] + k1[i] * p1[e] + k2[i] * p2[e])
                * (1 + 0.02 * (random.nextDouble() * 2 - 1))
                * factor;
        for (int q = 0; q < 96; q++) {
          slot[i][q] = daily * PROFILE[q] * (1 + 0.1 * (random.nextDouble() * 2 - 1));
        }
      }
      StringBuilder readings = new StringBuilder(64 * 1024 * 1024);
      StringBuilder intervals = new StringBuilder(4 * 1024 * 1024);
      StringBuilder r15 = new StringBuilder();
      StringBuilder r1h = new StringBuilder();
      StringBuilder e15 = new StringBuilder();
      StringBuilder e1h = new StringBuilder();
      StringBuilder counts = new StringBuilder();
      long rows = 0;
      double[][] gaugeHour = new double[meters][4]; // count, min, max, sum of the hour so far
      double[][] counterHour = new double[meters][4];
      double[] energyHour = new double[meters];
      int[] intervalsHour = new int[meters];
      for (int q = 0; q < 96; q++) {
        Instant qStart = start.plus(Duration.ofMinutes(15L * q));
        if (qStart.isAfter(end)) {
          break;
        }
        String qs = qStart.toString();
        String received = qStart.plusSeconds(5).toString();
        // the counters at the quarter hour, and their interval since the previous one
        for (int i = 0; i < meters; i++) {
          line(readings, enterprise[i], counter[i], qs, value[i], received);
          rows++;
          double kwh = slot[i][q];
          if (!qStart.plus(Duration.ofMinutes(15)).isAfter(end)) {
            intervals
                .append(enterprise[i])
                .append('\t')
                .append(counter[i])
                .append('\t')
                .append(qs)
                .append('\t')
                .append(qStart.plus(Duration.ofMinutes(15)))
                .append('\t')
                .append(kwh)
                .append("\tdifference\n");
            rows++;
            e15.append(enterprise[i])
                .append('\t')
                .append(counter[i])
                .append('\t')
                .append(qs)
                .append('\t')
                .append(kwh)
                .append("\t1\n");
            energyHour[i] += kwh;
            intervalsHour[i]++;
          }
          r15.append(enterprise[i])
              .append('\t')
              .append(counter[i])
              .append('\t')
              .append(qs)
              .append("\t1\t")
              .append(value[i])
              .append('\t')
              .append(value[i])
              .append('\t')
              .append(value[i])
              .append('\n');
          acc(counterHour[i], value[i]);
          value[i] += kwh;
        }
        // the gauges every minute of the quarter hour
        double[][] gq = new double[meters][4];
        for (int minute = 0; minute < 15; minute++) {
          Instant t = qStart.plus(Duration.ofMinutes(minute));
          if (t.isAfter(end)) {
            break;
          }
          String ts = t.toString();
          String rec = t.plusSeconds(5).toString();
          for (int i = 0; i < meters; i++) {
            double kw =
                Math.round(slot[i][q] * 4 * (1 + 0.05 * (random.nextDouble() * 2 - 1)) * 1000)
                    / 1000.0;
            line(readings, enterprise[i], gauge[i], ts, kw, rec);
            rows++;
            acc(gq[i], kw);
            acc(gaugeHour[i], kw);
          }
        }
        for (int i = 0; i < meters; i++) {
          if (gq[i][0] > 0) {
            rollup(r15, enterprise[i], gauge[i], qs, gq[i]);
          }
        }
        if (q % 4 == 3 || !qStart.plus(Duration.ofMinutes(15)).isBefore(end)) {
          String hs = start.plus(Duration.ofHours(q / 4)).toString();
          for (int i = 0; i < meters; i++) {
            if (gaugeHour[i][0] > 0) {
              rollup(r1h, enterprise[i], gauge[i], hs, gaugeHour[i]);
            }
            if (counterHour[i][0] > 0) {
              rollup(r1h, enterprise[i], counter[i], hs, counterHour[i]);
            }
            if (intervalsHour[i] > 0) {
              e1h.append(enterprise[i])
                  .append('\t')
                  .append(counter[i])
                  .append('\t')
                  .append(hs)
                  .append('\t')
                  .append(energyHour[i])
                  .append('\t')
                  .append(intervalsHour[i])
                  .append('\n');
            }
            intervalsHour[i] = 0;
            gaugeHour[i] = new double[4];
            counterHour[i] = new double[4];
            energyHour[i] = 0;
          }
        }
        if (q % 4 == 0) {
          // production counters of every enterprise, hourly, cumulative
          for (int e = 0; e < ENTERPRISES; e++) {
            for (int p = 0; p < 2; p++) {
              counts
                  .append(enterpriseIds[e])
                  .append('\t')
                  .append(siteIds[e])
                  .append("\tline-1\tp")
                  .append(p + 1)
                  .append('\t')
                  .append(qs)
                  .append('\t')
                  .append(production[e * 2 + p])
                  .append("\tHLT\ttrue\t0\t")
                  .append(received)
                  .append('\n');
              production[e * 2 + p] += (p == 0 ? p1[e] : p2[e]) / 24;
            }
          }
        }
      }
      try (Connection c = ds.getConnection()) {
        PGConnection pg = c.unwrap(PGConnection.class);
        copy(pg, "reading (enterprise_id, channel_id, ts, value, quality, received_at)", readings);
        copy(
            pg,
            "interval_energy (enterprise_id, channel_id, ts_start, ts_end, energy, how)",
            intervals);
        copy(
            pg,
            "production_count (enterprise_id, site_id, line, product, ts, quantity, unit,"
                + " cumulative, quality, received_at)",
            counts);
        if (serviceRollups) {
          String cols =
              " (enterprise_id, channel_id, bucket, readings, value_min, value_max, value_sum)";
          copy(pg, "reading_15m" + cols, r15);
          copy(pg, "reading_1h" + cols, r1h);
          copy(pg, "energy_15m (enterprise_id, channel_id, bucket, energy, intervals)", e15);
          copy(pg, "energy_1h (enterprise_id, channel_id, bucket, energy, intervals)", e1h);
        }
      }
      return rows;
    }

    static void acc(double[] a, double v) {
      if (a[0] == 0) {
        a[1] = v;
        a[2] = v;
      } else {
        a[1] = Math.min(a[1], v);
        a[2] = Math.max(a[2], v);
      }
      a[0]++;
      a[3] += v;
    }

    static void rollup(StringBuilder b, long e, long ch, String bucket, double[] a) {
      b.append(e)
          .append('\t')
          .append(ch)
          .append('\t')
          .append(bucket)
          .append('\t')
          .append((long) a[0])
          .append('\t')
          .append(a[1])
          .append('\t')
          .append(a[2])
          .append('\t')
          .append(a[3])
          .append('\n');
    }

    static void line(StringBuilder b, long e, long ch, String ts, double v, String received) {
      b.append(e)
          .append('\t')
          .append(ch)
          .append('\t')
          .append(ts)
          .append('\t')
          .append(v)
          .append("\t0\t")
          .append(received)
          .append('\n');
    }

    static void copy(PGConnection pg, String target, StringBuilder rows)
        throws SQLException, IOException {
      if (rows.length() == 0) {
        return;
      }
      CopyIn in = pg.getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
      byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
      for (int off = 0; off < bytes.length; off += 1 << 20) {
        in.writeToCopy(bytes, off, Math.min(1 << 20, bytes.length - off));
      }
      in.endCopy();
    }
  }
}
