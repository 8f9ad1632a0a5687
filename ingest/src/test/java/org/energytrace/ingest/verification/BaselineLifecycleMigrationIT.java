package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V60 on a database that already holds baselines (issue 15): approved ones stay approved, with the
 * role their approver's account has (or {@code unknown}), and drafts stay drafts.
 */
class BaselineLifecycleMigrationIT {

  @Test
  void baselinesApprovedBeforeTheLifecycleStayApprovedWithTheirApproversRole() throws Exception {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      PGSimpleDataSource ds = db.dataSource();
      db.migrateUpTo("51");
      db.execute(
          "INSERT INTO enterprise (code) VALUES ('old-e')",
          "INSERT INTO app_user (username, role, enterprise_id) SELECT 'old-admin',"
              + " 'enterprise_admin', enterprise_id FROM enterprise WHERE code = 'old-e'",
          "INSERT INTO enpi (enterprise_id, code, name, scope_level, scope_ref, basis, updated_at)"
              + " SELECT enterprise_id, 'sec', 'SEC', 'facility', 'plant-1', 'kwh_final', now()"
              + " FROM enterprise WHERE code = 'old-e'",
          baseline(1, "'approved', 'old-admin', now()"),
          baseline(2, "'approved', 'token:7:gone', now()"),
          baseline(3, "'draft', NULL, NULL"));

      Database.migrate(ds);

      Map<Integer, String> rows = new LinkedHashMap<>();
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT version, status || ' ' || coalesce(approved_by_role, '-')"
                      + " FROM enpi_baseline ORDER BY version")) {
        while (rs.next()) {
          rows.put(rs.getInt(1), rs.getString(2));
        }
      }
      assertThat(rows)
          .containsExactly(
              Map.entry(1, "approved enterprise_admin"),
              Map.entry(2, "approved unknown"),
              Map.entry(3, "draft -"));
    }
  }

  /** An INSERT of baseline {@code version} with {@code status, approved_by, approved_at}. */
  private static String baseline(int version, String statusApprover) {
    return "INSERT INTO enpi_baseline (enterprise_id, enpi_id, version, period_from, period_to,"
        + " model, data_hash, data_csv, fit, method_version, created_by, created_at, status,"
        + " approved_by, approved_at) SELECT enterprise_id, enpi_id, "
        + version
        + ", DATE '2025-01-01', DATE '2025-12-31', 'ols', 'h', 'period,energy,production', '{}',"
        + " 'energytrace-mv/1.2', 'old-admin', now(), "
        + statusApprover
        + " FROM enpi";
  }
}
