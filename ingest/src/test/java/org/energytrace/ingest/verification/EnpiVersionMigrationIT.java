package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.domain.EnpiScope;
import org.energytrace.analytics.domain.MeterTerm;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.energytrace.ingest.tenant.Scope;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V67 on a database that already holds an EnPI with a baseline (issue 15, docs/verification.md
 * §1.4): the EnPI's definition becomes its version 1, in exactly the form the service compares with
 * (storing the same definition again makes no version 2), and the baseline is on version 1.
 */
class EnpiVersionMigrationIT {

  @Test
  void anExistingEnpiBecomesVersionOneAndItsBaselineIsOnIt() throws Exception {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      PGSimpleDataSource ds = db.dataSource();
      db.migrateUpTo("66");
      db.execute(
          "INSERT INTO enterprise (code) VALUES ('old-e')",
          "INSERT INTO site (enterprise_id, code, time_zone) SELECT enterprise_id, 'plant-1',"
              + " 'Asia/Ho_Chi_Minh' FROM enterprise",
          "INSERT INTO meter (enterprise_id, site_id, code, carrier, energy_unit, role, boundary,"
              + " energy_channel) SELECT enterprise_id, site_id, 'm1', 'electricity', 'kWh',"
              + " 'main', NULL, 'E' FROM site",
          "INSERT INTO meter (enterprise_id, site_id, code, carrier, energy_unit, role, boundary,"
              + " energy_channel) SELECT enterprise_id, site_id, 'm2', 'electricity', 'kWh',"
              + " 'sub', 'compressors', 'E' FROM site",
          "INSERT INTO production_line (enterprise_id, site_id, code, name) SELECT enterprise_id,"
              + " site_id, 'l1', 'l1' FROM site",
          "INSERT INTO product (enterprise_id, line_id, code, name, unit) SELECT enterprise_id,"
              + " line_id, 'p1', 'p1', 'TNE' FROM production_line",
          "INSERT INTO enpi (enterprise_id, code, name, scope_level, scope_ref, basis, updated_at)"
              + " SELECT enterprise_id, 'sec', 'SEC', 'facility', 'plant-1', 'kwh_final', now()"
              + " FROM enterprise",
          "INSERT INTO enpi_meter (enpi_id, meter_id, sign, position) SELECT enpi_id, meter_id,"
              + " CASE WHEN meter.code = 'm1' THEN 1 ELSE -1 END,"
              + " CASE WHEN meter.code = 'm1' THEN 0 ELSE 1 END FROM enpi, meter",
          "INSERT INTO enpi_product (enpi_id, product_id, position) SELECT enpi_id, product_id, 0"
              + " FROM enpi, product",
          "INSERT INTO enpi_baseline (enterprise_id, enpi_id, version, period_from, period_to,"
              + " model, data_hash, data_csv, fit, method_version, created_by, created_at)"
              + " SELECT enterprise_id, enpi_id, 1, DATE '2025-01-01', DATE '2025-12-31', 'ols',"
              + " 'h', 'period,energy,production', '{}', 'energytrace-mv/1.2', 'old-admin', now()"
              + " FROM enpi");

      Database.migrate(ds);

      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT v.version, v.definition -> 'meters' -> 1 ->> 'boundary',"
                      + " v.definition -> 'meters' -> 0 ->> 'boundary', b.enpi_version"
                      + " FROM enpi_version v JOIN enpi_baseline b USING (enpi_id)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getString(2)).isEqualTo("compressors");
        assertThat(rs.getString(3)).isEqualTo(""); // no boundary: the service's form
        assertThat(rs.getInt(4)).isEqualTo(1);
        assertThat(rs.next()).isFalse();
      }
      // the same definition through the service: no new version
      PgEnpiStore store = new PgEnpiStore(ds);
      int version =
          store.putEnpi(
              Scope.ALL,
              "old-e",
              "sec",
              new PgEnpiStore.EnpiSpec(
                  "SEC",
                  EnpiScope.Level.FACILITY,
                  "plant-1",
                  EnpiBasis.KWH_FINAL,
                  List.of(new MeterTerm("m1", 1), new MeterTerm("m2", -1)),
                  List.of("p1")),
              Instant.now(),
              PgEnpiStore.Author.SYSTEM);
      assertThat(version).isEqualTo(1);
      assertThat(store.enpi(Scope.ALL, "old-e", "sec").version()).isEqualTo(1);
    }
  }
}
