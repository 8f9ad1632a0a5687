package org.energytrace.analytics.units;

import java.util.Objects;
import org.energytrace.analytics.MethodVersion;

/**
 * An enterprise's SEC against its sector norm: {@code ratio} = SEC / norm; {@code withinNorm} when
 * SEC ≤ norm; {@code margin} = norm − SEC in the norm's unit (negative: above the cap).
 */
public record NormComparison(
    SectorNorm norm,
    double sec,
    double ratio,
    boolean withinNorm,
    double margin,
    String methodVersion) {

  public NormComparison {
    Objects.requireNonNull(norm, "norm");
  }

  static NormComparison of(SectorNorm norm, double sec) {
    return new NormComparison(
        norm,
        sec,
        sec / norm.value(),
        sec <= norm.value(),
        norm.value() - sec,
        MethodVersion.CURRENT);
  }
}
