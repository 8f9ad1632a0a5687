package org.energytrace.ingest.resource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.energytrace.ingest.jdbc.Sql;

/**
 * An entries file committed again ({@link PgResources#commit}): the rows it holds whose stored
 * entry changed or was deleted since, which are stored again; it answered "nothing changed" and
 * kept a corrected or deleted figure.
 */
final class EntriesAgain {
  private EntriesAgain() {}

  /** The rows whose stored entry is another, or none: what a file committed again changes. */
  static List<EntryFile.Row> changed(Connection c, long e, List<EntryFile.Row> rows)
      throws SQLException {
    List<EntryFile.Row> changed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT x.quantity, x.unit, x.amount, x.currency FROM resource_entry x"
                + " JOIN resource r USING (resource_id) WHERE r.enterprise_id = ? AND r.code = ?"
                + " AND x.type = ? AND x.day = ? AND x.ref = ?")) {
      for (EntryFile.Row r : rows) {
        Sql.bind(ps, 1, e, Sql.text(r.resource()), Sql.text(r.type()), r.day(), Sql.text(r.ref()));
        try (ResultSet rs = ps.executeQuery()) {
          boolean same =
              rs.next()
                  && rs.getDouble(1) == r.quantity()
                  && rs.getString(2).equals(r.unit())
                  && (rs.getBigDecimal(3) == null
                      ? r.amount() == null
                      : r.amount() != null && rs.getBigDecimal(3).compareTo(r.amount()) == 0)
                  && Objects.equals(rs.getString(4), r.currency());
          if (!same) {
            changed.add(r);
          }
        }
      }
    }
    return changed;
  }
}
