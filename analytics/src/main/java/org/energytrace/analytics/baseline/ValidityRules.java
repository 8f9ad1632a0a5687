package org.energytrace.analytics.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.units.Figures;

/**
 * The validity rules with their thresholds and messages. Model rules follow DOE EnPI / Superior
 * Energy Performance practice; data sufficiency follows CalTRACK 2.0 §2.2 adapted to plants.
 */
public final class ValidityRules {

  public static final double F_TEST_P_MAX = 0.10;
  public static final double EVERY_VARIABLE_P_MAX = 0.20;
  public static final double SOME_VARIABLE_P_MAX = 0.10;
  public static final double R2_MIN = 0.5;
  public static final double CV_RMSE_MAX = 0.25;
  public static final double MISSING_MAX = 0.10;
  public static final double INTERCEPT_P_SIGNIFICANT = 0.10;

  private ValidityRules() {}

  static Validity model(
      BaselineModel model, FitStatistics stats, DataSet baseline, Granularity granularity) {
    List<ValidityCheck> checks = new ArrayList<>();
    List<Coefficient> variables =
        model.coefficients().stream()
            .filter(c -> !c.name().equals(BaselineModel.INTERCEPT))
            .toList();
    // DOE EnPI / SEP: the regression as a whole is significant, F-test p < 0.10
    checks.add(
        new ValidityCheck(
            "f_test_p_below_0_10",
            stats.fPValue() < F_TEST_P_MAX,
            Double.isNaN(stats.fPValue())
                ? "the F-test is undefined for this model"
                : fmt(
                    "F-test p-value %.4g %s %.2f",
                    stats.fPValue(),
                    stats.fPValue() < F_TEST_P_MAX ? "<" : "is not below",
                    F_TEST_P_MAX)));
    // DOE EnPI / SEP: every variable p < 0.20
    List<String> weak =
        variables.stream()
            .filter(c -> !(c.pValue() < EVERY_VARIABLE_P_MAX))
            .map(c -> fmt("%s (p = %.4g)", c.name(), c.pValue()))
            .toList();
    checks.add(
        new ValidityCheck(
            "every_variable_p_below_0_20",
            weak.isEmpty(),
            weak.isEmpty()
                ? "every variable has p < 0.20"
                : "variables not significant at p < 0.20: " + String.join(", ", weak)));
    // DOE EnPI / SEP: at least one variable p < 0.10
    boolean some = variables.stream().anyMatch(c -> c.pValue() < SOME_VARIABLE_P_MAX);
    checks.add(
        new ValidityCheck(
            "some_variable_p_below_0_10",
            some,
            some ? "at least one variable has p < 0.10" : "no variable has p < 0.10"));
    // DOE EnPI / SEP: R² ≥ 0.5
    checks.add(
        new ValidityCheck(
            "r2_at_least_0_5",
            stats.r2() >= R2_MIN,
            fmt("R² = %.4f %s %.1f", stats.r2(), stats.r2() >= R2_MIN ? "≥" : "is below", R2_MIN)));
    // Guideline 14 common acceptance for a baseline model: CV(RMSE) < 25 %
    checks.add(
        new ValidityCheck(
            "cv_rmse_below_0_25",
            stats.cvRmse() < CV_RMSE_MAX,
            fmt("CV(RMSE) = %.4f (Guideline 14: below %.2f)", stats.cvRmse(), CV_RMSE_MAX)));
    // CalTRACK 2.0 §3.4.3.2: no negative heating or cooling slope (only models with weather terms)
    WeatherSlopes.check(model).ifPresent(checks::add);
    checks.add(dataSufficiency(baseline, granularity, stats));
    return new Validity(checks);
  }

