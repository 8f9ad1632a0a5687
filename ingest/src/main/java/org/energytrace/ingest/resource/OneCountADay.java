package org.energytrace.ingest.resource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.upload.Problem;

/**
 * A day has one stock count: a count of a day that already has one under another ref is refused
 * naming both (the ledger could use neither). The commit refuses it and a file's preview names its
 * row, so that a preview never calls a file valid that its commit refuses (it did, and the commit's
 * refusal named no row).
 */
final class OneCountADay {
  private OneCountADay() {}

  /** The rows of {@code rows} that count a day already counted under another ref, with why. */
  static Map<EntryFile.Row, String> clashes(
      Connection c, Map<String, Long> ids, List<EntryFile.Row> rows) throws SQLException {
    Map<EntryFile.Row, String> out = new LinkedHashMap<>();
    try (PreparedStatement other =
        c.prepareStatement(
            "SELECT ref FROM resource_entry WHERE resource_id = ? AND type = 'stock_count'"
                + " AND day = ? AND ref <> ? LIMIT 1")) {
      for (EntryFile.Row r : rows) {
        Long id = ids.get(r.resource());
        if (id == null || !r.type().equals("stock_count")) {
          continue;
        }
        Sql.bind(other, 1, id, r.day(), Sql.text(r.ref()));
        try (ResultSet rs = other.executeQuery()) {
          if (rs.next()) {
            String stored = rs.getString(1);
            out.put(
                r,
                "a stock count of "
                    + r.resource()
                    + " on "
                    + r.day()
                    + " is already stored"
                    + (stored.isEmpty() ? " without a ref" : " with ref '" + stored + "'")
                    + ": a day has one stock count; send it with "
                    + (stored.isEmpty() ? "no ref" : "ref '" + stored + "'")
                    + " to correct it, got "
                    + (r.ref().isEmpty() ? "no ref" : "ref '" + r.ref() + "'"));
          }
        }
      }
    }
    return out;
  }

  /** Refuses the first clash of {@code rows}, naming the field {@code ref}. */
  static void refuse(Connection c, Map<String, Long> ids, List<EntryFile.Row> rows)
      throws SQLException {
    Map<EntryFile.Row, String> clashes = clashes(c, ids, rows);
    if (!clashes.isEmpty()) {
      throw DomainException.invalid("ref", clashes.values().iterator().next());
    }
  }

  /** A file's clashes as problems of their rows' {@code ref} column, for its preview. */
  static List<Problem> problems(
      DataSource dataSource, Scope scope, String enterprise, List<EntryFile.Row> rows) {
    return Transactions.run(
        dataSource,
        "checking the file's stock counts against the stored ones",
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          Map<String, Long> ids = new LinkedHashMap<>();
          for (PgResources.Declared d : PgResources.select(c, e, null)) {
            ids.put(d.resource().id(), d.id());
          }
          return clashes(c, ids, rows).entrySet().stream()
              .map(x -> new Problem(x.getKey().row(), "ref", x.getValue()))
              .toList();
        });
  }
}
