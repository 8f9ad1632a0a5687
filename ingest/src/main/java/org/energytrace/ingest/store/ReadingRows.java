package org.energytrace.ingest.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.store.RegistryResolver.ChannelRef;
import org.postgresql.PGConnection;

/**
 * The readings of one batch in columns: sorted by their key (channel, source timestamp) and
 * de-duplicated inside the batch (the first one offered wins), then written in one transaction —
 * the readings {@link NewestReadings} takes for new by binary COPY (no {@code ON CONFLICT}: about
 * half the database's work per reading), the others by one {@code INSERT … ON CONFLICT DO NOTHING},
 * which answers only the positions of the rows that were stored already, so nothing is read back
 * per stored row.
 *
 * <p>Primitive columns, an index sort and a linear de-duplication instead of a map entry, a boxed
 * key and a comparator per reading: this ran for every reading of every batch (docs/benchmarks/
 * ingest.md, run 5).
 */
final class ReadingRows {
  static final String EPOCH_MICROS = "timestamptz 'epoch' + interval '1 microsecond' * ";

  /**
   * Timestamps travel as epoch microseconds ({@code int8}, binary): no text formatting here, no
   * timestamp parsing in PostgreSQL; exact below 2^53 µs (year 2255). {@code u} is read twice, so
   * PostgreSQL materialises it and inserts in array order: key order, the same for every batch, so
   * two concurrent batches lock index entries in the same order.
   */
  static final String INSERT =
      "WITH u AS (SELECT * FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::float8[], ?::int4[],"
          + " ?::int8[], ?::text[]) WITH ORDINALITY AS u(e, ch, t, v, q, r, ou, i)),"
          + " ins AS (INSERT INTO reading (enterprise_id, channel_id, ts, value, quality,"
          + " received_at, original_unit) SELECT e, ch, "
          + EPOCH_MICROS
          + "t, v, q, "
          + EPOCH_MICROS
          + "r, ou FROM u ON CONFLICT (channel_id, ts) DO NOTHING RETURNING channel_id, ts)"
          + " SELECT u.i FROM u WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.channel_id = u.ch"
          + " AND ins.ts = "
          + EPOCH_MICROS
          + "u.t)";

  /**
   * Held (shared) until commit by every transaction that stores readings; a removal of channels
   * takes it exclusively first (V50), so it waits for the batches in flight and they wait for it.
   * Then the count of channels removed so far: when it moved, cached channel ids may be gone.
   */
  static final String GUARD =
      "SELECT pg_advisory_xact_lock_shared(1163132930, 0);"
          + " SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM channel_removals";

  /** The count of channels removed so far, without the lock (before resolving a batch). */
  static final String REMOVALS =
      "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM channel_removals";

  private ChannelRef[] channel;
  private TelemetryPoint[] point;
  private String[] publishedUnit;
  private long[] ch;
  private long[] ts;
  private long[] received;
  private int[] message;
  private int size;

  ReadingRows(int capacity) {
    int n = Math.max(capacity, 8);
    channel = new ChannelRef[n];
    point = new TelemetryPoint[n];
    publishedUnit = new String[n];
    ch = new long[n];
    ts = new long[n];
    received = new long[n];
    message = new int[n];
  }

  /**
   * Offers one resolved point (value already in the channel's canonical unit) of the batch's
   * message {@code messageIndex}.
   */
  void add(
      ChannelRef c, TelemetryPoint p, String unitPublished, long receivedMicros, int messageIndex) {
    if (size == ch.length) {
      int n = size * 2;
      channel = Arrays.copyOf(channel, n);
      point = Arrays.copyOf(point, n);
      publishedUnit = Arrays.copyOf(publishedUnit, n);
      ch = Arrays.copyOf(ch, n);
      ts = Arrays.copyOf(ts, n);
      received = Arrays.copyOf(received, n);
      message = Arrays.copyOf(message, n);
    }
    channel[size] = c;
    point[size] = p;
    publishedUnit[size] = unitPublished;
    ch[size] = c.channelId();
    ts[size] = PgIngestStore.micros(p.ts());
    received[size] = receivedMicros;
    message[size] = messageIndex;
    size++;
  }

  /** Points offered, duplicates included. */
  int offered() {
    return size;
  }

  ChannelRef channel(int i) {
    return channel[i];
  }

  TelemetryPoint point(int i) {
    return point[i];
  }

  long tsMicros(int i) {
    return ts[i];
  }

  /** The batch's message that offered row {@code i}. */
  int message(int i) {
    return message[i];
  }

