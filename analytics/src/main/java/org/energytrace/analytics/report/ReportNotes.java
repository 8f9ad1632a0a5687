package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The notes the indicators carry ({@link ProgrammeIndicators#notes()}, a key energy user's note),
 * in English: the API answers them as they are, and a report in another language recognises them by
 * these forms and says them in its own.
 */
public final class ReportNotes {
  /** A key energy user by its consumption that the national list does not name. */
  public static final String KEU_UNLISTED =
      "at or above the threshold but not on the national list";

  /** A listed key energy user below the threshold. */
  public static final String KEU_BELOW = "on the national list but below the threshold";

  /** A listed key energy user whose yearly consumption is not reported. */
  public static final String KEU_UNREPORTED =
      "on the national list; yearly consumption not reported";

  private ReportNotes() {}

  /**
   * A target of the table taken on past its validity, for want of a later one. The saving shares'
   * rows ({@code saving_low}, {@code saving_high}) are no targets but the saving levels the shares
   * count up to, and are called so.
   */
  public static String carriedForward(
      String indicator, double target, String source, LocalDate validTo, LocalDate asOf) {
    String what = indicator.startsWith("saving_") ? "level" : "target";
    return what
        + " "
        + indicator
        + " "
        + String.format(Locale.ROOT, "%.0f %%", 100 * target)
        + " ("
        + source
        + ", valid to "
        + validTo
        + ") carried forward to "
        + asOf
        + ": the table has no later "
        + what;
  }

  /** A facility assessed without CP potential that applies CP. */
  public static String potentialContradicted(String facility, LocalDate asOf) {
    return facility
        + ": assessed without CP potential but applying CP as of "
        + asOf
        + "; counted as having potential";
  }

  /** A facility with a verified saving but no step 'applying'. */
  public static String savingNotApplying(String facility, LocalDate asOf) {
    return facility
        + ": has a verified saving but no 'applying' step as of "
        + asOf
        + "; not counted in the saving shares (only in the energy totals)";
  }

  /** A facility with an indicative saving but no step 'applying'. */
  public static String indicativeNotApplying(String facility, LocalDate asOf) {
    return facility
        + ": has an indicative saving but no 'applying' step as of "
        + asOf
        + "; not counted in the saving shares (only in the energy totals)";
  }

  /** A saving that overlaps the period without lying inside it: counted in no period's report. */
  public static String crossesPeriod(
      String facility, String resource, LocalDate from, LocalDate to, ReportPeriod period) {
    return facility
        + ": the saving of "
        + resource
        + " "
        + from
        + ".."
        + to
        + " crosses the period "
        + period.from()
        + ".."
        + period.to()
        + "; counted only in a period that holds it whole";
  }

  /** A key energy user's consumption that lacks factors. */
  public static String incomplete(List<String> missing) {
    return "incomplete: " + String.join("; ", missing);
  }
}
