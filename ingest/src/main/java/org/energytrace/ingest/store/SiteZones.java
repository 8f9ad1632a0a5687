package org.energytrace.ingest.store;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A site's time zone, whose local calendar makes every day, week and month of its data ({@code
 * site.time_zone}, an IANA name; docs/architecture.md, "Days in the site's time zone").
 */
public final class SiteZones {
  /** The zone of a site that was given none (also the column's default, V41). */
  public static final ZoneId DEFAULT = ZoneId.of("Asia/Ho_Chi_Minh");

  private SiteZones() {}

  /**
   * The zone of a {@code site.time_zone} value (the default when null).
   *
   * @throws DateTimeException naming a value that is not a zone (the API refuses to store one)
   */
  public static ZoneId of(String name) {
    return name == null || name.isBlank() ? DEFAULT : ZoneId.of(name);
  }
}