  /**
   * CalTRACK 2.0 §2.2 adapted: a full year of periods, at most 10 % of them missing, and more
   * effective points than parameters. A year is 365 days whatever the calendar (CalTRACK 2.2.1, as
   * eemeter 4.x counts it): a span from the first to the last period shorter than a year's periods
   * is judged as a year with the periods short of it counted as missing (so a year whose last day
   * has no data is 364 of 365 days, not "too short"), and at least 90 % of them must have data (at
   * most 36 of 365 days missing). The same holds for weekly and monthly periods: a 365-day baseline
   * holds 51 whole weeks between weekly stock counts unless it starts on a count's day or the day
   * after, and 51 of 52 is 2 % short, not "too short". A longer span — a leap year's 366 days, or
   * more — is judged over its own length.
   */
  static ValidityCheck dataSufficiency(
      DataSet baseline, Granularity granularity, FitStatistics stats) {
    Coverage c = baseline.coverage(granularity);
    int year = granularity.periodsPerYear();
    boolean daily = granularity == Granularity.DAILY;
    int expected = Math.max(c.expected(), year);
    int present = c.present();
    double missing = expected == 0 ? 1.0 : 1.0 - (double) present / expected;
    String unit = granularity.name().toLowerCase(Locale.ROOT);
    List<String> problems = new ArrayList<>();
    if (c.expected() < year && missing > MISSING_MAX) {
      problems.add(
          fmt("the baseline spans %d %s periods, a year needs %d", c.expected(), unit, year));
    }
    if (missing > MISSING_MAX) {
      problems.add(
          daily
              ? fmt(
                  "%d of %d baseline days are missing (%.1f %%; at most 10 %%, CalTRACK 2.0"
                      + " §2.2.1: at least 90 %% of the days with data)",
                  expected - present, expected, 100 * missing)
              : fmt(
                  "%d of %d baseline %s periods are missing (%.1f %%; at most 10 %%)",
                  expected - present, expected, unit, 100 * missing));
    }
    if (!(stats.nEffective() > stats.p())) {
      problems.add(
          fmt(
              "effective points n′ = %.1f do not exceed the %d parameters (ρ = %.3f)",
              stats.nEffective(), stats.p(), stats.autocorrelation()));
    }
    String covered = fmt("baseline covers %d of %d periods", present, expected);
    if (c.expected() < year) {
      String periods = daily ? "days" : unit + " periods";
      covered +=
          fmt(
              " (the span %s..%s is %d %s; the %d %s short of a year count as missing)",
              c.first().toLocalDate(),
              c.last().toLocalDate(),
              c.expected(),
              periods,
              year - c.expected(),
              periods);
    }
    String review = DataReview.of(baseline.energy()).note();
    return new ValidityCheck(
        "data_sufficient",
        problems.isEmpty(),
        (problems.isEmpty()
                ? covered
                : "insufficient baseline data: " + String.join("; ", problems))
            + review);
  }

  /** IPMVP / ISO 50006: a ratio model presumes no base load; test the regression intercept. */
  /**
   * The ratio model's F-test is that of the regression E = a + b·P on its baseline; when that
   * regression cannot be fitted the check fails saying why (not "undefined for this model").
   */
  static ValidityCheck ratioFTest(String regressionError) {
    return new ValidityCheck(
        "f_test_p_below_0_10",
        false,
        "cannot compute the F-test of the regression E = a + b·P behind the ratio model: "
            + regressionError);
  }

  static ValidityCheck ratioIntercept(BaselineFit regression, String regressionError) {
    if (regression == null) {
      return new ValidityCheck(
          "ratio_intercept_not_significant",
          false,
          "cannot test the ratio model's zero-intercept assumption: " + regressionError);
    }
    Coefficient a = regression.coefficient(BaselineModel.INTERCEPT);
    boolean ok = !(a.pValue() < INTERCEPT_P_SIGNIFICANT);
    return new ValidityCheck(
        "ratio_intercept_not_significant",
        ok,
        ok
            ? fmt(
                "the regression intercept %s (p = %.4g) is not significant; the ratio model holds",
                Figures.significant(a.value()), a.pValue())
            : fmt(
                "ratio model invalid: the regression intercept (base load) %s is significant"
                    + " (p = %.4g < %.2f), so energy per unit falls as output rises and the ratio"
                    + " model books savings that are not there; use the regression model",
                Figures.significant(a.value()), a.pValue(), INTERCEPT_P_SIGNIFICANT));
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
