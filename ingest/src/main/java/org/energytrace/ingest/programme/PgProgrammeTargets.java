package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.report.IndicatorTarget;
import org.energytrace.analytics.report.ProgrammeTargets;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The province's programme targets (issue 16, migration V73): sets of every indicator's target in
 * force from a date, appended and never changed, so the table is the history. The indicators read
 * them through {@link ProgrammeExport}; before the first stored set the bundled table applies.
 * Every set is audited ({@code programme.targets.set}, the targets in force on its date before and
 * after, and the reason) in the transaction that stores it.
 */
public final class PgProgrammeTargets {
  private final DataSource dataSource;
  private final PgProgramme registry;

  public PgProgrammeTargets(DataSource dataSource) {
    this.dataSource = dataSource;
    this.registry = new PgProgramme(dataSource);
  }

  /** A stored set with its row id. */
  public record Stored(long id, ProgrammeTargets targets) {
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("effective_from", targets.effectiveFrom().toString());
      m.put("targets", targets.values());
      m.put("set_by", targets.setBy());
      m.put("set_at", targets.setAt());
      m.put("reason", targets.reason());
      return m;
    }
  }

  /** Every stored set in the order recorded (what the programme input carries). */
  public List<ProgrammeTargets> sets() {
    return history().stream().map(Stored::targets).toList();
  }

  /** Every stored set with its id, in the order recorded. */
  public List<Stored> history() {
    return Sql.with(
        dataSource,
        "reading the programme targets",
        c -> {
          c.setReadOnly(true);
          return history(c);
        });
  }

  private static List<Stored> history(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT set_id, effective_from, aware, applying, saving_low, saving_high,"
            + " officers_trained, set_by, set_at, reason FROM programme_target_set"
            + " ORDER BY set_id",
        Sql.NONE,
        rs -> {
          Map<String, Double> values = new LinkedHashMap<>();
          for (String k : ProgrammeTargets.KEYS) {
            values.put(k, rs.getDouble(k));
          }
          return new Stored(
              rs.getLong(1),
              new ProgrammeTargets(
                  rs.getObject(2, LocalDate.class),
                  values,
                  rs.getString("set_by"),
                  rs.getObject("set_at", OffsetDateTime.class).toInstant().toString(),
                  rs.getString("reason")));
        });
  }

  /** Every target in force on {@code on}: of the stored set then, else the bundled table's. */
  public static Map<String, IndicatorTarget> inForce(List<ProgrammeTargets> sets, LocalDate on) {
    Map<String, IndicatorTarget> out = new LinkedHashMap<>();
    for (String k : ProgrammeTargets.KEYS) {
      out.put(k, IndicatorTarget.of(k, on, sets));
    }
    return out;
  }

  /**
   * Stores a set in force from {@code from}: {@code given} (some or all targets, each checked on
   * its own by the caller) completed with the targets in force on that date, then checked as a
   * whole (the high saving level above the low one; 400 naming the field).
   */
  public Stored set(Who who, LocalDate from, Map<String, Double> given, String reason, Instant at) {
    Instant now = at.truncatedTo(ChronoUnit.MICROS); // as the database keeps it
    return registry.transaction(
        "setting the programme targets from " + from,
        c -> {
          // one change at a time: each completes its set from the history it read
          Sql.update(c, "LOCK TABLE programme_target_set IN SHARE ROW EXCLUSIVE MODE", Sql.NONE);
          List<ProgrammeTargets> sets = history(c).stream().map(Stored::targets).toList();
          Map<String, IndicatorTarget> before = inForce(sets, from);
          Map<String, Double> values = new LinkedHashMap<>();
          for (String k : ProgrammeTargets.KEYS) {
            values.put(k, given.containsKey(k) ? given.get(k) : before.get(k).target());
          }
          for (String k : ProgrammeTargets.KEYS) {
            Optional<String> p = ProgrammeTargets.problem(k, values.get(k), values);
            if (p.isPresent()) {
              // name a target the caller gave: the high level when given, else the low one
              String field = given.containsKey(k) || k.equals("saving_low") ? k : "saving_low";
              throw DomainException.invalid(
                  "targets." + field,
                  given.containsKey(k)
                      ? p.get()
                      : "must stay below saving_high in force on "
                          + from
                          + " ("
                          + values.get(k)
                          + "), got "
                          + values.get("saving_low"));
            }
          }
          long id =
              Sql.one(
                  c,
                  "INSERT INTO programme_target_set (effective_from, aware, applying, saving_low,"
                      + " saving_high, officers_trained, set_by, set_at, reason)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING set_id",
                  ps -> {
                    ps.setObject(1, from);
                    int i = 2;
                    for (String k : ProgrammeTargets.KEYS) {
                      ps.setDouble(i++, values.get(k));
                    }
                    Sql.bind(ps, 7, who.subject(), now, Sql.text(reason));
                  },
                  rs -> rs.getLong(1));
          Stored stored =
              new Stored(
                  id, new ProgrammeTargets(from, values, who.subject(), now.toString(), reason));
          Map<String, Object> b = new LinkedHashMap<>();
          b.put("effective_from", from.toString());
          Map<String, Object> bt = new LinkedHashMap<>();
          before.forEach((k, t) -> bt.put(k, t.target()));
          b.put("targets", bt);
          b.put("source", before.get("aware").stored() ? "stored" : "bundled");
          PgProgramme.audit(
              c, who, "programme.targets.set", null, "targets/" + from, b, stored.json(), now);
          return stored;
        });
  }
}
