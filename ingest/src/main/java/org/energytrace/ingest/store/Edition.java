package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.energytrace.ingest.jdbc.Sql;

/**
 * Which database path a database is on and why: TimescaleDB's full or apache edition, or plain
 * PostgreSQL — because TimescaleDB is not installed on the server, installed but not preloaded, or
 * loaded but not created in this database. Recorded as the {@code storage_feature} row {@code
 * edition} at every migrate and logged at start-up, beside the rows the migrations wrote for
 * rollups, compression and retention.
 *
 * @param provider {@code timescaledb} or {@code none}
 * @param detail the edition and version, or why TimescaleDB is not used
 */
public record Edition(String provider, String detail) {
  /** Looks at the server and this database (works for any user, superuser or not). */
  static Edition detect(Connection c) throws SQLException {
    String installed = one(c, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
    if (installed != null) {
      String license = one(c, "SELECT current_setting('timescaledb.license', true)");
      if ("apache".equals(license)) {
        return new Edition(
            "timescaledb",
            "TimescaleDB "
                + installed
                + ", apache edition (timescaledb.license = apache): hypertables; no compression,"
                + " continuous aggregates or policies, so the service keeps rollups and retention");
      }
      return new Edition(
          "timescaledb",
          "TimescaleDB "
              + installed
              + ", full edition (timescaledb.license = "
              + license
              + "): hypertables, continuous aggregates, compression and policies");
    }
    String server = one(c, "SHOW server_version");
    String available =
        one(c, "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'");
    if (available == null) {
      return new Edition(
          "none", "plain PostgreSQL " + server + ": timescaledb is not installed on the server");
    }
    boolean loaded =
        one(
                c,
                "SELECT 1 FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time'"
                    + " AND context = 'postmaster'")
            != null;
    String why =
        loaded
            ? " is loaded but not created in this database (the migrating user may not create"
                + " extensions, or the database was created before it was loaded)"
            : " is installed on the server but not preloaded (shared_preload_libraries does"
                + " not list it), so it cannot be created";
    return new Edition("none", "plain PostgreSQL " + server + ": timescaledb " + available + why);
  }

  /** Records this edition as {@code storage_feature} row {@code edition}. */
  void record(Connection c) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO storage_feature (feature, provider, detail) VALUES ('edition', ?, ?)"
            + " ON CONFLICT (feature) DO UPDATE SET provider = excluded.provider,"
            + " detail = excluded.detail",
        Sql.text(provider),
        Sql.text(detail));
  }

  /** The first column of the first row of {@code sql}; null when there is none or it is null. */
  private static String one(Connection c, String sql) throws SQLException {
    return Sql.first(c, sql, Sql.NONE, rs -> rs.getString(1)).orElse(null);
  }
}
