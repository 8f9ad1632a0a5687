package org.energytrace.analytics.report;

import java.util.List;
import java.util.Locale;

/** The line writer of the plain-text renderings: numbers in {@link Locale#ROOT}, lines end \n. */
final class TextLines {

  private TextLines() {}

  /** Appends {@code format} filled with {@code args} and a \n (on every OS). */
  static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  /** The closing "Notes" section, a "- note" line each; nothing when there are none. */
  static void notes(StringBuilder b, List<String> notes) {
    if (!notes.isEmpty()) {
      line(b, "");
      line(b, "Notes");
      notes.forEach(n -> line(b, "  - %s", n));
    }
  }
}
