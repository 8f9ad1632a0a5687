package org.energytrace.analytics.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;

/** Fits the baseline models: ratio (SEC), OLS, and change-point 3P/4P/5P by grid search. */
public final class BaselineFitter {

  /** Balance-point candidates: at most this many quantiles of the temperature, 10 %–90 %. */
  static final int GRID_POINTS = 40;

  private BaselineFitter() {}

  /** E = a + Σ bᵢ·xᵢ, one coefficient per variable (one per product, optional CDD). */
  public static BaselineFit ols(DataSet baseline, List<String> variables) {
    List<Term> terms = variables.stream().map(Term::linear).toList();
    return fit(baseline, ModelForm.OLS, terms, 0, "requested: ols");
  }

  /**
   * E = SEC × P with SEC = ΣE / ΣP. Judged against the regression E = a + b·P: the ratio model is
   * flagged invalid when that regression's intercept is significant (p &lt; 0.10).
   */
  public static BaselineFit ratio(DataSet baseline, String production) {
    Granularity granularity = granularity(baseline);
    double[] y = baseline.energy();
    double[] x = baseline.column(production);
    int n = y.length;
    int p = 1;
    requirePoints(n, p, "ratio model");
    double sumY = Arrays.stream(y).sum();
    double sumX = Arrays.stream(x).sum();
    if (!(sumX > 0)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "ratio model: total '" + production + "' over the baseline is 0");
    }
    double sec = sumY / sumX;
    double[] fitted = Arrays.stream(x).map(v -> sec * v).toArray();
    double ssRes = 0;
    for (int i = 0; i < n; i++) {
      ssRes += (y[i] - fitted[i]) * (y[i] - fitted[i]);
    }
    // ratio estimator: Var(R̂) ≈ s² / (n·x̄²) with s² = Σ(y − R̂x)² / (n − 1)
    double se = Math.sqrt(ssRes / (n - p)) / (Math.sqrt(n) * (sumX / n));
    Coefficient secCoefficient = new Coefficient(production, sec, se, pValue(sec, se, n - p));
    BaselineModel model =
        new BaselineModel(
            ModelForm.RATIO, false, List.of(Term.linear(production)), List.of(secCoefficient), 0);

