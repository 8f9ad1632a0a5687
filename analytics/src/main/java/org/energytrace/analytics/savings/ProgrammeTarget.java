package org.energytrace.analytics.savings;

import java.time.LocalDate;
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

  /** The bundled targets ({@code programme-targets.csv}), read once. */
  public static List<ProgrammeTarget> bundled() {
    return Bundled.ALL;
  }

  /**
   * The bundled target with this fraction (the last one listed when several have it), else an ad
   * hoc one named {@code cli_<fraction>} from the "command line": what a report asked for a target
   * in percent measures against.
   */
  public static ProgrammeTarget forFraction(double fraction) {
    return bundled().stream()
        .filter(t -> t.fraction() == fraction)
        .reduce((a, b) -> b)
        .orElseGet(
            () ->
                new ProgrammeTarget(
                    "cli_" + fraction,
                    fraction,
                    "energy per unit of product",
                    "command line",
                    null,
                    null));
  }

  private static final class Bundled {
    static final List<ProgrammeTarget> ALL = read();

    private static List<ProgrammeTarget> read() {
      return List.copyOf(
          DataCsv.resource(
              ProgrammeTarget.class,
              "programme-targets.csv",
              r ->
                  new ProgrammeTarget(
                      r.get("id"),
                      r.number("fraction"),
                      r.get("basis"),
                      r.get("source"),
                      r.date("valid_from"),
                      r.date("valid_to"))));
    }
  }

  public static ProgrammeTarget bundled(String id) {
    return bundled().stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no programme target " + id));
  }
}
