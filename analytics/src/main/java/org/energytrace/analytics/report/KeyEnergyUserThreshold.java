package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.units.DataCsv;

/** A key-energy-user threshold in TOE/yr ({@code key-energy-user-thresholds.csv}). */
public record KeyEnergyUserThreshold(
    String id,
    String facilityType,
    double threshold,
    String unit,
    String source,
    LocalDate validFrom,
    LocalDate validTo) {

  public KeyEnergyUserThreshold {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
  }

  /** The threshold as the programme reports give it: facility type, threshold, unit, source. */
  Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("facility_type", facilityType);
    m.put("threshold", threshold);
    m.put("unit", unit);
    m.put("source", source);
    return m;
  }

  /** The bundled row {@code id} valid on {@code on} (e.g. {@code industrial}: 1,000 TOE/yr). */
  public static KeyEnergyUserThreshold bundled(String id, LocalDate on) {
    for (DataCsv.Row r :
        DataCsv.resource(KeyEnergyUserThreshold.class, "key-energy-user-thresholds.csv")) {
      if (r.get("id").equals(id) && DataCsv.validOn(r.date("valid_from"), r.date("valid_to"), on)) {
        return new KeyEnergyUserThreshold(
            id,
            r.get("facility_type"),
            r.number("threshold"),
            r.get("unit"),
            r.get("source"),
            r.date("valid_from"),
            r.date("valid_to"));
      }
    }
    throw new AnalyticsException(
        Code.UNKNOWN_NAME, "no key-energy-user threshold '" + id + "' valid on " + on);
  }
}
