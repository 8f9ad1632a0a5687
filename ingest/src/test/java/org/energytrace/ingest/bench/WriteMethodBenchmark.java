package org.energytrace.ingest.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Database side of one batch, method against method (not part of {@code mvn verify}): batches of
 * {@code rows} readings (100 channels, advancing timestamps; 5 % of each batch repeating keys of
 * the batch before, except for the methods that cannot absorb them) written into copies of {@code
 * reading} that already hold {@code preload} rows, methods interleaved round by round. Prints
 * rows/s per method and round, and the median. Methods: COPY (text with the foreign key, binary
 * without), {@code INSERT … unnest … ON CONFLICT} (with the foreign key and RETURNING every row as
 * before issue 19; without it answering only the duplicates; with a FOR KEY SHARE lock on the
 * batch's channels; through a temporary staging table), a probe of the existing keys followed by a
 * plain INSERT or a binary COPY, and a plain INSERT without replays. See docs/benchmarks/ingest.md.
 *
 * <pre>
 * java -Drounds=3 [-Dlanes=1] [-Dmethods=a,b] -cp target/test-classes:target/energytrace-ingest.jar \
 *   org.energytrace.ingest.bench.WriteMethodBenchmark [batches] [rows] [preload] [jdbc url]
 * </pre>
 *
 * Without a URL a fresh database on the local PostgreSQL is created and dropped; with one the
 * database must exist.
 */
public final class WriteMethodBenchmark {
  static final int CHANNELS = 100;
  static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  /** One batch: keys in (channel, ts) order. */
  record Batch(long[] e, long[] ch, long[] ts, double[] v, int[] q, long[] r) {
    int size() {
      return ch.length;
    }
  }

  interface Method {
    /** Writes the batch in one transaction; returns rows newly stored. */
    int write(Connection c, Batch b) throws Exception;
  }

  static long enterprise;
  static long[] channels;

  public static void main(String[] args) throws Exception {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int preload = args.length > 2 ? Integer.parseInt(args[2]) : 500_000;
    TestDatabase db = args.length > 3 ? null : TestDatabase.create();
    String url = args.length > 3 ? args[3] : db.url();
    try {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url);
      ds.setUser("postgres");
      Database.migrate(ds);
      try (Connection c = ds.getConnection()) {
        setUp(c);
      }
      String[] order =
          System.getProperty(
                  "methods",
                  "copy-text-fk,copy-binary-nofk,unnest-fk-returning,unnest-nofk-dupes,"
                      + "unnest-nofk-lock-dupes,stage-nofk-dupes,probe-insert-nofk,"
                      + "probe-copy-nofk,insert-plain-nofk")
              .split(",");
      int rounds = Integer.getInteger("rounds", 3);
      long t = 1_000_000_000_000_000L; // µs, 2001-09
      java.util.Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
      for (String name : order) {
        String table = "r_" + name.replace('-', '_');
        try (Connection c = ds.getConnection();
            Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + table);
          st.execute("CREATE TABLE " + table + " (LIKE reading INCLUDING ALL)");
          if (name.contains("-fk")) {
            st.execute("ALTER TABLE " + table + " ADD FOREIGN KEY (channel_id) REFERENCES channel");
          }
          preload(c, table, preload, t);
          st.execute("VACUUM ANALYZE " + table);
        }
      }
      t += preload / CHANNELS * 1_000_000L;
      int lanes = Integer.getInteger("lanes", 1);
      for (int round = 0; round < rounds; round++) {
        for (String name : order) {
          String table = "r_" + name.replace('-', '_');
          List<Batch> work =
              batches(batches, rows, t, name.startsWith("copy") || name.startsWith("insert"));
          t += (long) batches * rows / CHANNELS * 1_000_000L + 1_000_000_000L;
          try (Connection c = ds.getConnection();
              Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
          }
          double rate = run(ds, method(name, table), work, lanes);
          rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
          System.out.printf(
              "round %d %-24s %d connection(s): %,10.0f rows/s (%d batches of %d) load %s%n",
              round, name, lanes, rate, batches, rows, IngestBenchmark.loadAverage());
        }
      }
      for (var e : rates.entrySet()) {
        List<Double> r = new ArrayList<>(e.getValue());
        java.util.Collections.sort(r);
        System.out.printf(
            "median %-24s %,10.0f rows/s of %s%n",
            e.getKey(),
            r.get(r.size() / 2),
            r.stream().map(x -> String.format("%.0f", x)).toList());
      }
    } finally {
      if (db != null) {
        db.close();
      }
    }
  }

  static void setUp(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO enterprise (code) VALUES ('bench')");
      st.execute(
          "INSERT INTO site (enterprise_id, code) SELECT enterprise_id, 's' FROM enterprise");
      st.execute(
          "INSERT INTO gateway (enterprise_id, site_id, code) SELECT enterprise_id, site_id, 'g'"
              + " FROM site");
      st.execute(
          "INSERT INTO meter (enterprise_id, site_id, code) SELECT enterprise_id, site_id, 'm'"
              + " FROM site");
      st.execute(
          "INSERT INTO channel (enterprise_id, meter_id, name, unit, original_unit, kind)"
              + " SELECT enterprise_id, meter_id, 'c' || i, 'KWT', 'KWT', 'gauge'"
              + " FROM meter, generate_series(1, "
              + CHANNELS
              + ") i");
      try (ResultSet rs = st.executeQuery("SELECT enterprise_id FROM enterprise")) {
        rs.next();
        enterprise = rs.getLong(1);
      }
      try (ResultSet rs = st.executeQuery("SELECT channel_id FROM channel ORDER BY 1")) {
        channels = new long[CHANNELS];
        for (int i = 0; rs.next(); i++) {
          channels[i] = rs.getLong(1);
        }
      }
    }
  }

  static void preload(Connection c, String table, int rows, long t0) throws Exception {
    int per = rows / CHANNELS;
    long[] e = new long[rows];
    long[] ch = new long[rows];
    long[] ts = new long[rows];
    double[] v = new double[rows];
    int[] q = new int[rows];
    long[] r = new long[rows];
    for (int i = 0; i < rows; i++) {
      e[i] = enterprise;
      ch[i] = channels[i % CHANNELS];
      ts[i] = t0 + (i / CHANNELS) * 1_000_000L;
      v[i] = i % 1000;
      r[i] = ts[i];
    }
    copyBinary(c, table, new Batch(e, ch, ts, v, q, r));
    if (per < 0) {
      throw new IllegalStateException();
    }
  }

  /**
   * Batches of {@code rows} rows, 100 channels at {@code rows / 100} successive seconds; with
   * {@code replays} every batch after the first repeats 5 % of its keys from the batch before.
   */
  static List<Batch> batches(int n, int rows, long t0, boolean noReplays) {
    List<Batch> out = new ArrayList<>();
    int seconds = rows / CHANNELS;
    int replayed = noReplays ? 0 : seconds / 20;
    long t = t0;
    for (int b = 0; b < n; b++) {
      int fresh = b == 0 ? seconds : seconds - replayed;
      long[] times = new long[seconds];
      int k = 0;
      if (b > 0) {
        for (int i = 0; i < replayed; i++) {
          times[k++] = t - (i + 1) * 1_000_000L; // the last seconds of the batch before
        }
      }
      for (int i = 0; i < fresh; i++) {
        times[k++] = t + i * 1_000_000L;
      }
      t += fresh * 1_000_000L;
      java.util.Arrays.sort(times);
      int size = CHANNELS * seconds;
      long[] e = new long[size];
      long[] ch = new long[size];
      long[] ts = new long[size];
      double[] v = new double[size];
      int[] q = new int[size];
      long[] r = new long[size];
      int i = 0;
      for (int c = 0; c < CHANNELS; c++) {
        for (long time : times) {
          e[i] = enterprise;
          ch[i] = channels[c];
          ts[i] = time;
          v[i] = (time / 1_000_000L) % 1000 + c;
          r[i] = time + 5_000;
          i++;
        }
      }
      out.add(new Batch(e, ch, ts, v, q, r));
    }
    return out;
  }

  static double run(PGSimpleDataSource ds, Method m, List<Batch> work, int lanes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    List<Connection> cons = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      Connection c = ds.getConnection();
      c.setAutoCommit(false);
      cons.add(c);
    }
    // warm the statements up on one batch of a separate time range? writes the first batch
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    long rows = work.stream().mapToLong(Batch::size).sum();
    long t0 = System.nanoTime();
    List<Future<Integer>> done = new ArrayList<>();
    for (Connection c : cons) {
      Callable<Integer> task =
          () -> {
            int stored = 0;
            for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
              stored += m.write(c, work.get(i));
              c.commit();
            }
            return stored;
          };
      done.add(pool.submit(task));
    }
    int stored = 0;
    for (Future<Integer> f : done) {
      stored += f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    for (Connection c : cons) {
      c.close();
    }
    if (stored == 0) {
      throw new IllegalStateException("nothing stored");
    }
    return rows / seconds;
  }

  static Method method(String name, String table) {
    return switch (name) {
      case "copy-text-fk" -> (c, b) -> copyText(c, table, b);
      case "copy-binary-nofk" -> (c, b) -> copyBinary(c, table, b);
      case "unnest-fk-returning", "unnest-nofk-returning" -> (c, b) -> unnestReturning(c, table, b);
      case "unnest-nofk-dupes", "unnest-fk-dupes" -> (c, b) -> unnestDupes(c, table, b, false);
      case "unnest-nofk-lock-dupes" -> (c, b) -> unnestDupes(c, table, b, true);
      case "stage-nofk-dupes" -> (c, b) -> stageDupes(c, table, b);
      case "probe-insert-nofk" -> (c, b) -> probeInsert(c, table, b, false);
      case "probe-copy-nofk" -> (c, b) -> probeInsert(c, table, b, true);
      case "insert-plain-nofk" -> (c, b) -> insertPlain(c, table, b);
      default -> throw new IllegalArgumentException(name);
    };
  }

  static final String EPOCH = "timestamptz 'epoch' + interval '1 microsecond' * ";

  static int unnestReturning(Connection c, String table, Batch b) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (enterprise_id, channel_id, ts, value, quality, received_at,"
                + " original_unit) SELECT e, ch, "
                + EPOCH
                + "t, v, q, "
                + EPOCH
                + "r, null FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::float8[], ?::int4[],"
                + " ?::int8[]) AS u(e, ch, t, v, q, r) ON CONFLICT (channel_id, ts) DO NOTHING"
                + " RETURNING channel_id, ts")) {
      bind(c, ps, b);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
          rs.getObject(2, java.time.OffsetDateTime.class);
          n++;
        }
      }
      return n;
    }
  }

  /** Inserts, answering the positions of the rows that were not stored (duplicates). */
  static int unnestDupes(Connection c, String table, Batch b, boolean lockChannels)
      throws SQLException {
    if (lockChannels) {
      long[] distinct = java.util.Arrays.stream(b.ch()).distinct().toArray();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT channel_id FROM channel WHERE channel_id = ANY(?) ORDER BY channel_id"
                  + " FOR KEY SHARE")) {
        ps.setArray(1, c.unwrap(PGConnection.class).createArrayOf("int8", distinct));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getLong(1);
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH u AS (SELECT * FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::float8[],"
                + " ?::int4[], ?::int8[]) WITH ORDINALITY AS u(e, ch, t, v, q, r, i)),"
                + " ins AS (INSERT INTO "
                + table
                + " (enterprise_id, channel_id, ts, value, quality,"
                + " received_at) SELECT e, ch, "
                + EPOCH
                + "t, v, q, "
                + EPOCH
                + "r FROM u ON CONFLICT (channel_id, ts) DO NOTHING RETURNING channel_id, ts)"
                + " SELECT u.i FROM u WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.channel_id"
                + " = u.ch AND ins.ts = "
                + EPOCH
                + "u.t)")) {
      bind(c, ps, b);
      int dupes = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
          dupes++;
        }
      }
      return b.size() - dupes;
    }
  }

  static int stageDupes(Connection c, String table, Batch b) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE IF NOT EXISTS reading_stage (i int4, enterprise_id int8, channel_id"
              + " int8, ts timestamptz, value float8, quality int2, received_at timestamptz)"
              + " ON COMMIT DELETE ROWS");
    }
    copyStage(c, b);
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "WITH ins AS (INSERT INTO "
                    + table
                    + " (enterprise_id, channel_id, ts, value, quality,"
                    + " received_at) SELECT enterprise_id, channel_id, ts, value, quality,"
                    + " received_at FROM reading_stage ON CONFLICT (channel_id, ts) DO NOTHING"
                    + " RETURNING channel_id, ts) SELECT s.i FROM reading_stage s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM ins WHERE ins.channel_id = s.channel_id AND ins.ts ="
                    + " s.ts)")) {
      int dupes = 0;
      while (rs.next()) {
        dupes++;
      }
      return b.size() - dupes;
    }
  }

  /**
   * Finds the keys already stored (one probe per row), then writes the rest without ON CONFLICT: by
   * INSERT from unnest, or by binary COPY.
   */
  static int probeInsert(Connection c, String table, Batch b, boolean copy) throws Exception {
    boolean[] dupe = new boolean[b.size()];
    int dupes = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.i FROM unnest(?::int8[], ?::int8[]) WITH ORDINALITY AS u(ch, t, i)"
                + " WHERE EXISTS (SELECT 1 FROM "
                + table
                + " r WHERE r.channel_id = u.ch AND r.ts = "
                + EPOCH
                + "u.t)")) {
      PGConnection pg = c.unwrap(PGConnection.class);
      ps.setArray(1, pg.createArrayOf("int8", b.ch()));
      ps.setArray(2, pg.createArrayOf("int8", b.ts()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          dupe[(int) rs.getLong(1) - 1] = true;
          dupes++;
        }
      }
    }
    Batch rest = b;
    if (dupes > 0) {
      int n = b.size() - dupes;
      long[] e = new long[n];
      long[] ch = new long[n];
      long[] ts = new long[n];
      double[] v = new double[n];
      int[] q = new int[n];
      long[] r = new long[n];
      int k = 0;
      for (int i = 0; i < b.size(); i++) {
        if (!dupe[i]) {
          e[k] = b.e()[i];
          ch[k] = b.ch()[i];
          ts[k] = b.ts()[i];
          v[k] = b.v()[i];
          q[k] = b.q()[i];
          r[k] = b.r()[i];
          k++;
        }
      }
      rest = new Batch(e, ch, ts, v, q, r);
    }
    return copy ? copyBinary(c, table, rest) : insertPlain(c, table, rest);
  }

  static int insertPlain(Connection c, String table, Batch b) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (enterprise_id, channel_id, ts, value, quality, received_at) SELECT e, ch, "
                + EPOCH
                + "t, v, q, "
                + EPOCH
                + "r FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::float8[], ?::int4[],"
                + " ?::int8[]) AS u(e, ch, t, v, q, r)")) {
      bind(c, ps, b);
      return ps.executeUpdate();
    }
  }

  static void bind(Connection c, PreparedStatement ps, Batch b) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    ps.setArray(1, pg.createArrayOf("int8", b.e()));
    ps.setArray(2, pg.createArrayOf("int8", b.ch()));
    ps.setArray(3, pg.createArrayOf("int8", b.ts()));
    ps.setArray(4, pg.createArrayOf("float8", b.v()));
    ps.setArray(5, pg.createArrayOf("int4", b.q()));
    ps.setArray(6, pg.createArrayOf("int8", b.r()));
  }

  static int copyText(Connection c, String table, Batch b) throws Exception {
    StringBuilder s = new StringBuilder(b.size() * 80);
    for (int i = 0; i < b.size(); i++) {
      s.append(b.e()[i])
          .append('\t')
          .append(b.ch()[i])
          .append('\t')
          .append(java.time.Instant.ofEpochSecond(0, b.ts()[i] * 1000))
          .append('\t')
          .append(b.v()[i])
          .append('\t')
          .append(b.q()[i])
          .append('\t')
          .append(java.time.Instant.ofEpochSecond(0, b.r()[i] * 1000))
          .append('\n');
    }
    return (int)
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY "
                    + table
                    + " (enterprise_id, channel_id, ts, value, quality, received_at) FROM STDIN",
                new java.io.StringReader(s.toString()));
  }

  static int copyBinary(Connection c, String table, Batch b) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(b.size() * 64 + 32);
    DataOutputStream out = new DataOutputStream(bytes);
    header(out);
    for (int i = 0; i < b.size(); i++) {
      out.writeShort(6);
      int8(out, b.e()[i]);
      int8(out, b.ch()[i]);
      int8(out, b.ts()[i] - PG_EPOCH_MICROS);
      out.writeInt(8);
      out.writeDouble(b.v()[i]);
      out.writeInt(2);
      out.writeShort(b.q()[i]);
      int8(out, b.r()[i] - PG_EPOCH_MICROS);
    }
    out.writeShort(-1);
    return (int)
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY "
                    + table
                    + " (enterprise_id, channel_id, ts, value, quality, received_at) FROM STDIN"
                    + " (FORMAT binary)",
                new ByteArrayInputStream(bytes.toByteArray()));
  }

  static void copyStage(Connection c, Batch b) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(b.size() * 70 + 32);
    DataOutputStream out = new DataOutputStream(bytes);
    header(out);
    for (int i = 0; i < b.size(); i++) {
      out.writeShort(7);
      out.writeInt(4);
      out.writeInt(i);
      int8(out, b.e()[i]);
      int8(out, b.ch()[i]);
      int8(out, b.ts()[i] - PG_EPOCH_MICROS);
      out.writeInt(8);
      out.writeDouble(b.v()[i]);
      out.writeInt(2);
      out.writeShort(b.q()[i]);
      int8(out, b.r()[i] - PG_EPOCH_MICROS);
    }
    out.writeShort(-1);
    c.unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn(
            "COPY reading_stage FROM STDIN (FORMAT binary)",
            new ByteArrayInputStream(bytes.toByteArray()));
  }

  static void header(DataOutputStream out) throws IOException {
    out.writeBytes("PGCOPY\n");
    out.write(0xff);
    out.writeBytes("\r\n");
    out.write(0);
    out.writeInt(0);
    out.writeInt(0);
  }

  static void int8(DataOutputStream out, long v) throws IOException {
    out.writeInt(8);
    out.writeLong(v);
  }
}
