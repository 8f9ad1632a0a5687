package org.energytrace.ingest.production;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.energytrace.ingest.production.ProductionFile.Row;

/** The rows as three parallel arrays, for {@code unnest(?::text[], ?::text[], ?::float8[])}. */
record QuantityColumns(String[] products, String[] days, Double[] quantities) {
  static QuantityColumns of(List<Row> rows) {
    int n = rows.size();
    String[] products = new String[n];
    String[] days = new String[n];
    Double[] quantities = new Double[n];
    for (int i = 0; i < n; i++) {
      products[i] = rows.get(i).product();
      days[i] = rows.get(i).day().toString();
      quantities[i] = rows.get(i).quantity();
    }
    return new QuantityColumns(products, days, quantities);
  }

  /**
   * Binds the arrays at parameters {@code first}, {@code first + 1} and {@code first + 2}; returns
   * the next free index.
   */
  int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
    ps.setArray(first, c.createArrayOf("text", products));
    ps.setArray(first + 1, c.createArrayOf("text", days));
    ps.setArray(first + 2, c.createArrayOf("float8", quantities));
    return first + 3;
  }
}
