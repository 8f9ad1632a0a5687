package org.energytrace.analytics.savings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.units.DataCsv;

/** A saving target per unit of product, e.g. 8 % (Decision 1419/QĐ-TTg, 2016–2020). */
public record ProgrammeTarget(
    String id,
    double fraction,
    String basis,
    String source,
    LocalDate validFrom,
    LocalDate validTo) {

  public ProgrammeTarget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("target fraction must be in (0, 1): " + fraction);
    }
  }

  /** The bundled targets ({@code programme-targets.csv}). */
  public static List<ProgrammeTarget> bundled() {
    List<ProgrammeTarget> targets = new ArrayList<>();
    for (DataCsv.Row r : DataCsv.resource(ProgrammeTarget.class, "programme-targets.csv")) {
      targets.add(
          new ProgrammeTarget(
              r.get("id"),
              r.number("fraction"),
              r.get("basis"),
              r.get("source"),
              r.date("valid_from"),
              r.date("valid_to")));
    }
    return List.copyOf(targets);
  }

  public static ProgrammeTarget bundled(String id) {
    return bundled().stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no programme target " + id));
  }
}
