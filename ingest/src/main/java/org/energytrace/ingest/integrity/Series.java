package org.energytrace.ingest.integrity;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A sealed series as stored in {@code seal_series} ({@link PgSealSeries}): a channel's readings, a
 * product's daily quantities, or a gateway's production counts of one line and product.
 */
record Series(
    String id,
    String enterprise,
    String kind,
    long channelId,
    long productId,
    ZoneId zone,
    LocalDate sealedFrom,
    LocalDate sealedThrough,
    String lastSeal,
    String label,
    String countLine,
    String countProduct) {
  boolean readings() {
    return kind.equals("reading");
  }

  /** A gateway's production counts of one line and product (time-stamped rows like readings). */
  boolean counts() {
    return kind.equals("count");
  }
}
