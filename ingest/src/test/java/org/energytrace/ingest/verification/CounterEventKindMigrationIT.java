package org.energytrace.ingest.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.Test;

/**
 * V98 on a database that already holds counter-event changes (V96): a change takes the kind of the
 * event on record at its channel and time, so that a sign-off "to be re-verified" names a
 * multiplier change as one; where an event at that time was ever deleted, the event on record may
 * be another one, and the kind stays unknown rather than guessed.
 */
class CounterEventKindMigrationIT {

  @Test
  void aChangeTakesItsEventsKindUnlessAnEventThereWasEverDeleted() throws Exception {
    try (TestDatabase db = TestDatabase.createEmpty()) {
      db.migrateUpTo("97");
      db.execute(
          "INSERT INTO enterprise (code) VALUES ('old-e')",
          "INSERT INTO site (enterprise_id, code) SELECT enterprise_id, 'plant-1' FROM enterprise",
          "INSERT INTO meter (enterprise_id, site_id, code) SELECT enterprise_id, site_id, 'm1'"
              + " FROM site",
          "INSERT INTO channel (enterprise_id, meter_id, name, unit, kind, original_unit)"
              + " SELECT enterprise_id, meter_id, 'E', 'KWH', 'counter', 'KWH' FROM meter",
          // on record: a CT ratio change on the 5th; a replacement on the 9th that was recorded,
          // deleted and recorded again (perhaps as another kind the first time)
          "INSERT INTO counter_event (enterprise_id, channel_id, ts, kind, closing_value,"
              + " opening_value, multiplier) SELECT enterprise_id, channel_id, t, k, 10, 10, 2"
              + " FROM channel, (VALUES (timestamptz '2026-11-05 06:00+07', 'multiplier_change'),"
              + " (timestamptz '2026-11-09 06:00+07', 'replacement')) AS v(t, k)",
          "INSERT INTO counter_event_change (channel_id, event_ts, change, changed_at)"
              + " SELECT channel_id, t, c, a FROM channel, (VALUES"
              + " (timestamptz '2026-11-05 06:00+07', 'recorded', timestamptz '2026-12-01 08:00+07'),"
              + " (timestamptz '2026-11-09 06:00+07', 'recorded', timestamptz '2026-12-01 09:00+07'),"
              + " (timestamptz '2026-11-09 06:00+07', 'deleted', timestamptz '2026-12-01 10:00+07'),"
              + " (timestamptz '2026-11-09 06:00+07', 'recorded', timestamptz '2026-12-01 11:00+07'),"
              // an event deleted for good: nothing on record
              + " (timestamptz '2026-11-12 06:00+07', 'recorded', timestamptz '2026-12-02 08:00+07'),"
              + " (timestamptz '2026-11-12 06:00+07', 'deleted', timestamptz '2026-12-02 09:00+07'))"
              + " AS v(t, c, a)");

      Database.migrate(db.dataSource());

      List<String> rows = new ArrayList<>();
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT to_char(event_ts AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD'), change, kind"
                      + " FROM counter_event_change ORDER BY changed_at")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
      assertThat(rows)
          .containsExactly(
              "05 recorded multiplier_change",
              "09 recorded null",
              "09 deleted null",
              "09 recorded null",
              "12 recorded null",
              "12 deleted null");
    }
  }
}
