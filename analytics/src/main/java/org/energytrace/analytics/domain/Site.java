package org.energytrace.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A site of an enterprise. Daily totals are per local calendar day in {@code timeZone} (e.g.
 * Asia/Ho_Chi_Minh); {@link #localDay} is the rule the store uses to cut readings into days.
 */
public record Site(
    String id, String name, ZoneId timeZone, List<Meter> meters, List<ProductionLine> lines) {

  public Site {
    Names.require(id, "site id");
    name = name == null ? id : name;
    Objects.requireNonNull(timeZone, "time zone of site " + id);
    meters = List.copyOf(meters);
    lines = List.copyOf(lines);
    Names.unique(meters, Meter::id, "meter");
    Names.unique(lines, ProductionLine::id, "line");
  }

  /** The local day an instant belongs to at this site. */
  public LocalDate localDay(Instant instant) {
    return instant.atZone(timeZone).toLocalDate();
  }
}
