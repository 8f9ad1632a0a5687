package org.energytrace.ingest.programme;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.analytics.report.ReportNotes;

/**
 * The indicators' notes ({@link ReportNotes}) and the energy totals' missing factors, English as
 * the API answers them, said in the report's language: each is recognised by its form and written
 * from the report's labels ({@code note.*}, {@code factor.*}, a target's decision {@code source.*},
 * a resource {@code resource_*} or {@code carrier_*}); a text of no known form stays as it is.
 */
final class NoteText {
  private record Form(Pattern pattern, String key) {}

  private static final List<Form> FORMS =
      List.of(
          new Form(
              Pattern.compile(
                  "target (\\S+) (\\S+ %) \\((.+), valid to (\\S+)\\) carried forward to (\\S+):"
                      + " the table has no later target"),
              "note.carried"),
          new Form(
              Pattern.compile(
                  "level (\\S+) (\\S+ %) \\((.+), valid to (\\S+)\\) carried forward to (\\S+):"
                      + " the table has no later level"),
              "note.carried_level"),
          new Form(
              Pattern.compile(
                  "(\\S+): assessed without CP potential but applying CP as of (\\S+); counted as"
                      + " having potential"),
              "note.potential"),
          new Form(
              Pattern.compile(
                  "(\\S+): has a verified saving but no 'applying' step as of (\\S+); not counted in"
                      + " the saving shares \\(only in the energy totals\\)"),
              "note.not_applying"),
          new Form(
              Pattern.compile(
                  "(\\S+): has an indicative saving but no 'applying' step as of (\\S+); not"
                      + " counted in the saving shares \\(only in the energy totals\\)"),
              "note.indicative_not_applying"),
          new Form(
              Pattern.compile(
                  "(\\S+): the saving of (.+) (\\S+)\\.\\.(\\S+) crosses the period"
                      + " (\\S+)\\.\\.(\\S+); counted only in a period that holds it whole"),
              "note.crosses"),
          new Form(Pattern.compile("incomplete: (.+)"), "note.incomplete"),
          new Form(
              Pattern.compile("on the national list; no energy reported for (\\d{4})"),
              "note.keu_noenergy"),
          new Form(Pattern.compile(Pattern.quote(ReportNotes.KEU_UNLISTED)), "note.keu_unlisted"),
          new Form(Pattern.compile(Pattern.quote(ReportNotes.KEU_BELOW)), "note.keu_below"),
          new Form(
              Pattern.compile(Pattern.quote(ReportNotes.KEU_UNREPORTED)), "note.keu_unreported"));

  /**
   * A factor the tables lack, as {@code MissingFactor} writes it (with the table a developer adds
   * the row to): quantity, carrier, unit, year.
   */
  private static final Pattern FACTOR =
      Pattern.compile(
          "no (\\S+) factor for (\\S+) \\(([^()]*)\\) in (\\d{4}): add a row to [^;]+;"
              + " nothing was estimated");

  /** A missing factor of the energy totals: the facility and resource before it. */
  private static final Pattern FACTOR_AT =
      Pattern.compile("(\\S+) (.+?): (" + FACTOR.pattern() + ")");

  /** A national decision as the bundled targets name it, without its "Đ". */
  private static final Pattern DECISION =
      Pattern.compile("Decision (\\d+)/QD-(\\S+) \\((\\d{4})\\)");

  private NoteText() {}

  /**
   * A missing factor of the energy totals ({@code <facility> <resource>: no … factor for …}) in the
   * language of {@code label}, naming the facility, the resource in words, the factor, the carrier,
   * the unit and the year, without the developer's instruction (which table to add a row to); any
   * other text with the factors in it said so.
   */
  static String missingFactor(String text, Function<String, String> label) {
    Matcher m = FACTOR_AT.matcher(text);
    if (m.matches()) {
      return label
          .apply("factor.missing_at")
          .replace("{facility}", m.group(1))
          .replace("{resource}", resource(m.group(2), label))
          .replace("{factor}", factors(m.group(3), label));
    }
    return factors(text, label);
  }

  /** Each missing factor in {@code text} said from {@code factor.*}. */
  private static String factors(String text, Function<String, String> label) {
    Matcher m = FACTOR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String quantity = label.apply("factor." + m.group(1));
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              label
                  .apply("factor.missing")
                  .replace("{quantity}", quantity.startsWith("factor.") ? m.group(1) : quantity)
                  .replace("{carrier}", resource(m.group(2), label))
                  .replace("{unit}", m.group(3))
                  .replace("{year}", m.group(4))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A resource of the registry (a carrier, water, a material) in words: {@code resource_<r>}, else
   * {@code carrier_<r>} (the words the reports share), else as it is.
   */
  static String resource(String r, Function<String, String> label) {
    String key = r.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    for (String k : List.of("resource_" + key, "carrier_" + key)) {
      String words = label.apply(k);
      if (!words.equals(k)) {
        return words;
      }
    }
    return r;
  }

  /** A target's source: a national decision in the report's language, else as it is. */
  private static String source(String s, Function<String, String> label) {
    Matcher m = DECISION.matcher(s);
    return m.matches()
        ? label
            .apply("source.decision")
            .replace("{1}", m.group(1))
            .replace("{2}", m.group(2))
            .replace("{3}", m.group(3))
        : s;
  }

  /**
   * {@code note} in the language of {@code label} (a report's labels): a known form written from
   * {@code note.*} with {@code {1}}, {@code {2}} … for what the English form holds (an indicator's
   * id by its label {@code t.<id>}); a key energy user's note is its parts joined by "; ", the
   * national-list mark last.
   */
  static String of(String note, Function<String, String> label) {
    if (note == null || note.isEmpty()) {
      return note;
    }
    for (String keu :
        List.of(ReportNotes.KEU_UNLISTED, ReportNotes.KEU_BELOW, ReportNotes.KEU_UNREPORTED)) {
      if (note.length() > keu.length() && note.endsWith("; " + keu)) {
        String before = note.substring(0, note.length() - keu.length() - 2);
        return of(before, label) + "; " + part(keu, label);
      }
    }
    return part(note, label);
  }

  private static String part(String part, Function<String, String> label) {
    for (Form f : FORMS) {
      Matcher m = f.pattern().matcher(part);
      if (m.matches()) {
        String text = label.apply(f.key());
        for (int g = m.groupCount(); g >= 1; g--) {
          String value = m.group(g);
          boolean carried = f.key().startsWith("note.carried");
          if (carried && g == 1) {
            value = label.apply("t." + value);
          }
          if (carried && g == 3) {
            value = source(value, label);
          }
          if (f.key().equals("note.crosses") && g == 2) {
            value = resource(value, label);
          }
          if (f.key().equals("note.incomplete")) {
            value = factors(value, label);
          }
          text = text.replace("{" + g + "}", value);
        }
        return text;
      }
    }
    return part;
  }
}
