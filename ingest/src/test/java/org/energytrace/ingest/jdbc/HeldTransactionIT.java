package org.energytrace.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One transaction on a held connection, against a real PostgreSQL: what is kept, what is heard. */
class HeldTransactionIT {
  static TestDatabase db;

  @BeforeAll
  static void create() {
    db = TestDatabase.create();
    db.execute("CREATE TABLE t (v int)");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void keepsWhatTheWorkWroteWhenItReturnsAndNothingWhenItThrows() throws Exception {
    try (Connection c = db.connect()) {
      int kept = HeldTransaction.run(c, () -> insert(c, 1));
      Throwable refused =
          catchThrowable(
              () ->
                  HeldTransaction.run(
                      c,
                      () -> {
                        insert(c, 2);
                        throw DomainException.conflict("site", "no such site");
                      }));

      assertThat(kept).isEqualTo(1);
      assertThat(refused).isInstanceOf(DomainException.class).hasMessage("no such site");
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(db.rows("SELECT v FROM t WHERE v IN (1, 2)")).containsExactly("1");
  }

  @Test
  void anErrorInTheWorkRollsBackInsteadOfBeingCommittedByAutocommit() throws Exception {
    try (Connection c = db.connect()) {
      Throwable failed =
          catchThrowable(
              () ->
                  HeldTransaction.run(
                      c,
                      () -> {
                        insert(c, 3);
                        throw new AssertionError("a bug in the work");
                      }));

      assertThat(failed).isInstanceOf(AssertionError.class);
      assertThat(c.getAutoCommit()).isTrue();
    }
    // switching autocommit back on inside an open transaction commits it (JDBC): the row of the
    // failed work must not be there
    assertThat(db.count("SELECT count(*) FROM t WHERE v = 3")).isZero();
  }

  @Test
  void theWorksRefusalIsHeardWhenTheConnectionBrokeUnderIt() throws Exception {
    Throwable refused =
        underABrokenConnection(() -> DomainException.invalid("quantity", "must be >= 0"));

    // the caller hears the work's refusal (a 422), not the broken connection's rollback (a 503)
    assertThat(refused).isInstanceOf(DomainException.class).hasMessage("must be >= 0");
    assertThat(db.count("SELECT count(*) FROM t WHERE v = 4")).isZero();
  }

  @Test
  void theFailedRollbackTravelsWithTheWorksFailure() throws Exception {
    Throwable failed = underABrokenConnection(() -> new IllegalStateException("the work failed"));

    assertThat(failed).isInstanceOf(IllegalStateException.class).hasMessage("the work failed");
    assertThat(failed.getSuppressed())
        .singleElement()
        .isInstanceOf(SQLException.class)
        .satisfies(s -> assertThat(s.getMessage()).contains("terminating connection"));
  }

  /** What a work that writes, has its session ended by the server, and then throws, throws. */
  private static Throwable underABrokenConnection(Supplier<RuntimeException> failure)
      throws SQLException {
    try (Connection c = db.connect();
        Connection other = db.connect()) {
      int pid = pid(c);
      return catchThrowable(
          () ->
              HeldTransaction.run(
                  c,
                  () -> {
                    insert(c, 4);
                    try (Statement st = other.createStatement()) {
                      st.execute("SELECT pg_terminate_backend(" + pid + ")");
                    }
                    throw failure.get();
                  }));
    }
  }

  private static int insert(Connection c, int v) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate("INSERT INTO t VALUES (" + v + ")") * v;
    }
  }

  private static int pid(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
