package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * A programme reporting period: a half year ({@code 2026-H1}, {@code 2026-H2}) or a year ({@code
 * 2026}); the provincial plans ask for reports every 6 months and at year end.
 */
public record ReportPeriod(String label, LocalDate from, LocalDate to) {

  public ReportPeriod {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "period " + label + " ends before it starts");
    }
  }

  public static ReportPeriod parse(String label) {
    if (label != null && label.matches("[0-9]{4}")) {
      int y = Integer.parseInt(label);
      return new ReportPeriod(label, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
    }
    if (label != null && label.matches("[0-9]{4}-H[12]")) {
      int y = Integer.parseInt(label.substring(0, 4));
      return label.endsWith("1")
          ? new ReportPeriod(label, LocalDate.of(y, 1, 1), LocalDate.of(y, 6, 30))
          : new ReportPeriod(label, LocalDate.of(y, 7, 1), LocalDate.of(y, 12, 31));
    }
    throw new AnalyticsException(
        Code.INVALID_INPUT, "period must be YYYY or YYYY-H1 or YYYY-H2, got '" + label + "'");
  }

  public boolean contains(LocalDate first, LocalDate last) {
    return !first.isBefore(from) && !last.isAfter(to);
  }

  /** The period as the programme reports give it: label, from, to. */
  Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("from", from.toString());
    m.put("to", to.toString());
    return m;
  }
}
