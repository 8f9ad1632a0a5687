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
 * (e.g. {@code cdd}, {@code hdd}) enters linearly.
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
      case OLS -> BaselineFitter.ols(baseline, baseline.variables());
      case CHANGEPOINT -> {
        BaselineFit best = bestChangePoint(baseline);
        yield best.withChoice("requested: changepoint; " + best.choice());
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

  /** The change-point form (3P cooling/heating, 4P, 5P) with the highest adjusted R². */
  private static BaselineFit bestChangePoint(DataSet baseline) {
    if (!baseline.variables().contains(TEMPERATURE)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "change-point models need a '" + TEMPERATURE + "' column");
    }
    List<String> linear =
        baseline.variables().stream().filter(v -> !v.equals(TEMPERATURE)).toList();
    List<BaselineFit> fits = new ArrayList<>();
    for (ModelForm form :
        List.of(
            ModelForm.CHANGE_POINT_3P_COOLING,
            ModelForm.CHANGE_POINT_3P_HEATING,
            ModelForm.CHANGE_POINT_4P,
            ModelForm.CHANGE_POINT_5P)) {
      try {
        fits.add(BaselineFitter.changePoint(baseline, form, TEMPERATURE, linear));
      } catch (AnalyticsException e) {
        if (e.code() != Code.SINGULAR_MODEL && e.code() != Code.INSUFFICIENT_DATA) {
          throw e;
        }
      }
    }
    if (fits.isEmpty()) {
      throw new AnalyticsException(
          Code.SINGULAR_MODEL, "no change-point model can be fitted to the baseline");
    }
    BaselineFit best = pick(fits);
    return best.withChoice(
        fmt(
            "%s has the highest adjusted R² (%.4f) of the change-point forms%s",
            best.model().form().label(),
            best.statistics().adjR2(),
            best.validity().valid() ? "" : " among the candidates (none passes every check)"));
  }

  /**
   * Auto: the ratio model when its zero-intercept assumption holds and it passes every check
   * (simplest, and the programme's SEC); otherwise the regression or change-point model that passes
   * the model checks with the highest adjusted R².
   */
  private static BaselineFit auto(DataSet baseline) {
    List<String> products = productionVariables(baseline);
    List<String> ratioFailures = List.of();
    if (products.size() == 1 && baseline.variables().size() == 1) {
      BaselineFit ratio = BaselineFitter.ratio(baseline, products.get(0));
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
    candidates.add(BaselineFitter.ols(baseline, baseline.variables()));
    if (baseline.variables().contains(TEMPERATURE)) {
      candidates.add(bestChangePoint(baseline));
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
    return best.withChoice(why);
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
