package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.model.TelemetryPoint;
import org.energytrace.ingest.store.RegistryResolver.Plan;
import org.postgresql.PGConnection;

/**
 * Readings a batch did not store because their key (channel, source timestamp) holds a reading of
 * another value or quality — stored before, or by the batch itself from an earlier row of the same
 * key — found after the batch's inserts, in its transaction, and named as refused points of their
 * messages (docs/ingest.md, "Idempotent storage"): the stored reading is kept, the message
 * quarantined.
 */
final class ReadingConflicts {
  private ReadingConflicts() {}

  /**
   * Of the offered rows that were not stored (their key is in the table: stored before, or by this
   * batch from an earlier row of the same key), those whose stored reading has another value or
   * quality, with what is stored. Run in the batch's transaction, after its inserts.
   */
  static final String CONFLICTS =
      "SELECT u.i, r.value, r.quality FROM unnest(?::int8[], ?::int8[], ?::float8[], ?::int4[],"
          + " ?::int4[]) AS u(ch, t, v, q, i) JOIN reading r ON r.channel_id = u.ch AND r.ts = "
          + ReadingRows.EPOCH_MICROS
          + "u.t WHERE r.value <> u.v OR r.quality <> u.q ORDER BY u.i";

  /** An offered row whose key holds another reading: what the table has for it. */
  record Conflict(int row, double storedValue, int storedQuality) {}

  /**
   * The rows not in {@code stored} (positions of the rows this batch inserted) whose key holds a
   * reading of another value or quality ({@link #CONFLICTS}); empty, without a query, when every
   * row was stored.
   */
  static List<Conflict> find(Connection c, ReadingRows rows, int[] stored) throws SQLException {
    int size = rows.offered();
    if (stored.length == size) {
      return List.of();
    }
    boolean[] in = new boolean[size];
    for (int i : stored) {
      in[i] = true;
    }
    int n = size - stored.length;
    long[] chs = new long[n];
    long[] t = new long[n];
    double[] v = new double[n];
    int[] q = new int[n];
    int[] rowOf = new int[n];
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (!in[i]) {
        chs[k] = rows.channel(i).channelId();
        t[k] = rows.tsMicros(i);
        v[k] = rows.point(i).value();
        q[k] = rows.point(i).quality().code();
        rowOf[k] = i;
        k++;
      }
    }
    List<Conflict> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CONFLICTS)) {
      PGConnection pg = c.unwrap(PGConnection.class);
      ps.setArray(1, pg.createArrayOf("int8", chs));
      ps.setArray(2, pg.createArrayOf("int8", t));
      ps.setArray(3, pg.createArrayOf("float8", v));
      ps.setArray(4, pg.createArrayOf("int4", q));
      ps.setArray(5, pg.createArrayOf("int4", rowOf));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Conflict(rs.getInt(1), rs.getDouble(2), rs.getInt(3)));
        }
      }
    }
    return out;
  }

  /**
   * The conflicting readings by message of the batch: each named as a refused point is, with the
   * reading stored for its key and its own.
   */
  static List<List<String>> byMessage(ReadingRows rows, List<Conflict> found, int messages) {
    if (found.isEmpty()) {
      return List.of();
    }
    List<List<String>> out = new ArrayList<>(messages);
    for (int m = 0; m < messages; m++) {
      out.add(new ArrayList<>());
    }
    for (Conflict k : found) {
      TelemetryPoint p = rows.point(k.row());
      String unit = rows.channel(k.row()).unit();
      out.get(rows.message(k.row()))
          .add(
              RegistryResolver.where(p)
                  + ": another reading is stored for this time (stored "
                  + k.storedValue()
                  + " "
                  + unit
                  + " "
                  + Quality.fromCode(k.storedQuality()).wire()
                  + ", this message "
                  + p.value()
                  + " "
                  + unit
                  + " "
                  + p.quality().wire()
                  + "); the stored reading is kept");
    }
    return out;
  }

  /** {@code plans} with each message's conflicting readings among its refusals. */
  static List<Plan> withConflicts(List<Plan> plans, List<List<String>> conflicts) {
    if (conflicts.isEmpty()) {
      return plans;
    }
    List<Plan> out = new ArrayList<>(plans.size());
    for (int m = 0; m < plans.size(); m++) {
      Plan p = plans.get(m);
      List<String> k = conflicts.get(m);
      if (k.isEmpty()) {
        out.add(p);
        continue;
      }
      List<String> refusals = new ArrayList<>(p.refusals());
      refusals.addAll(k);
      out.add(p.withRefusals(refusals));
    }
    return out;
  }
}
