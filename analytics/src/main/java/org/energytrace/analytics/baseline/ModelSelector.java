package org.energytrace.analytics.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * Chooses and fits the baseline model, recording the reason. Variable roles come from their names:
 * {@code production*} are products, {@code temperature} drives change-point models, anything else
 * enters linearly — degree-day columns ({@code hdd_65f}, {@code cdd_18c}, see {@link
 * WeatherSlopes}) with their slopes held to their physical sign.
 */
public final class ModelSelector {

  public static final String TEMPERATURE = "temperature";
  public static final String PRODUCTION_PREFIX = "production";

  /** What the user asked for. */
  public enum Request {
    AUTO,
    RATIO,
    OLS,
    CHANGEPOINT
  }

  private ModelSelector() {}

  public static List<String> productionVariables(DataSet data) {
    return data.variables().stream().filter(v -> v.startsWith(PRODUCTION_PREFIX)).toList();
  }

  public static BaselineFit select(DataSet baseline, Request request) {
    return switch (request) {
      case RATIO -> ratio(baseline);
      case OLS -> {
        BaselineFit ols = BaselineFitter.ols(baseline, baseline.variables());
        String degreeDays = degreeDayNote(baseline.variables());
        yield degreeDays.isEmpty() ? ols : ols.withChoice(ols.choice() + "; " + degreeDays);
      }
      case CHANGEPOINT -> {
        ChangePointChoice cp = bestChangePoint(baseline);
        String why = "requested: changepoint; " + cp.best().choice();
        for (String note : cp.notes()) {
          why += "; " + note;
        }
        yield cp.best().withChoice(why);
      }
      case AUTO -> auto(baseline);
    };
  }

