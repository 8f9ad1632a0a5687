package org.energytrace.analytics.report;

import static org.energytrace.analytics.report.TextLines.line;
import static org.energytrace.analytics.report.TextLines.notes;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.energytrace.analytics.report.ProgrammeIndicators.Indicators;
import org.energytrace.analytics.report.ProgrammeIndicators.KeyUser;
import org.energytrace.analytics.report.ProgrammeIndicators.Savings;
import org.energytrace.analytics.report.ProgrammeIndicators.Totals;
import org.energytrace.analytics.units.Figures;

/** A plain-text rendering of {@link ProgrammeIndicators} (lines end with \n on every OS). */
public final class ProgrammeIndicatorsText {

  private ProgrammeIndicatorsText() {}

  public static String render(ProgrammeIndicators r) {
    StringBuilder b = new StringBuilder();
    line(
        b,
        "Cleaner-production programme indicators: %s as of %s%s%s",
        r.province(),
        r.asOf(),
        r.period() == null ? "" : ", savings of " + r.period().label(),
        scope(r.scope()));
    line(
        b,
        "Method %s; saving bands by the lower bound at %.0f %% confidence",
        r.methodVersion(),
        100 * r.confidence());
    line(b, "");
    indicators(b, r.indicators());
    line(b, "");
    totals(b, "Energy saved, verified", r.verified());
    totals(b, "Energy saved, indicative (not verified)", r.indicative());
    line(b, "");
    var k = r.keyEnergyUsers();
    line(
        b,
        "Key energy users %d (>= %.0f %s, %s)",
        k.year(),
        k.threshold().threshold(),
        k.threshold().unit(),
        k.threshold().source());
    for (KeyUser u : k.list()) {
      line(
          b,
          "  %-12s %12s TOE  %s",
          u.id(),
          Double.isNaN(u.toe()) ? "n/a" : fmt(u.toe()),
          u.note());
    }
    line(b, "");
    line(b, "By district");
    r.byDistrict().forEach(g -> group(b, g));
    line(b, "By VSIC sector");
    r.bySector().forEach(g -> group(b, g));
    notes(b, r.notes());
    return b.toString();
  }

  private static void indicators(StringBuilder b, Indicators i) {
    line(b, "Indicators (%d facilities)", i.facilities());
    figure(b, "aware of CP", i.aware());
    figure(b, "applying CP (of potential)", i.applying());
    savings(b, "verified", i.savingLowVerified());
    savings(b, "verified", i.savingHighVerified());
    savings(b, "indicative", i.savingLowIndicative());
    savings(b, "indicative", i.savingHighIndicative());
    figure(b, "CP officers trained", i.officersTrained());
  }

  private static void savings(StringBuilder b, String status, Savings s) {
    String label = "saving >= " + pct(s.any().target()) + " " + status;
    figure(b, label, s.any());
    for (Map.Entry<String, Figure> e : s.byResource().entrySet()) {
      figure(b, "  " + e.getKey(), e.getValue());
    }
  }

  private static void figure(StringBuilder b, String label, Figure f) {
    line(
        b,
        "  %-34s %3d / %-3d %8s  target %s%s  %s",
        label,
        f.numerator(),
        f.denominator(),
        Double.isNaN(f.share()) ? "n/a" : pct(f.share()),
        Double.isNaN(f.target()) ? "-" : pct(f.target()),
        f.targetReached() == null ? "" : f.targetReached() ? " (reached)" : " (not reached)",
        f.facilities());
  }

  private static void totals(StringBuilder b, String title, Totals t) {
    line(
        b,
        "%s: %s kWh final, %s TOE, %s t CO2%s%s; money %s; other %s; facilities %s",
        title,
        fmt(t.kwhFinal()),
        fmt(t.toe()),
        fmt(t.co2Tonnes()),
        t.gridFactors().isEmpty()
            ? ""
            : t.gridFactors().stream()
                .map(f -> f.version() + " " + f.factor() + " t/MWh")
                .collect(Collectors.joining(", ", " (grid factor ", ")")),
        t.complete() ? "" : " (incomplete: " + String.join("; ", t.missingFactors()) + ")",
        t.money(),
        t.otherResources(),
        t.facilities());
  }

  private static void group(StringBuilder b, ProgrammeIndicators.Group g) {
    Indicators i = g.indicators();
    line(
        b,
        "  %-16s aware %d/%d, applying %d/%d, >= %s verified %d/%d, officers %d/%d, %s TOE",
        g.key().isEmpty() ? "(none)" : g.key(),
        i.aware().numerator(),
        i.aware().denominator(),
        i.applying().numerator(),
        i.applying().denominator(),
        pct(i.savingLowVerified().any().target()),
        i.savingLowVerified().any().numerator(),
        i.savingLowVerified().any().denominator(),
        i.officersTrained().numerator(),
        i.officersTrained().denominator(),
        fmt(g.verified().toe()));
  }

  private static String scope(ProgrammeScope s) {
    StringBuilder b = new StringBuilder();
    if (s.district() != null) {
      b.append(", district ").append(s.district());
    }
    if (s.sector() != null) {
      b.append(", VSIC ").append(s.sector());
    }
    if (s.industrialPark() != null) {
      b.append(", park ").append(s.industrialPark());
    }
    return b.toString();
  }

  private static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * f);
  }

  private static String fmt(double v) {
    return Figures.significant(v);
  }
}
