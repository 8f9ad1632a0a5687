package org.energytrace.ingest.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.EnteredEnergy;
import org.energytrace.ingest.tenant.Scope;

/**
 * A period report's energy per carrier (docs/programme-reporting.md, "The enterprise's period
 * report"): what the facility declared for the period's year where it declared a carrier (a
 * declaration is yearly and cannot be split), else its main meters' interval energy over the
 * period's days, else the energy its resources' entries give for those days. Each row says the days
 * it covers ({@code from}, {@code to}). A half-year report carried the whole year's metered energy,
 * read on 15 August with the days of July and August in it.
 */
final class PeriodEnergy {
  private final DataSource dataSource;
  private final EnteredEnergy entered;

  PeriodEnergy(DataSource dataSource, EnteredEnergy entered) {
    this.dataSource = dataSource;
    this.entered = entered;
  }

  /**
   * The rows of {@code enterprise} from {@code from} to {@code to} (days of one year; none metered
   * or entered when {@code to} is before {@code from}: the period has not started), given the
   * registry's rows of its years ({@code yearRows}, whose declared ones are kept).
   */
  List<Object> of(
      String enterprise, List<Map<String, Object>> yearRows, LocalDate from, LocalDate to) {
    int year = from.getYear();
    Map<String, Map<String, Object>> byCarrier = new TreeMap<>();
    for (Map<String, Object> e : yearRows) {
      if ((Integer) e.get("year") == year && "declared".equals(e.get("source"))) {
        Map<String, Object> row = new LinkedHashMap<>(e);
        row.put("from", LocalDate.of(year, 1, 1).toString());
        row.put("to", LocalDate.of(year, 12, 31).toString());
        byCarrier.put((String) e.get("carrier"), row);
      }
    }
    if (!to.isBefore(from)) {
      for (Map<String, Object> m : metered(enterprise, from, to)) {
        byCarrier.putIfAbsent((String) m.get("carrier"), m);
      }
      for (EnteredEnergy.Year y : entered.between(Scope.ALL, enterprise, from, to)) {
        RegistryRows.addEntered(
            byCarrier,
            y.carrier(),
            y,
            row(year, y.carrier(), y.unit(), y.amount(), "entered", from, to));
      }
    }
    return new ArrayList<>(byCarrier.values());
  }

  /**
   * The main meters' interval energy per carrier over the local days {@code from}..{@code to} (each
   * site's time zone, else the province's), with the days they have data for — as the registry sums
   * a year ({@link RegistryRows#energy}).
   */
  private List<Map<String, Object>> metered(String enterprise, LocalDate from, LocalDate to) {
    String zone = ProgrammeExport.ZONE.getId();
    String day = "(ie.ts_start AT TIME ZONE coalesce(s.time_zone, ?))::date";
    return Sql.list(
        dataSource,
        "reading a period's metered energy",
        "SELECT m.carrier, m.energy_unit, sum(ie.energy), count(DISTINCT "
            + day
            + ") FROM interval_energy ie JOIN channel ch ON ch.channel_id = ie.channel_id"
            + " JOIN meter m ON m.meter_id = ch.meter_id JOIN site s ON s.site_id = m.site_id"
            + " WHERE ie.enterprise_id = (SELECT enterprise_id FROM enterprise WHERE code = ?)"
            + " AND m.role = 'main' AND m.carrier IS NOT NULL AND ch.name = m.energy_channel"
            // a day either side in UTC keeps the time index in use; the local day decides
            + " AND ie.ts_start >= ?::date - 1 AND ie.ts_start < ?::date + 2"
            + " AND "
            + day
            + " BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 1",
        Sql.args(zone, enterprise, from, to, zone, from, to),
        rs -> {
          Map<String, Object> m =
              row(
                  from.getYear(),
                  rs.getString(1),
                  rs.getString(2),
                  rs.getDouble(3),
                  "metered",
                  from,
                  to);
          m.put("days", rs.getInt(4));
          return m;
        });
  }

  private static Map<String, Object> row(
      int year,
      String carrier,
      String unit,
      double amount,
      String source,
      LocalDate from,
      LocalDate to) {
    Map<String, Object> m = RegistryRows.energyRow(year, carrier, unit, amount, source);
    m.put("from", from.toString());
    m.put("to", to.toString());
    return m;
  }
}
