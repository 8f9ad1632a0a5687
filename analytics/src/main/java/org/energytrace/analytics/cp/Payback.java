package org.energytrace.analytics.cp;

import java.util.OptionalDouble;

/**
 * Simple payback of a CP option (the method's step 4, financial feasibility): investment divided by
 * the expected yearly saving in money. No payback when the option saves nothing; zero when it costs
 * nothing (good housekeeping). NPV and IRR for large investments are not computed here.
 */
public final class Payback {
  private Payback() {}

  /**
   * @param investment capital cost, not negative
   * @param yearlySaving expected saving per year in the same currency, not negative
   * @return years, or empty when the option saves nothing a year
   */
  public static OptionalDouble simpleYears(double investment, double yearlySaving) {
    if (!Double.isFinite(investment) || investment < 0) {
      throw new IllegalArgumentException("investment must be a number >= 0, got " + investment);
    }
    if (!Double.isFinite(yearlySaving) || yearlySaving < 0) {
      throw new IllegalArgumentException(
          "yearly saving must be a number >= 0, got " + yearlySaving);
    }
    if (yearlySaving == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(investment / yearlySaving);
  }
}
