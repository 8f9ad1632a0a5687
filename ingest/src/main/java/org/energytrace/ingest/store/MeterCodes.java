package org.energytrace.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** A meter found by its code within an enterprise. */
public final class MeterCodes {
  private MeterCodes() {}

  /** A registered meter and the site it stands at. */
  public record Meter(long meterId, long siteId) {}

  /** The enterprise's meter {@code code}; empty when there is none. */
  public static Optional<Meter> find(Connection c, long enterpriseId, String code)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT meter_id, site_id FROM meter WHERE enterprise_id = ? AND code = ?")) {
      ps.setLong(1, enterpriseId);
      ps.setString(2, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Meter(rs.getLong(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }
}
