package org.energytrace.ingest.resource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo brewery's resources (issue 17, docs/resources.md): its water from the main water meter
 * the demo gateway publishes ({@code water-main}, counter {@code WaterVolumeTotal} in m³), its malt
 * by daily use entries and a coal-fired boiler fed by deliveries with weekly stock counts. Malt and
 * coal are not measured by the simulator: their entries are written here from the stored production
 * of the EnPI's first product, {@code can-beer} (a 330 ml can: malt 16 kg/hl and coal 4 kg/hl, so
 * 0.053 kg and 0.0132 kg per can, before the measure; 8 % and 10 % less from the measure date),
 * deterministic so that a restart changes nothing. Runs once the demo's history is complete (called
 * by {@code DemoCommand} after the baseline is approved).
 */
public final class DemoResources {
  private static final Logger LOG = LoggerFactory.getLogger(DemoResources.class);
  static final String SITE = "plant-1";
  static final String ENPI = "plant-sec";

  /**
   * Per can of 330 ml: a reviewer found 1.6 kg of malt and 0.4 kg of coal per can, figures of a
   * crate (about 10 l), about 30 and 10 times what a can takes.
   */
  static final double MALT_KG_PER_UNIT = 0.053;

  static final double COAL_T_PER_UNIT = 0.0000132;

  /** The coal the boiler house keeps after a delivery: about three weeks'. */
  static final double COAL_STOCK_T = 10;

  private DemoResources() {}

  /** Seeds the resources and hands {@code seeded} on (so the call fits in the seeding chain). */
  public static <T> T seedAfter(
      DataSource dataSource,
      String enterprise,
      LocalDate historyStart,
      LocalDate measureDate,
      T seeded) {
    try {
      seed(dataSource, enterprise, historyStart, measureDate, Clock.systemUTC());
    } catch (RuntimeException e) {
      LOG.warn("demo: resources not seeded: {}", e.getMessage());
    }
    return seeded;
  }

