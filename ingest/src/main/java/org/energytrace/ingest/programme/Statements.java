package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JDBC steps the reporting and sign-off stores repeat: bind, run, read the rows. */
final class Statements {
  private Statements() {}

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads the current row of a result. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Every row {@code sql} answers, read by {@code map}. */
  static <T> List<T> list(Connection c, String sql, Binder bind, Mapper<T> map)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map.map(rs));
        }
      }
    }
    return out;
  }

  /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
  static int update(Connection c, String sql, Binder bind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind.bind(ps);
      return ps.executeUpdate();
    }
  }

  /** The first row {@code sql} answers, read by {@code map}; empty when none. */
  static <T> Optional<T> first(Connection c, String sql, Binder bind, Mapper<T> map)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map.map(rs)) : Optional.empty();
      }
    }
  }
}