    BaselineFit regression = null;
    String regressionError = null;
    try {
      regression = ols(baseline, List.of(production));
    } catch (AnalyticsException e) {
      regressionError = e.getMessage();
    }
    double fPValue = regression == null ? Double.NaN : regression.statistics().fPValue();
    double f = regression == null ? Double.NaN : regression.statistics().fStatistic();
    FitStatistics stats = statistics(y, fitted, p, f, fPValue);
    Validity validity = ValidityRules.model(model, stats, baseline, granularity);
    validity = validity.with(ValidityRules.ratioIntercept(regression, regressionError));
    if (regression == null) {
      validity = validity.with(ValidityRules.ratioFTest(regressionError));
    }
    return baselineFit(baseline, granularity, y, model, stats, validity, "requested: ratio");
  }

  /**
   * A change-point model on {@code temperature} (plus linear terms), balance points by grid search
   * minimising Σ(y − ŷ)² over the balance points whose slopes have their physical sign ({@link
   * WeatherSlopes}); grid-searched balance points count in p.
   *
   * @throws AnalyticsException {@code SINGULAR_MODEL} when no balance point gives a non-singular
   *     model or none gives physically signed slopes (the message says which slope and why)
   */
  public static BaselineFit changePoint(
      DataSet baseline, ModelForm form, String temperature, List<String> linear) {
    ChangePointSearch search = searchChangePoint(baseline, form, temperature, linear);
    return search
        .fit()
        .map(f -> search.note().isEmpty() ? f : f.withChoice(f.choice() + "; " + search.note()))
        .orElseThrow(() -> new AnalyticsException(Code.SINGULAR_MODEL, search.note()));
  }

  /**
   * The grid search of one change-point form. CalTRACK 2.0 §3.4.3.2 qualifies a candidate only when
   * no slope is negative, so a balance point whose heating or cooling slope comes out negative (a
   * bent heating curve read as "cooling", say) is not a candidate; when no balance point qualifies
   * the form is rejected with the reason, quoting the best unconstrained fit.
   */
  public static ChangePointSearch searchChangePoint(
      DataSet baseline, ModelForm form, String temperature, List<String> linear) {
    if (!form.isChangePoint()) {
      throw new IllegalArgumentException(form + " is not a change-point form");
    }
    double[] t = baseline.column(temperature);
    double[] grid = grid(t);
    List<Term> best = null;
    double bestSs = Double.POSITIVE_INFINITY;
    List<Term> bestAny = null;
    double bestAnySs = Double.POSITIVE_INFINITY;
    for (int i = 0; i < grid.length; i++) {
      int jFrom = form == ModelForm.CHANGE_POINT_5P ? i + 1 : i;
      int jTo = form == ModelForm.CHANGE_POINT_5P ? grid.length : i + 1;
      for (int j = jFrom; j < jTo; j++) {
        List<Term> terms = changePointTerms(form, temperature, grid[i], grid[j], linear);
        LeastSquares.Solution s;
        try {
          s = LeastSquares.solve(design(baseline, terms, true), baseline.energy(), "grid");
        } catch (AnalyticsException e) {
          continue; // a hinge that is zero everywhere: not a candidate
        }
        if (s.ssRes() < bestAnySs) {
          bestAnySs = s.ssRes();
          bestAny = terms;
        }
        if (s.ssRes() < bestSs && WeatherSlopes.violations(terms, s.beta(), true).isEmpty()) {
          bestSs = s.ssRes();
          best = terms;
        }
      }
    }
    if (bestAny == null) {
      throw new AnalyticsException(
          Code.SINGULAR_MODEL,
          form.label() + ": no balance point gives a non-singular model over the baseline");
    }
    int balancePoints = form == ModelForm.CHANGE_POINT_5P ? 2 : 1;
    String refused = "";
    if (bestAny != best) {
      BaselineFit unconstrained = fit(baseline, form, bestAny, balancePoints, "unconstrained");
      refused =
          fmt(
              "its best fit (balance point %s) has %s",
              balancePoints(bestAny), String.join("; ", signViolations(unconstrained)));
    }
    if (best == null) {
      return new ChangePointSearch(
          form,
          java.util.Optional.empty(),
          form.label()
              + " rejected: no balance point gives physically signed slopes (CalTRACK 2.0"
              + " §3.4.3.2); "
              + refused);
    }
    BaselineFit fit = fit(baseline, form, best, balancePoints, "requested: " + form.label());
    return new ChangePointSearch(
        form,
        java.util.Optional.of(fit),
        refused.isEmpty()
            ? ""
            : form.label()
                + ": "
                + refused
                + fmt(", so the best sign-valid balance point (%s) is used", balancePoints(best)));
  }

  /** The sign violations of a fit, each with its p-value. */
  private static List<String> signViolations(BaselineFit fit) {
    BaselineModel m = fit.model();
    double[] values = m.coefficients().stream().mapToDouble(Coefficient::value).toArray();
    List<String> out = new ArrayList<>();
    for (String v : WeatherSlopes.violations(m.terms(), values, m.intercept())) {
      String name = v.substring(0, v.indexOf(' '));
      out.add(fmt("%s, p = %.2g", v, fit.coefficient(name).pValue()));
    }
    return out;
  }

  private static String balancePoints(List<Term> terms) {
    return String.join(
        " and ",
        terms.stream()
            .filter(x -> x.shape() != Term.Shape.LINEAR)
            .map(Term::balancePoint)
            .distinct()
            .map(b -> fmt("%.4g", b))
            .toList());
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  static List<Term> changePointTerms(
      ModelForm form, String temperature, double low, double high, List<String> linear) {
    List<Term> terms = new ArrayList<>();
    switch (form) {
      case CHANGE_POINT_3P_COOLING ->
          terms.add(new Term("cooling_slope", temperature, Term.Shape.ABOVE, low));
      case CHANGE_POINT_3P_HEATING ->
          terms.add(new Term("heating_slope", temperature, Term.Shape.BELOW, low));
      case CHANGE_POINT_4P -> {
        terms.add(new Term("heating_slope", temperature, Term.Shape.BELOW, low));
        terms.add(new Term("cooling_slope", temperature, Term.Shape.ABOVE, low));
      }
      case CHANGE_POINT_5P -> {
        terms.add(new Term("heating_slope", temperature, Term.Shape.BELOW, low));
        terms.add(new Term("cooling_slope", temperature, Term.Shape.ABOVE, high));
      }
      default -> throw new IllegalArgumentException(form.toString());
    }
    linear.forEach(v -> terms.add(Term.linear(v)));
    return terms;
  }

  static double[] grid(double[] temperature) {
    double[] sorted = temperature.clone();
    Arrays.sort(sorted);
    int lo = (int) Math.floor(0.10 * (sorted.length - 1));
    int hi = (int) Math.ceil(0.90 * (sorted.length - 1));
    int count = Math.min(GRID_POINTS, hi - lo + 1);
    double[] grid = new double[count];
    for (int g = 0; g < count; g++) {
      int idx = count == 1 ? lo : lo + (int) Math.round((double) g * (hi - lo) / (count - 1));
      grid[g] = sorted[idx];
    }
    return Arrays.stream(grid).distinct().toArray();
  }

  static BaselineFit fit(
      DataSet baseline, ModelForm form, List<Term> terms, int balancePoints, String reason) {
    Granularity granularity = granularity(baseline);
    double[] y = baseline.energy();
    int n = y.length;
    int k = terms.size() + 1;
    int p = k + balancePoints;
    requirePoints(n, p, form.label() + " model");
    LeastSquares.Solution s = LeastSquares.solve(design(baseline, terms, true), y, form.label());
    double s2 = s.ssRes() / (n - p);
    List<Coefficient> coefficients = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      double se = Math.sqrt(s2 * s.xtxInverse().getEntry(j, j));
      String name = j == 0 ? BaselineModel.INTERCEPT : terms.get(j - 1).name();
      coefficients.add(new Coefficient(name, s.beta()[j], se, pValue(s.beta()[j], se, n - p)));
    }
    double mean = Metrics.mean(y);
    double ssTot = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
    double f = Double.NaN;
    double fP = Double.NaN;
    if (p > 1) {
      // overall F-test of the regression: F = (SSreg/(p − 1)) / (SSres/(n − p))
      f = ((ssTot - s.ssRes()) / (p - 1)) / s2;
      fP =
          s2 == 0
              ? 0.0
              : 1.0 - new FDistribution(null, p - 1, n - p, 1e-14).cumulativeProbability(f);
    }
    BaselineModel model = new BaselineModel(form, true, terms, coefficients, balancePoints);
    FitStatistics stats = statistics(y, s.fitted(), p, f, fP);
    return baselineFit(
        baseline,
        granularity,
        y,
        model,
        stats,
        ValidityRules.model(model, stats, baseline, granularity),
        reason);
  }

  /**
   * {@code model} fitted to {@code baseline} (energy {@code y}): the ranges of its variables, the
   * coverage and the values to review are taken from the baseline data.
   */
  private static BaselineFit baselineFit(
      DataSet baseline,
      Granularity granularity,
      double[] y,
      BaselineModel model,
      FitStatistics stats,
      Validity validity,
      String choice) {
    return new BaselineFit(
        model,
        stats,
        validity,
        ranges(baseline, model),
        granularity,
        baseline.coverage(granularity),
        DataReview.of(y),
        choice,
        MethodVersion.CURRENT);
  }

  static FitStatistics statistics(double[] y, double[] fitted, int p, double f, double fP) {
    int n = y.length;
    Metrics.Guideline14 g = Metrics.guideline14(y, fitted, p);
    double[] residuals = new double[n];
    double ssRes = 0;
    for (int i = 0; i < n; i++) {
      residuals[i] = y[i] - fitted[i];
      ssRes += residuals[i] * residuals[i];
    }
    double rho = Metrics.lag1Autocorrelation(residuals);
    return new FitStatistics(
        n,
        p,
        Metrics.mean(y),
        Math.sqrt(ssRes / (n - p)),
        g.r2(),
        g.adjR2(),
        g.cvRmse(),
        g.nmbe(),
        f,
        fP,
        rho,
        Metrics.effectiveN(n, rho),
        Metrics.eemeter(y, fitted, p));
  }

  static double[][] design(DataSet data, List<Term> terms, boolean intercept) {
    int offset = intercept ? 1 : 0;
    int[] index = terms.stream().mapToInt(t -> data.indexOf(t.variable())).toArray();
    double[][] x = new double[data.size()][terms.size() + offset];
    for (int i = 0; i < data.size(); i++) {
      Observation row = data.rows().get(i);
      if (intercept) {
        x[i][0] = 1.0;
      }
      for (int j = 0; j < terms.size(); j++) {
        x[i][j + offset] = terms.get(j).evaluate(row.value(index[j]));
      }
    }
    return x;
  }

  static double pValue(double value, double se, int df) {
    if (se == 0) {
      return value == 0 ? 1.0 : 0.0;
    }
    double t = Math.abs(value / se);
    return 2.0 * (1.0 - new TDistribution(null, df, 1e-14).cumulativeProbability(t));
  }

  static List<VariableRange> ranges(DataSet data, BaselineModel model) {
    return model.variables().stream()
        .map(
            v -> {
              double[] c = data.column(v);
              return new VariableRange(
                  v, Arrays.stream(c).min().orElseThrow(), Arrays.stream(c).max().orElseThrow());
            })
        .toList();
  }

  static Granularity granularity(DataSet baseline) {
    return baseline
        .granularity()
        .orElseThrow(
            () ->
                new AnalyticsException(
                    Code.INSUFFICIENT_DATA,
                    "the baseline needs at least two periods, it has " + baseline.size()));
  }

  private static void requirePoints(int n, int p, String what) {
    if (n <= p) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA,
          String.format(
              Locale.ROOT,
              "%s: %d baseline points for %d parameters; at least %d are needed",
              what,
              n,
              p,
              p + 1));
    }
  }
}
