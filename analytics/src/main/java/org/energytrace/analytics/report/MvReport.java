package org.energytrace.analytics.report;

import static org.energytrace.analytics.json.Json.finiteOrNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.Coefficient;
import org.energytrace.analytics.baseline.FitStatistics;
import org.energytrace.analytics.baseline.Validity;
import org.energytrace.analytics.baseline.ValidityCheck;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.savings.AdjustedSavings;
import org.energytrace.analytics.savings.AdjustmentsJson;
import org.energytrace.analytics.savings.AppliedAdjustment;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.analytics.savings.Verifiability;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.Emission;
import org.energytrace.analytics.units.EmissionFactors;

/**
 * An M&amp;V result: the baseline fit, the routine reporting-period savings and, when non-routine
 * adjustments were given, the adjusted savings ({@code adjusted}, null otherwise). {@link #tree()}
 * gives the documented JSON structure (docs/mv-method.md, "Output") as ordered maps, lists,
 * strings, numbers and nulls; any JSON writer serialises it byte-identically for the same inputs.
 */
public record MvReport(BaselineFit baseline, SavingsResult reporting, AdjustedSavings adjusted) {

  /** The label of the statistics reported under {@code fit}. */
  public static final String FIT_CONVENTION =
      "ASHRAE Guideline 14: CV(RMSE) and NMBE over n-p, residual y-yhat, R2 = 1-SSres/SStot";

  /** The label of the statistics reported under {@code fit.eemeter}. */
  public static final String EEMETER_CONVENTION =
      "eemeter 4.x: CV(RMSE) over n (cv_rmse_adjusted over n-p), NMBE = sum(y-yhat)/(n*ybar)"
          + " (observed - predicted; eemeter <= 3.x used yhat-y), R2 = squared Pearson correlation";

  /**
   * What happens to a reporting period without data (CalTRACK 2.0 §3.5.4.1: avoided energy is not
   * calculated when consumption is missing).
   */
  public static final String MISSING_HANDLING =
      "excluded: savings, adjusted baseline and actual cover only the m periods with data; nothing"
          + " is estimated for the missing ones";

  public MvReport {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(reporting, "reporting");
  }

  /** Without non-routine adjustments. */
  public MvReport(BaselineFit baseline, SavingsResult reporting) {
    this(baseline, reporting, null);
  }

  /** The one verifiability rule (issue 15): of the total saving when adjusted. */
  public Verifiability verifiability() {
    return adjusted != null ? adjusted.verifiability() : Verifiability.ofSavings(reporting);
  }

  /** Progress to a target: on the adjusted total when there are adjustments, else routine. */
  public TargetProgress progress(ProgrammeTarget target) {
    return adjusted != null
        ? TargetProgress.assess(adjusted, target)
        : TargetProgress.assess(reporting, target);
  }

  /** The last day of the reporting period. */
  public LocalDate lastReportingDay() {
    return reporting.periods().get(reporting.m() - 1).period().toLocalDate();
  }

  /**
   * Tonnes CO2 of the savings (the adjusted total when there are adjustments) and of its interval
   * bounds ({@code [savings, low, high]}), the energy being {@code carrier} in {@code unit} with
   * the factors valid on {@code on}.
   *
   * @throws org.energytrace.analytics.AnalyticsException when a factor is missing
   */
  public Emission[] co2(
      String carrier, String unit, LocalDate on, ConversionTable energy, EmissionFactors factors) {
    double[] amounts =
        adjusted != null
            ? new double[] {
              adjusted.savings(), adjusted.uncertainty().low(), adjusted.uncertainty().high()
            }
            : new double[] {
              reporting.savings(), reporting.uncertainty().low(), reporting.uncertainty().high()
            };
    Emission[] out = new Emission[amounts.length];
    for (int i = 0; i < amounts.length; i++) {
      out[i] = factors.of(carrier, unit, amounts[i], on, on, energy);
    }
    return out;
  }

  public String methodVersion() {
    return MethodVersion.CURRENT;
  }