  /** Indices of the distinct keys in (channel, ts) order; of equal keys the one offered first. */
  int[] unique() {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (!sorted()) {
      // stable: of equal keys the first offered stays first
      order = mergeSort(order);
    }
    int n = 0;
    for (int k = 0; k < size; k++) {
      int i = order[k];
      if (n > 0) {
        int last = order[n - 1];
        if (ch[last] == ch[i] && ts[last] == ts[i]) {
          continue;
        }
      }
      order[n++] = i;
    }
    return n == size ? order : Arrays.copyOf(order, n);
  }

  private boolean sorted() {
    for (int i = 1; i < size; i++) {
      if (compare(i - 1, i) > 0) {
        return false;
      }
    }
    return true;
  }

  private int compare(int a, int b) {
    int c = Long.compare(ch[a], ch[b]);
    return c != 0 ? c : Long.compare(ts[a], ts[b]);
  }

  /** Bottom-up merge sort of indices by key; stable. */
  private int[] mergeSort(int[] a) {
    int n = a.length;
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        if (mid >= hi || compare(a[mid - 1], a[mid]) <= 0) {
          System.arraycopy(a, lo, b, lo, hi - lo);
          continue;
        }
        while (i < mid && j < hi) {
          b[k++] = compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * Takes the readings guard until commit ({@link #GUARD}) and answers the count of channels
   * removed so far.
   */
  static long guard(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(GUARD);
      // the lock's empty result first, then the count
      if (!st.getMoreResults()) {
        throw new SQLException("the readings guard answered no count");
      }
      try (ResultSet rs = st.getResultSet()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The least {@link ChannelRef#removalsSeen} of the rows {@code unique}. */
  long oldestRemovalsSeen(int[] unique) {
    long oldest = Long.MAX_VALUE;
    for (int i : unique) {
      oldest = Math.min(oldest, channel[i].removalsSeen());
    }
    return oldest;
  }

  /**
   * Whether every channel of the rows {@code unique} (key order) exists; asked under the guard,
   * when channels were removed after the cache learnt some of them.
   */
  boolean channelsExist(Connection c, int[] unique) throws SQLException {
    long[] ids = new long[unique.length];
    int n = 0;
    for (int i : unique) {
      if (n == 0 || ids[n - 1] != ch[i]) {
        ids[n++] = ch[i];
      }
    }
    long[] distinct = Arrays.copyOf(ids, n);
    long found =
        Sql.one(
            c,
            "SELECT count(*) FROM channel WHERE channel_id = ANY(?)",
            ps -> ps.setArray(1, c.unwrap(PGConnection.class).createArrayOf("int8", distinct)),
            rs -> rs.getLong(1));
    return found == distinct.length;
  }

  /** The count of channels removed so far ({@link #REMOVALS}). */
  static long removals(Connection c) throws SQLException {
    return Sql.one(c, REMOVALS, Sql.NONE, rs -> rs.getLong(1));
  }

  /** The rows {@code unique} are in key order; {@code fresh} marks those to COPY. */
  static final String COPY =
      "COPY reading (enterprise_id, channel_id, ts, value, quality, received_at, original_unit)"
          + " FROM STDIN (FORMAT binary)";

  /** 2000-01-01 (PostgreSQL's epoch for binary timestamps) in Unix microseconds. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  /**
   * A row written by COPY was stored already: a guess of {@link NewestReadings} was too new
   * (another instance stored it). The transaction is lost; write the batch again with every row
   * through {@code ON CONFLICT}.
   */
  static final class CopyConflictException extends RuntimeException {
    CopyConflictException(SQLException cause) {
      super("a reading written by COPY was stored already", cause, false, false);
    }
  }

  /**
   * Inserts the rows {@code unique} (key order) and answers which of them were stored: false for
   * those already in the table. Rows marked {@code fresh} are written by binary COPY (no {@code ON
   * CONFLICT}, a unique violation ends the transaction: {@link CopyConflictException}); the others
   * by {@code INSERT … ON CONFLICT DO NOTHING}, which answers the positions it did not store.
   */
  boolean[] insert(Connection c, int[] unique, boolean[] fresh) throws SQLException {
    int n = unique.length;
    boolean[] stored = new boolean[n];
    int copied = 0;
    for (boolean f : fresh) {
      if (f) {
        copied++;
      }
    }
    // the new rows first: a later batch of another lane that holds one of them as a possible
    // duplicate then finds it inserted and waits, rather than inserting it before our COPY
    if (copied > 0) {
      copy(c, unique, fresh, copied);
      for (int j = 0; j < n; j++) {
        if (fresh[j]) {
          stored[j] = true;
        }
      }
    }
    if (copied < n) {
      int[] positions = new int[n - copied];
      int k = 0;
      for (int j = 0; j < n; j++) {
        if (!fresh[j]) {
          positions[k++] = j;
        }
      }
      boolean[] inserted = insertOnConflict(c, unique, positions);
      for (int j = 0; j < positions.length; j++) {
        stored[positions[j]] = inserted[j];
      }
    }
    return stored;
  }

  private void copy(Connection c, int[] unique, boolean[] fresh, int rows) throws SQLException {
    // header 19 bytes, per row 2 + 6 x (4 + 8) - 6 (quality is 2 bytes) + 4 (+ unit), trailer 2
    BinaryRows out = new BinaryRows(21 + rows * 74);
    out.header();
    for (int j = 0; j < unique.length; j++) {
      if (!fresh[j]) {
        continue;
      }
      int i = unique[j];
      out.fields(7);
      out.int8(channel[i].enterpriseId());
      out.int8(ch[i]);
      out.int8(ts[i] - PG_EPOCH_MICROS);
      out.float8(point[i].value());
      out.int2(point[i].quality().code());
      out.int8(received[i] - PG_EPOCH_MICROS);
      out.text(publishedUnit[i]);
    }
    out.trailer();
    org.postgresql.copy.CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
    try {
      in.writeToCopy(out.bytes(), 0, out.length());
      in.endCopy();
    } catch (SQLException e) {
      if (in.isActive()) {
        in.cancelCopy();
      }
      if ("23505".equals(e.getSQLState())) {
        throw new CopyConflictException(e);
      }
      throw e;
    }
  }

  /** Inserts the rows {@code unique[positions]}; answers per position whether it was stored. */
  private boolean[] insertOnConflict(Connection c, int[] unique, int[] positions)
      throws SQLException {
    int n = positions.length;
    long[] e = new long[n];
    long[] chs = new long[n];
    long[] t = new long[n];
    double[] v = new double[n];
    int[] q = new int[n];
    long[] r = new long[n];
    String[] ou = null;
    for (int k = 0; k < n; k++) {
      int i = unique[positions[k]];
      e[k] = channel[i].enterpriseId();
      chs[k] = ch[i];
      t[k] = ts[i];
      v[k] = point[i].value();
      q[k] = point[i].quality().code();
      r[k] = received[i];
      if (publishedUnit[i] != null) {
        if (ou == null) {
          ou = new String[n];
        }
        ou[k] = publishedUnit[i];
      }
    }
    boolean[] stored = new boolean[n];
    Arrays.fill(stored, true);
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      // primitive arrays: pgjdbc sends them in binary, without boxing
      PGConnection pg = c.unwrap(PGConnection.class);
      ps.setArray(1, pg.createArrayOf("int8", e));
      ps.setArray(2, pg.createArrayOf("int8", chs));
      ps.setArray(3, pg.createArrayOf("int8", t));
      ps.setArray(4, pg.createArrayOf("float8", v));
      ps.setArray(5, pg.createArrayOf("int4", q));
      ps.setArray(6, pg.createArrayOf("int8", r));
      if (ou == null) {
        // a null array: unnest pads the column with nulls (the channel's own unit)
        ps.setNull(7, Types.ARRAY);
      } else {
        ps.setArray(7, c.createArrayOf("text", ou));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored[(int) rs.getLong(1) - 1] = false;
        }
      }
    }
    return stored;
  }

  /** Keys of the rows {@code unique}, for {@link NewestReadings#split}. */
  boolean[] fresh(NewestReadings newest, int[] unique) {
    return newest.split(ch, ts, unique);
  }

  /** PostgreSQL's binary COPY format (big-endian), written into one growing buffer. */
  private static final class BinaryRows {
    private ByteBuffer buf;

    BinaryRows(int capacity) {
      buf = ByteBuffer.allocate(capacity);
    }

    private void ensure(int more) {
      if (buf.remaining() < more) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
    }

    void header() {
      ensure(19);
      buf.put(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
      buf.putInt(0); // flags
      buf.putInt(0); // header extension length
    }

    void fields(int n) {
      ensure(2);
      buf.putShort((short) n);
    }

    void int8(long v) {
      ensure(12);
      buf.putInt(8).putLong(v);
    }

    void float8(double v) {
      ensure(12);
      buf.putInt(8).putDouble(v);
    }

    void int2(int v) {
      ensure(6);
      buf.putInt(2).putShort((short) v);
    }

    void text(String s) {
      if (s == null) {
        ensure(4);
        buf.putInt(-1);
        return;
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      ensure(4 + b.length);
      buf.putInt(b.length).put(b);
    }

    void trailer() {
      ensure(2);
      buf.putShort((short) -1);
    }

    byte[] bytes() {
      return buf.array();
    }

    int length() {
      return buf.position();
    }
  }
}
