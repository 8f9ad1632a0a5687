package org.energytrace.analytics.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** Sector SEC norms as versioned data ({@code sector-norms.csv}) and the comparison with them. */
public record SectorNorms(List<SectorNorm> rows) {

  public SectorNorms {
    rows = List.copyOf(rows);
  }

  public static SectorNorms bundled() {
    List<SectorNorm> norms = new ArrayList<>();
    for (DataCsv.Row r : DataCsv.resource(SectorNorms.class, "sector-norms.csv")) {
      norms.add(
          new SectorNorm(
              r.get("id"),
              r.get("sector"),
              r.get("product"),
              r.get("band"),
              r.number("value"),
              r.get("unit"),
              r.get("source"),
              r.date("valid_from"),
              r.date("valid_to"),
              r.get("note")));
    }
    return new SectorNorms(norms);
  }

  public List<SectorNorm> sector(String sector) {
    return rows.stream().filter(n -> n.sector().equals(sector)).toList();
  }

  public SectorNorm norm(String id, LocalDate on) {
    return rows.stream()
        .filter(n -> n.id().equals(id) && n.validOn(on))
        .reduce((a, b) -> b)
        .orElseThrow(
            () -> new AnalyticsException(Code.UNKNOWN_NAME, "no norm '" + id + "' valid on " + on));
  }

  /**
   * Compares an SEC (in {@code unit}, which must be the norm's unit, e.g. MJ/t) with the norm valid
   * on {@code on}.
   */
  public NormComparison compare(String id, double sec, String unit, LocalDate on) {
    SectorNorm norm = norm(id, on);
    if (!norm.unit().equals(unit)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "norm " + id + " is in " + norm.unit() + ", the SEC is in " + unit + ": convert first");
    }
    if (!Double.isFinite(sec) || sec < 0) {
      throw new AnalyticsException(Code.INVALID_INPUT, "SEC must be a finite value >= 0: " + sec);
    }
    return NormComparison.of(norm, sec);
  }
}
