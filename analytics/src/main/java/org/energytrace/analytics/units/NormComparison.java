package org.energytrace.analytics.units;

import java.util.Objects;
import org.energytrace.analytics.MethodVersion;

/**
 * An enterprise's SEC against its sector norm: {@code sec} in the norm's unit, {@code ratio} = SEC
 * / norm; {@code withinNorm} when SEC ≤ norm; {@code margin} = norm − SEC in the norm's unit
 * (negative: above the cap). {@code givenSec}/{@code givenUnit} are the SEC as supplied; {@code
 * conversion} is the table row that converted its energy unit (null when none was needed).
 */
public record NormComparison(
    SectorNorm norm,
    double sec,
    double ratio,
    boolean withinNorm,
    double margin,
    double givenSec,
    String givenUnit,
    ConversionFactor conversion,
    String methodVersion) {

  public NormComparison {
    Objects.requireNonNull(norm, "norm");
    Objects.requireNonNull(givenUnit, "givenUnit");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  static NormComparison of(
      SectorNorm norm, double sec, double givenSec, String givenUnit, ConversionFactor conversion) {
    return new NormComparison(
        norm,
        sec,
        sec / norm.value(),
        sec <= norm.value(),
        norm.value() - sec,
        givenSec,
        givenUnit,
        conversion,
        MethodVersion.CURRENT);
  }
}
