package org.energytrace.analytics.savings;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineModel;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.FitStatistics;
import org.energytrace.analytics.baseline.ModelForm;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.baseline.Term;

/**
 * Normalised savings (IPMVP Core Concepts, "normalised savings"): the baseline-period model and a
 * reporting-period model of the same form, both evaluated at one fixed set of conditions.
 *
 * <p>Uncertainty, where defined (ratio and OLS models): the variance of each model's summed
 * prediction at the normal conditions, gᵀ·Cov(β)·g with g the summed design rows, inflated by n/n′
 * for autocorrelation as in Guideline 14 Annex B; the two periods are independent, so the variances
 * add; half-width = t·sqrt(Var_B + Var_R), t two-tailed with the smaller of the two df. For
 * change-point models it is not defined (the grid-searched balance points have no variance here)
 * and {@code uncertaintyDefined} is false with the reason in {@code uncertaintyNote}.
 *
 * @param halfWidth NaN when not defined
 */
public record NormalisedSavings(
    double baselineAtNormal,
    double reportingAtNormal,
    double savings,
    double savingsFraction,
    double confidence,
    double halfWidth,
    double low,
    double high,
    boolean uncertaintyDefined,
    String uncertaintyNote,
    String methodVersion) {

  /** Without uncertainty (flagged): the point values only. */
  public static NormalisedSavings of(
      BaselineFit baseline, BaselineFit reportingModel, DataSet normalConditions) {
    double b = Arrays.stream(baseline.model().predict(normalConditions)).sum();
    double r = Arrays.stream(reportingModel.model().predict(normalConditions)).sum();
    return new NormalisedSavings(
        b,
        r,
        b - r,
        (b - r) / b,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false,
        "not computed: pass both periods' data to withUncertainty",
        MethodVersion.CURRENT);
  }

  /**
   * With uncertainty at {@code confidence} where defined.
   *
   * @param baselineData the data {@code baseline} was fitted on
   * @param reportingData the data {@code reportingModel} was fitted on
   */
  public static NormalisedSavings withUncertainty(
      BaselineFit baseline,
      DataSet baselineData,
      BaselineFit reportingModel,
      DataSet reportingData,
      DataSet normalConditions,
      double confidence) {
    NormalisedSavings point = of(baseline, reportingModel, normalConditions);
    ModelForm form = baseline.model().form();
    if (form != reportingModel.model().form()) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "normalised savings need two models of one form, got "
              + form.label()
              + " and "
              + reportingModel.model().form().label());
    }
    if (form.isChangePoint()) {
      return point.withoutUncertainty(
          confidence,
          "not defined for change-point models: the grid-searched balance points carry no"
              + " variance in this method");
    }
    check(baseline, baselineData, "baseline");
    check(reportingModel, reportingData, "reporting");
    double varB = predictionVariance(baseline, baselineData, normalConditions);
    double varR = predictionVariance(reportingModel, reportingData, normalConditions);
    FitStatistics sb = baseline.statistics();
    FitStatistics sr = reportingModel.statistics();
    int df = Math.min(sb.n() - sb.p(), sr.n() - sr.p());
    double half = SavingsUncertainty.t(confidence, df) * Math.sqrt(varB + varR);
    if (!Double.isFinite(half)) {
      return point.withoutUncertainty(
          confidence, "not defined: a model has no effective points (autocorrelation >= 1)");
    }
    return new NormalisedSavings(
        point.baselineAtNormal,
        point.reportingAtNormal,
        point.savings,
        point.savingsFraction,
        confidence,
        half,
        point.savings - half,
        point.savings + half,
        true,
        "t(df = " + df + ") * sqrt(Var_baseline + Var_reporting), each inflated by n/n'",
        MethodVersion.CURRENT);
  }

  private NormalisedSavings withoutUncertainty(double confidence, String note) {
    return new NormalisedSavings(
        baselineAtNormal,
        reportingAtNormal,
        savings,
        savingsFraction,
        confidence,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false,
        note,
        methodVersion);
  }

  private static void check(BaselineFit fit, DataSet data, String what) {
    if (data.size() != fit.statistics().n()) {
      throw new AnalyticsException(
          Code.INVALID_INPUT,
          "the "
              + what
              + " model was fitted on "
              + fit.statistics().n()
              + " points, the data given has "
              + data.size());
    }
  }

  /** Var(Σ ŷ at the normal conditions) · n/n′. */
  private static double predictionVariance(BaselineFit fit, DataSet data, DataSet normal) {
    BaselineModel model = fit.model();
    FitStatistics s = fit.statistics();
    double[] g = summedDesign(model, normal);
    double variance;
    if (model.form() == ModelForm.RATIO) {
      // the ratio estimator's own standard error (docs/mv-method.md): Var = (ΣP₀·SE(SEC))²
      double se = model.coefficients().get(0).stdError();
      variance = g[0] * g[0] * se * se;
    } else {
      int k = g.length;
      double[][] xtx = new double[k][k];
      for (Observation row : data.rows()) {
        double[] x = designRow(model, data, row);
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            xtx[i][j] += x[i] * x[j];
          }
        }
      }
      RealMatrix inverse =
          new LUDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver().getInverse();
      double quadratic = 0;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          quadratic += g[i] * inverse.getEntry(i, j) * g[j];
        }
      }
      variance = s.rmse() * s.rmse() * quadratic;
    }
    double nEff = s.nEffective();
    return nEff > 0 ? variance * s.n() / nEff : Double.NaN;
  }

  private static double[] summedDesign(BaselineModel model, DataSet data) {
    double[] g = new double[model.coefficients().size()];
    for (Observation row : data.rows()) {
      double[] x = designRow(model, data, row);
      for (int i = 0; i < g.length; i++) {
        g[i] += x[i];
      }
    }
    return g;
  }

  private static double[] designRow(BaselineModel model, DataSet layout, Observation row) {
    List<Term> terms = model.terms();
    int offset = model.intercept() ? 1 : 0;
    double[] x = new double[terms.size() + offset];
    if (model.intercept()) {
      x[0] = 1;
    }
    for (int j = 0; j < terms.size(); j++) {
      Term t = terms.get(j);
      x[j + offset] = t.evaluate(row.value(layout.indexOf(t.variable())));
    }
    return x;
  }
}