  public Map<String, Object> tree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", model());
    root.put("fit", fit());
    root.put("reporting", reportingTree());
    root.put("validity", validity(reporting.validity()));
    root.put("verifiability", verifiability().tree());
    Map<String, Object> coverage = new LinkedHashMap<>();
    Map<String, Object> baselineCoverage = coverage(baseline.coverage());
    // CalTRACK 2.0 values to review (zero, negative, > median + 3·IQR): reported, kept as data
    baselineCoverage.put("review", baseline.review().tree());
    coverage.put("baseline", baselineCoverage);
    coverage.put("reporting", coverage(reporting.coverage()));
    root.put("coverage", coverage);
    if (adjusted != null) {
      root.put("non_routine", nonRoutine(adjusted));
    }
    root.put("method_version", methodVersion());
    return root;
  }

  private Map<String, Object> model() {
    Map<String, Object> model = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, Object> pValues = new LinkedHashMap<>();
    for (Coefficient c : baseline.model().coefficients()) {
      values.put(c.name(), finiteOrNull(c.value()));
      errors.put(c.name(), finiteOrNull(c.stdError()));
      pValues.put(c.name(), finiteOrNull(c.pValue()));
    }
    Map<String, Object> balancePoints = new LinkedHashMap<>();
    baseline.model().terms().stream()
        .filter(t -> !Double.isNaN(t.balancePoint()))
        .forEach(t -> balancePoints.put(t.name(), finiteOrNull(t.balancePoint())));
    model.put("form", baseline.model().form().label());
    model.put("choice", baseline.choice());
    model.put("coefficients", values);
    model.put("std_errors", errors);
    model.put("p_values", pValues);
    model.put("balance_points", balancePoints);
    return model;
  }

  private Map<String, Object> fit() {
    FitStatistics s = baseline.statistics();
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("convention", FIT_CONVENTION);
    fit.put("n", s.n());
    fit.put("p", s.p());
    fit.put("r2", finiteOrNull(s.r2()));
    fit.put("adj_r2", finiteOrNull(s.adjR2()));
    fit.put("cv_rmse", finiteOrNull(s.cvRmse()));
    fit.put("nmbe", finiteOrNull(s.nmbe()));
    fit.put("f_p_value", finiteOrNull(s.fPValue()));
    fit.put("autocorrelation", finiteOrNull(s.autocorrelation()));
    fit.put("n_effective", finiteOrNull(s.nEffective()));
    Map<String, Object> eemeter = new LinkedHashMap<>();
    eemeter.put("convention", EEMETER_CONVENTION);
    eemeter.put("cv_rmse", finiteOrNull(s.eemeter().cvRmse()));
    eemeter.put("cv_rmse_adjusted", finiteOrNull(s.eemeter().cvRmseAdjusted()));
    eemeter.put("nmbe", finiteOrNull(s.eemeter().nmbe()));
    eemeter.put("r2", finiteOrNull(s.eemeter().r2()));
    fit.put("eemeter", eemeter);
    return fit;
  }

  private Map<String, Object> reportingTree() {
    SavingsResult r = reporting;
    Map<String, Object> rep = new LinkedHashMap<>();
    rep.put("m", r.m());
    // missing reporting periods are excluded, explicitly: no savings are claimed for them
    rep.put("expected", r.coverage().expected());
    rep.put("missing", r.coverage().expected() - r.coverage().present());
    rep.put("missing_handling", MISSING_HANDLING);
    rep.put("actual", finiteOrNull(r.actual()));
    rep.put("adjusted_baseline", finiteOrNull(r.adjustedBaseline()));
    rep.put("savings", finiteOrNull(r.savings()));
    rep.put("savings_fraction", finiteOrNull(r.savingsFraction()));
    rep.put("savings_per_unit", finiteOrNull(r.savingsPerUnit()));
    rep.put("fsu", finiteOrNull(r.uncertainty().fsu()));
    rep.put("confidence", finiteOrNull(r.uncertainty().confidence()));
    rep.put("alpha", finiteOrNull(r.uncertainty().alpha()));
    rep.put("t", finiteOrNull(r.uncertainty().t()));
    rep.put("savings_low", finiteOrNull(r.uncertainty().low()));
    rep.put("savings_high", finiteOrNull(r.uncertainty().high()));
    rep.put("extrapolation", r.extrapolation().tree());
    return rep;
  }

  /** The documented {@code non_routine} object (docs/mv-method.md, "Output"). */
  public static Map<String, Object> nonRoutine(AdjustedSavings a) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> applied = new ArrayList<>();
    for (AppliedAdjustment x : a.applied()) {
      Map<String, Object> e = new LinkedHashMap<>(AdjustmentsJson.tree(x.adjustment()));
      e.put("points", x.points());
      e.put("amount", finiteOrNull(x.amount()));
      e.put("half_width", finiteOrNull(x.halfWidth()));
      e.put("coefficient_used", finiteOrNull(x.coefficient()));
      e.put("coefficient_std_error", finiteOrNull(x.coefficientStdError()));
      e.put("uncertainty", x.uncertaintyNote());
      applied.add(e);
    }
    List<Object> notApplied =
        Json.objects(
            a.notApplied(),
            (AdjustedSavings.NotApplied x, Map<String, Object> e) -> {
              e.put("id", x.adjustment().id());
              e.put("status", NonRoutineAdjustment.name(x.adjustment().status()));
              e.put("reason", x.reason());
            });
    m.put("applied", applied);
    m.put("not_applied", notApplied);
    m.put("routine_savings", finiteOrNull(a.routine().savings()));
    m.put("non_routine_total", finiteOrNull(a.nonRoutine()));
    m.put("adjusted_baseline", finiteOrNull(a.adjustedBaseline()));
    m.put("actual", finiteOrNull(a.actual()));
    m.put("savings", finiteOrNull(a.savings()));
    m.put("savings_fraction", finiteOrNull(a.savingsFraction()));
    m.put("fsu", finiteOrNull(a.uncertainty().fsu()));
    m.put("confidence", finiteOrNull(a.uncertainty().confidence()));
    m.put("savings_low", finiteOrNull(a.uncertainty().low()));
    m.put("savings_high", finiteOrNull(a.uncertainty().high()));
    return m;
  }

  static Map<String, Object> validity(Validity v) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (ValidityCheck c : v.checks()) {
      tree.put(c.flag(), c.passed());
    }
    tree.put("valid", v.valid());
    tree.put("messages", new ArrayList<>(v.failures()));
    return tree;
  }

  static Map<String, Object> coverage(Coverage c) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("first", c.first() == null ? null : c.first().toString());
    tree.put("last", c.last() == null ? null : c.last().toString());
    tree.put("expected", c.expected());
    tree.put("present", c.present());
    tree.put("fraction", finiteOrNull(c.fraction()));
    List<String> missing = c.missing().stream().map(Object::toString).toList();
    tree.put("missing", new ArrayList<>(missing));
    return tree;
  }
}
