package org.energytrace.analytics.integrity;

import java.time.LocalDate;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * One link of a series' seal chain: the digest of {@code day} at {@code revision} (0 when the day
 * is first sealed; n &gt; 0 when late rows changed a sealed day, with the reason and the row
 * count), chained to the previous link by {@code prevSeal}.
 */
public record Seal(
    String series,
    LocalDate day,
    int revision,
    String prevSeal,
    String digest,
    String seal,
    int rows,
    String reason) {

  public Seal {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(day, "day");
    reason = reason == null ? "" : reason;
    DayDigest.requireField(series, "series id");
    if (revision < 0 || rows < 0) {
      throw new AnalyticsException(Code.INVALID_INPUT, "revision and rows must be >= 0");
    }
    for (String h : new String[] {prevSeal, digest, seal}) {
      if (!Sha256.isHex(h)) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, "seal hashes are 64 lowercase hex digits, got '" + h + "'");
      }
    }
  }
}