  static void seed(
      DataSource dataSource,
      String enterprise,
      LocalDate historyStart,
      LocalDate measureDate,
      Clock clock) {
    PgResources store = new PgResources(dataSource);
    Who demo = new Who("demo", Role.SYSTEM_ADMIN, null);
    List<String> metered = new ArrayList<>();
    try {
      store.put(
          Scope.ALL,
          enterprise,
          "water",
          new PgResources.Spec(
              SITE, "Nước cấp", ResourceKind.WATER, "m3", null, "water-main", "WaterVolumeTotal"),
          demo,
          clock.instant());
      metered.add("water");
    } catch (DomainException e) {
      // a gateway older than issue 17 publishes no water meter
      LOG.warn("demo: water not tracked: {}", e.getMessage());
    }
    try {
      // the steam header's meter the demo gateway reads over OPC UA: its heat energy counter (GJ)
      store.put(
          Scope.ALL,
          enterprise,
          "steam",
          new PgResources.Spec(
              SITE,
              "Hơi nước (lò hơi)",
              ResourceKind.ENERGY,
              "GJ",
              "steam",
              "steam-main",
              "SteamHeatEnergyTotal"),
          demo,
          clock.instant());
      metered.add("steam");
    } catch (DomainException e) {
      // a gateway older than this publishes no steam meter
      LOG.warn("demo: steam not tracked: {}", e.getMessage());
    }
    store.put(
        Scope.ALL,
        enterprise,
        "malt",
        new PgResources.Spec(SITE, "Mạch nha", ResourceKind.MATERIAL, "kg", null, null, null),
        demo,
        clock.instant());
    store.put(
        Scope.ALL,
        enterprise,
        "coal",
        new PgResources.Spec(
            SITE, "Than đá (lò hơi)", ResourceKind.ENERGY, "t", "coal_grade_3_4", null, null),
        demo,
        clock.instant());
    String product = firstProduct(dataSource, enterprise);
    LocalDate yesterday = LocalDate.now(clock.withZone(ZoneId.of("Asia/Ho_Chi_Minh"))).minusDays(1);
    Map<LocalDate, Double> production = new HashMap<>();
    for (DailyTotals.Day d :
        store.production(Scope.ALL, enterprise, product, historyStart, yesterday).days()) {
      if (d.complete()) {
        production.put(d.day(), d.total());
      }
    }
    List<EntryFile.Row> rows = new ArrayList<>();
    int row = 0;
    for (LocalDate d = historyStart; !d.isAfter(yesterday); d = d.plusDays(1)) {
      Double p = production.get(d);
      if (p != null) {
        double wobble = 1 + 0.03 * Math.sin(d.toEpochDay() * 1.7);
        double saved = d.isBefore(measureDate) ? 1 : 0.92;
        rows.add(
            new EntryFile.Row(
                ++row,
                "malt",
                "usage",
                d,
                Math.round(MALT_KG_PER_UNIT * p * saved * wobble * 10) / 10.0,
                "kg",
                ""));
      }
    }
    // coal: a count every Sunday night, a delivery in a week whose use took the stock below what
    // the boiler house keeps (whole 5 t lorries); the first count the Sunday before the history
    // (the counts fell on the history's weekday, not on Sundays)
    double stock = COAL_STOCK_T;
    LocalDate count =
        historyStart
            .minusDays(1)
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SUNDAY));
    rows.add(new EntryFile.Row(++row, "coal", "stock_count", count, stock, "t", ""));
    int lorry = 0;
    while (!count.plusDays(7).isAfter(yesterday)) {
      double used = 0;
      int known = 0;
      for (LocalDate d = count.plusDays(1); !d.isAfter(count.plusDays(7)); d = d.plusDays(1)) {
        Double p = production.get(d);
        if (p == null) {
          continue;
        }
        known++;
        double wobble = 1 + 0.04 * Math.cos(d.toEpochDay() * 0.9);
        used += COAL_T_PER_UNIT * p * (d.isBefore(measureDate) ? 1 : 0.9) * wobble;
      }
      if (known == 0) {
        break;
      }
      // the boiler burnt coal on a day whose production was not recorded (the loaded year's
      // missing days, DemoHistory): as much as on the week's other days
      used = used * 7 / known;
      used = Math.round(used * 100) / 100.0;
      double delivery = Math.max(0, Math.ceil((used + COAL_STOCK_T - stock) / 5) * 5);
      if (delivery > 0) {
        rows.add(
            new EntryFile.Row(
                ++row, "coal", "delivery", count.plusDays(3), delivery, "t", "DN-" + (++lorry)));
      }
      stock = Math.round((stock + delivery - used) * 100) / 100.0;
      count = count.plusDays(7);
      rows.add(new EntryFile.Row(++row, "coal", "stock_count", count, stock, "t", ""));
    }
    int stored =
        store.putEntries(Scope.ALL, enterprise, rows, demo, null, clock.instant()).stored();
    LOG.info(
        "demo: resources {}malt (daily use) and coal (deliveries and weekly counts)"
            + " per unit of {}: {} entries stored",
        metered.isEmpty() ? "" : String.join(" and ", metered) + " (metered), ",
        product,
        stored);
  }

  /** The first product of the demo EnPI: the unit of product its resources are measured per. */
  public static String firstProduct(DataSource dataSource, String enterprise) {
    try (Connection c = dataSource.getConnection()) {
      return Sql.first(
              c,
              "SELECT p.code FROM enpi_product ep JOIN enpi e USING (enpi_id)"
                  + " JOIN product p USING (product_id) JOIN enterprise en"
                  + " ON en.enterprise_id = e.enterprise_id"
                  + " WHERE en.code = ? AND e.code = ? ORDER BY ep.position LIMIT 1",
              Sql.args(Sql.text(enterprise), ENPI),
              rs -> rs.getString(1))
          .orElseThrow(
              () -> new IllegalStateException("the demo EnPI " + ENPI + " has no product"));
    } catch (SQLException e) {
      throw new IllegalStateException("reading the demo EnPI's product: " + e.getMessage(), e);
    }
  }
}
