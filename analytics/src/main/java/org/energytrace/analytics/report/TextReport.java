package org.energytrace.analytics.report;

import static org.energytrace.analytics.report.TextLines.line;

import java.util.Locale;
import org.energytrace.analytics.baseline.Coefficient;
import org.energytrace.analytics.baseline.FitStatistics;
import org.energytrace.analytics.baseline.ValidityCheck;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.analytics.savings.Uncertainty;
import org.energytrace.analytics.units.Figures;

/** A plain-text rendering of an {@link MvReport} for people (lines end with \n on every OS). */
public final class TextReport {

  private TextReport() {}

  public static String render(MvReport report) {
    StringBuilder b = new StringBuilder();
    var fit = report.baseline();
    line(b, "M&V savings report (%s)", report.methodVersion());
    line(b, "");
    line(b, "Model: %s", fit.model().form().label());
    line(b, "  choice: %s", fit.choice());
    for (Coefficient c : fit.model().coefficients()) {
      line(b, "  %-20s %14.6g  SE %12.6g  p %.4g", c.name(), c.value(), c.stdError(), c.pValue());
    }
    FitStatistics s = fit.statistics();
    line(b, "");
    line(b, "Fit (%s)", MvReport.FIT_CONVENTION);
    line(b, "  n %d, p %d, R2 %.4f, adjusted R2 %.4f", s.n(), s.p(), s.r2(), s.adjR2());
    line(b, "  CV(RMSE) %.4f, NMBE %.4f, F-test p %.4g", s.cvRmse(), s.nmbe(), s.fPValue());
    line(b, "  lag-1 autocorrelation %.4f, effective n %.1f", s.autocorrelation(), s.nEffective());
    line(
        b,
        "  eemeter 4.x convention: CV(RMSE) %.4f, NMBE %.4f, R2 %.4f",
        s.eemeter().cvRmse(),
        s.eemeter().nmbe(),
        s.eemeter().r2());
    SavingsResult r = report.reporting();
    Uncertainty u = r.uncertainty();
    line(b, "");
    int missing = r.coverage().expected() - r.coverage().present();
    line(
        b,
        "Reporting period: %d points%s",
        r.m(),
        missing == 0
            ? ""
            : String.format(
                Locale.ROOT,
                " of %d (%d missing, excluded: no savings are claimed for them)",
                r.coverage().expected(),
                missing));
    line(b, "  actual             %16s", sig(r.actual()));
    line(b, "  adjusted baseline  %16s", sig(r.adjustedBaseline()));
    line(b, "  savings            %16s  (%.2f %%)", sig(r.savings()), 100 * r.savingsFraction());
    line(
        b,
        "  %.0f %% interval     [%s, %s], FSU %.4g (alpha %.4f, t %.4f)",
        100 * u.confidence(),
        sig(u.low()),
        sig(u.high()),
        u.fsu(),
        u.alpha(),
        u.t());
    var extrapolation = r.extrapolation();
    if (extrapolation.pointsOutside() > 0) {
      line(
          b,
          "  extrapolated       %d of %d points (%.1f %%), %.1f %% of the adjusted baseline,"
              + " savings %s (at most %.0f %% of the adjusted baseline allowed)",
          extrapolation.pointsOutside(),
          extrapolation.points(),
          100 * extrapolation.shareOfPoints(),
          100 * extrapolation.shareOfAdjustedBaseline(),
          sig(extrapolation.savingsOutside()),
          100 * org.energytrace.analytics.savings.Extrapolation.MAX_SHARE);
    }
    line(b, "");
    line(b, "Validity: %s", r.validity().valid() ? "valid" : "NOT VALID");
    for (ValidityCheck c : r.validity().checks()) {
      line(b, "  [%s] %s: %s", c.passed() ? "pass" : "FAIL", c.flag(), c.message());
    }
    var verifiability = report.verifiability();
    line(
        b,
        "Verifiability: %s%s",
        verifiability.label(),
        verifiability.verifiable()
            ? ""
            : " (fails " + String.join(", ", verifiability.failedFlags()) + ")");
    if (report.adjusted() != null) {
      var a = report.adjusted();
      line(b, "");
      line(b, "Non-routine adjustments (IPMVP static factors)");
      for (var x : a.applied()) {
        line(
            b,
            "  [applied] %s %s %s..%s: %s +/- %s over %d points (%s)",
            x.adjustment().id(),
            x.adjustment().kind().name().toLowerCase(Locale.ROOT),
            x.adjustment().from(),
            x.adjustment().to(),
            sig(x.amount()),
            sig(x.halfWidth()),
            x.points(),
            x.uncertaintyNote());
      }
      for (var x : a.notApplied()) {
        line(b, "  [not applied] %s: %s", x.adjustment().id(), x.reason());
      }
      line(b, "  routine savings    %16s", sig(a.routine().savings()));
      line(b, "  non-routine        %16s", sig(a.nonRoutine()));
      line(b, "  adjusted baseline  %16s", sig(a.adjustedBaseline()));
      line(b, "  savings            %16s  (%.2f %%)", sig(a.savings()), 100 * a.savingsFraction());
      line(
          b,
          "  %.0f %% interval     [%s, %s], FSU %.4g",
          100 * a.uncertainty().confidence(),
          sig(a.uncertainty().low()),
          sig(a.uncertainty().high()),
          a.uncertainty().fsu());
    }
    line(b, "");
    coverage(b, "baseline", fit.coverage());
    coverage(b, "reporting", r.coverage());
    return b.toString();
  }

  private static void coverage(StringBuilder b, String name, Coverage c) {
    line(
        b,
        "Coverage %s: %d of %d periods (%.1f %%) from %s to %s; missing: %s",
        name,
        c.present(),
        c.expected(),
        100 * c.fraction(),
        c.first(),
        c.last(),
        c.missing().isEmpty() ? "none" : c.missing().toString());
  }

  /** A figure of the report: six significant digits, plain (it wrote 1.54991e+06). */
  private static String sig(double v) {
    return Figures.significant(v);
  }
}
