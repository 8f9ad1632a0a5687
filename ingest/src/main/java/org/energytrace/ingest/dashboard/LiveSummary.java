package org.energytrace.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.config.DashboardConfig;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.energytrace.ingest.store.SiteZones;

/**
 * The live figures of a set of meters as the pages show them (docs/dashboards.md): each meter's
 * state and power, meters online, today's energy in kWh, TOE and t CO2 by the conversion factors of
 * the sites' local day. Shared by the overview and the showcase.
 */
final class LiveSummary {
  private static final ConversionTable TABLE = ConversionTable.bundled();
  private static final EmissionFactors FACTORS = EmissionFactors.bundled();

  private final DashboardConfig config;

  LiveSummary(DashboardConfig config) {
    this.config = config;
  }

  JsonObject of(List<MeterState> meters, Instant now) {
    JsonArray rows = new JsonArray();
    double power = 0;
    int online = 0;
    boolean anyPower = false;
    for (MeterState m : meters) {
      boolean isOnline =
          m.lastSeen() != null && !m.lastSeen().isBefore(now.minus(config.onlineWithin()));
      if (isOnline) {
        online++;
      }
      double elapsed = Math.max(1, now.getEpochSecond() - m.dayStart().getEpochSecond());
      if (m.powerKw() != null) {
        power += m.powerKw();
        anyPower = true;
      }
      rows.add(
          new JsonObject()
              .put("site", m.site())
              .put("meter", m.meter())
              .put("carrier", m.carrier())
              .put("online", isOnline)
              .put("last_seen", str(m.lastSeen()))
              .put("power_channel", m.powerChannel())
              .put("power_kw", m.powerKw())
              .put("power_ts", str(m.powerTs()))
              .put("power_quality", m.powerQuality() == null ? null : m.powerQuality().wire())
              .put("energy_channel", m.energyChannel())
              .put("energy_unit", m.energyUnit())
              .put("energy_today", m.energyToday())
              .put(
                  "coverage_today",
                  m.energyChannel() == null ? null : Math.min(1, m.coveredSeconds() / elapsed))
              .put("day_start", m.dayStart().toString()));
    }
    JsonObject body =
        new JsonObject()
            .put("at", now.toString())
            .put("meters", rows)
            .put("meters_online", online)
            .put("meters_offline", meters.size() - online)
            .put("power_kw", anyPower ? power : null);
    // conversion factors of the sites' local day (one zone in practice; the first meter's)
    LocalDate today =
        LocalDate.ofInstant(now, SiteZones.of(meters.isEmpty() ? null : meters.get(0).timeZone()));
    LocalDate gridOn =
        config.gridFactorYear() == null ? today : LocalDate.of(config.gridFactorYear(), 7, 1);
    EnergyToday energy = EnergyToday.of(meters, today, gridOn, TABLE, FACTORS);
    JsonArray byCarrier = new JsonArray();
    energy
        .byCarrier()
        .forEach(
            c ->
                byCarrier.add(
                    new JsonObject()
                        .put("carrier", c.carrier())
                        .put("unit", c.unit())
                        .put("quantity", c.quantity())
                        .put("final_kwh", c.finalKwh())));
    body.put("energy_today_kwh", energy.finalKwh())
        .put("energy_today_by_carrier", byCarrier)
        .put("energy_today_toe", energy.toe())
        .put("co2_today_t", energy.tonnesCo2())
        .put("co2_factor_year", gridOn.getYear())
        .put("energy_today_not_counted", new JsonArray(energy.notCounted()));
    if (!energy.notes().isEmpty()) {
      body.put("energy_today_note", String.join("; ", energy.notes()));
    }
    return body;
  }

  static JsonArray powerMeters(List<MeterState> meters) {
    JsonArray out = new JsonArray();
    for (MeterState m : meters) {
      if (m.powerKw() != null) {
        out.add(
            new JsonObject()
                .put("meter", m.meter())
                .put("power_kw", m.powerKw())
                .put("power_ts", str(m.powerTs())));
      }
    }
    return out;
  }

  static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