  private static BaselineFit ratio(DataSet baseline) {
    List<String> products = productionVariables(baseline);
    if (products.size() != 1) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "the ratio model needs exactly one production column, found " + products);
    }
    return BaselineFitter.ratio(baseline, products.get(0));
  }

  /** The best change-point fit and the notes on the forms refused or constrained on the way. */
  private record ChangePointChoice(BaselineFit best, List<String> notes) {}

  /**
   * The change-point form (3P cooling/heating, 4P, 5P) with the highest adjusted R² among those
   * with physically signed slopes; a form rejected for its signs is named with the reason.
   */
  private static ChangePointChoice bestChangePoint(DataSet baseline) {
    if (!baseline.variables().contains(TEMPERATURE)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "change-point models need a '"
              + TEMPERATURE
              + "' column (daily mean temperature); with degree-day columns instead (hdd_65f,"
              + " cdd_18c: balance point and unit in the name) use --model ols or auto, which fit"
              + " them by linear regression");
    }
    List<String> linear =
        baseline.variables().stream().filter(v -> !v.equals(TEMPERATURE)).toList();
    List<BaselineFit> fits = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (ModelForm form :
        List.of(
            ModelForm.CHANGE_POINT_3P_COOLING,
            ModelForm.CHANGE_POINT_3P_HEATING,
            ModelForm.CHANGE_POINT_4P,
            ModelForm.CHANGE_POINT_5P)) {
      try {
        ChangePointSearch search =
            BaselineFitter.searchChangePoint(baseline, form, TEMPERATURE, linear);
        search.fit().ifPresent(fits::add);
        if (!search.note().isEmpty()) {
          notes.add(search.note());
        }
      } catch (AnalyticsException e) {
        if (e.code() != Code.SINGULAR_MODEL && e.code() != Code.INSUFFICIENT_DATA) {
          throw e;
        }
        notes.add(form.label() + " not fitted: " + e.getMessage());
      }
    }
    if (fits.isEmpty()) {
      throw new AnalyticsException(
          Code.SINGULAR_MODEL,
          "no change-point model can be fitted to the baseline: " + String.join("; ", notes));
    }
    BaselineFit best = pick(fits);
    String why =
        fmt(
            "%s has the highest adjusted R² (%.4f) of the change-point forms%s",
            best.model().form().label(),
            best.statistics().adjR2(),
            best.validity().valid() ? "" : " among the candidates (none passes every check)");
    return new ChangePointChoice(best.withChoice(why), notes);
  }

  /**
   * Auto: the ratio model when its zero-intercept assumption holds and it passes every check
   * (simplest, and the programme's SEC); otherwise the regression or change-point model that passes
   * the model checks with the highest adjusted R². Change-point forms whose slopes have the wrong
   * physical sign are rejected and named in the reason.
   */
  private static BaselineFit auto(DataSet baseline) {
    List<String> products = productionVariables(baseline);
    List<String> ratioFailures = List.of();
    BaselineFit ratio = null;
    if (products.size() == 1 && baseline.variables().size() == 1) {
      ratio = BaselineFitter.ratio(baseline, products.get(0));
      ratioFailures =
          ratio.validity().checks().stream()
              .filter(c -> !c.passed())
              .map(ValidityCheck::flag)
              .toList();
      if (ratio.validity().valid()) {
        return ratio.withChoice(
            "auto: ratio (SEC) model, because the regression intercept is not significant and"
                + " the model passes every check");
      }
    }
    List<BaselineFit> candidates = new ArrayList<>();
    try {
      candidates.add(BaselineFitter.ols(baseline, baseline.variables()));
    } catch (AnalyticsException e) {
      boolean unfit = e.code() == Code.INSUFFICIENT_DATA || e.code() == Code.SINGULAR_MODEL;
      if (ratio == null || !unfit) {
        throw e;
      }
      // Too few baseline periods for a regression (two weekly stock counts, say): the ratio
      // model is the one that can be fitted; it is answered with the checks it fails, not refused.
      return ratio.withChoice(
          "auto: ratio (SEC) model, the only model that can be fitted: the regression cannot ("
              + e.getMessage()
              + "); the ratio model fails "
              + ratioFailures);
    }
    List<String> notes = new ArrayList<>();
    if (baseline.variables().contains(TEMPERATURE)) {
      try {
        ChangePointChoice cp = bestChangePoint(baseline);
        candidates.add(cp.best());
        notes.addAll(cp.notes());
      } catch (AnalyticsException e) {
        if (e.code() != Code.SINGULAR_MODEL) {
          throw e;
        }
        notes.add(e.getMessage());
      }
    } else {
      notes.add(
          "no '"
              + TEMPERATURE
              + "' column, so no change-point model was tried (they need the daily mean"
              + " temperature; degree-day columns enter the regression linearly)");
    }
    BaselineFit best = pick(candidates);
    String why =
        candidates.size() == 1
            ? "auto: linear regression on " + baseline.variables()
            : fmt(
                "auto: %s chosen over %s by %s adjusted R² (%.4f)",
                best.model().form().label(),
                candidates.stream()
                    .filter(c -> c != best)
                    .map(c -> c.model().form().label())
                    .toList(),
                best.validity().valid() ? "validity, then" : "(no candidate is valid)",
                best.statistics().adjR2());
    if (!ratioFailures.isEmpty()) {
      why += "; the ratio model was rejected because it fails " + ratioFailures;
    }
    String degreeDays = degreeDayNote(baseline.variables());
    if (!degreeDays.isEmpty()) {
      notes.add(degreeDays);
    }
    for (String note : notes) {
      why += "; " + note;
    }
    return best.withChoice(why);
  }

  /** "degree-day columns: hdd_65f (heating degree days, balance point 65 °F)", or "". */
  static String degreeDayNote(List<String> variables) {
    List<String> dd =
        variables.stream()
            .map(WeatherSlopes::degreeDays)
            .flatMap(java.util.Optional::stream)
            .map(d -> d.name() + " (" + d.describe() + ")")
            .toList();
    return dd.isEmpty() ? "" : "degree-day columns: " + String.join(", ", dd);
  }

  /** Valid models first, then the highest adjusted R², then the fewest parameters. */
  private static BaselineFit pick(List<BaselineFit> fits) {
    return fits.stream()
        .min(
            Comparator.comparing((BaselineFit f) -> !modelChecksPass(f))
                .thenComparing(f -> -f.statistics().adjR2())
                .thenComparingInt(f -> f.statistics().p()))
        .orElseThrow();
  }

  private static boolean modelChecksPass(BaselineFit f) {
    return f.validity().checks().stream()
        .filter(c -> !c.flag().equals("data_sufficient"))
        .allMatch(ValidityCheck::passed);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
