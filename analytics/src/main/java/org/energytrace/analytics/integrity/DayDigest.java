package org.energytrace.analytics.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * The canonical digest of one day of one series (docs/verification.md, "Day digest"): SHA-256 over
 * the UTF-8 bytes of the day's rows' canonical lines, concatenated in time order (readings) or day
 * order (quantities). A day with no rows has the digest of no bytes, {@link Sha256#EMPTY}; it is
 * sealed too, so rows inserted later into an empty day are caught.
 *
 * <p>Values are hashed as their IEEE 754 bits, not as decimal text: {@link Double#toString} gives
 * different digits for some doubles on Java 17 and on Java 19+ (JDK-4511638), so a decimal form
 * would make a seal depend on the runtime that made it. The bits are the same everywhere ({@code
 * struct.pack('>d', v).hex()} in Python), and every CSV writes values with a round-trip decimal
 * form that parses back to them.
 */
public final class DayDigest {

  private DayDigest() {}

  /** The digest of a channel's readings of one day (any order in; duplicates of a time refused). */
  public static String readings(List<ReadingRow> rows) {
    List<ReadingRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(ReadingRow::tsEpochMicros));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0 && sorted.get(i).tsEpochMicros() == sorted.get(i - 1).tsEpochMicros()) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            "two readings at " + sorted.get(i).tsEpochMicros() + " µs: a channel has one per time");
      }
      b.append(sorted.get(i).canonical());
    }
    return Sha256.hex(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The digest of a production series' rows of one day. */
  public static String quantities(List<QuantityRow> rows) {
    List<QuantityRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(QuantityRow::day));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0 && sorted.get(i).day().equals(sorted.get(i - 1).day())) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, "two quantities for " + sorted.get(i).day() + " in one series");
      }
      b.append(sorted.get(i).canonical());
    }
    return Sha256.hex(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The local day of a reading at the site: the day boundary of seals is the site's midnight. */
  public static LocalDate day(long tsEpochMicros, ZoneId zone) {
    Instant t =
        Instant.ofEpochSecond(
            Math.floorDiv(tsEpochMicros, 1_000_000L),
            Math.floorMod(tsEpochMicros, 1_000_000L) * 1000L);
    return t.atZone(zone).toLocalDate();
  }

  /** Readings grouped by local day (days in order), for sealing or recomputing many days. */
  public static Map<LocalDate, List<ReadingRow>> byDay(List<ReadingRow> rows, ZoneId zone) {
    Map<LocalDate, List<ReadingRow>> map = new TreeMap<>();
    for (ReadingRow r : rows) {
      map.computeIfAbsent(day(r.tsEpochMicros(), zone), d -> new ArrayList<>()).add(r);
    }
    return map;
  }

  static String bits(double v) {
    return String.format("%016x", Double.doubleToLongBits(v));
  }

  static void requireField(String s, String what) {
    if (s.indexOf('|') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, what + " must not contain '|' or a line break: " + s);
    }
  }
}
