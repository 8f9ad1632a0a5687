package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.energytrace.ingest.jdbc.Sql;

/** A meter found by its code within an enterprise. */
public final class MeterCodes {
  private MeterCodes() {}

  /** A registered meter and the site it stands at. */
  public record Meter(long meterId, long siteId) {}

  /** The enterprise's meter {@code code}; empty when there is none. */
  public static Optional<Meter> find(Connection c, long enterpriseId, String code)
      throws SQLException {
    return Sql.first(
        c,
        "SELECT meter_id, site_id FROM meter WHERE enterprise_id = ? AND code = ?",
        Sql.args(enterpriseId, Sql.text(code)),
        rs -> new Meter(rs.getLong(1), rs.getLong(2)));
  }
}
