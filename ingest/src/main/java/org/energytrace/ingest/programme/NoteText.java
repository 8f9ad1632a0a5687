package org.energytrace.ingest.programme;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.analytics.report.ReportNotes;

/**
 * The indicators' notes ({@link ReportNotes}, English as the API answers them) said in the report's
 * language: a note is recognised by its form and written from the report's labels ({@code note.*});
 * a note of no known form stays as it is.
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
                  "(\\S+): assessed without CP potential but applying CP as of (\\S+); counted as"
                      + " having potential"),
              "note.potential"),
          new Form(
              Pattern.compile(
                  "(\\S+): has a verified saving but no 'applying' step as of (\\S+); not counted in"
                      + " the saving shares \\(only in the energy totals\\)"),
              "note.not_applying"),
          new Form(Pattern.compile("incomplete: (.+)"), "note.incomplete"),
          new Form(Pattern.compile(Pattern.quote(ReportNotes.KEU_UNLISTED)), "note.keu_unlisted"),
          new Form(Pattern.compile(Pattern.quote(ReportNotes.KEU_BELOW)), "note.keu_below"),
          new Form(
              Pattern.compile(Pattern.quote(ReportNotes.KEU_UNREPORTED)), "note.keu_unreported"));

  private NoteText() {}

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
          if (f.key().equals("note.carried") && g == 1) {
            value = label.apply("t." + value);
          }
          text = text.replace("{" + g + "}", value);
        }
        return text;
      }
    }
    return part;
  }
}
