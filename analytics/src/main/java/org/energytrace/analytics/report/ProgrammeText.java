package org.energytrace.analytics.report;

import static org.energytrace.analytics.report.TextLines.line;
import static org.energytrace.analytics.report.TextLines.notes;

import java.util.List;
import java.util.Locale;
import org.energytrace.analytics.report.ProgrammeReport.Count;
import org.energytrace.analytics.report.ProgrammeReport.EnterpriseLine;
import org.energytrace.analytics.report.ProgrammeReport.GroupLine;
import org.energytrace.analytics.report.ProgrammeReport.KeyUserLine;
import org.energytrace.analytics.units.Figures;

/** A plain-text rendering of a {@link ProgrammeReport} (lines end with \n on every OS). */
public final class ProgrammeText {

  private ProgrammeText() {}

  public static String render(ProgrammeReport r) {
    StringBuilder b = new StringBuilder();
    line(
        b,
        "Cleaner-production programme report: %s, %s (%s to %s)",
        r.province(),
        r.period().label(),
        r.period().from(),
        r.period().to());
    line(b, "Method %s; accounting: %s", r.methodVersion(), r.accounting());
    line(b, "Confidence %.0f %%: %s", 100 * r.confidence(), r.confidenceRule());
    line(b, "Bands from: %s", r.bandsSource());
    line(b, "");
    var i = r.indicators();
    line(b, "Indicators (%d enterprises)", i.enterprises());
    count(b, "aware of CP", i.aware());
    count(b, "applying CP", i.applying());
    count(b, "with a CP unit", i.cpUnit());
    line(b, "  with a verified result       %d", i.withResult());
    i.bands().forEach((k, v) -> count(b, "saving " + k + " per unit", v));
    count(b, "below the lowest band", i.below());
    count(b, "inconclusive", i.inconclusive());
    count(b, "baseline model not valid", i.modelNotValid());
    count(b, "no result", i.noResult());
    var t = r.totals();
    line(b, "");
    line(b, "Estimated savings (%d enterprises)", t.contributing());
    line(
        b,
        "  %.3f TOE +/- %.3f (FSU %.3f), %s MWh final, %.3f MWh electricity",
        t.savedToe(),
        t.savedToeHalfWidth(),
        t.fsuToe(),
        t.mwhComplete() ? String.format(Locale.ROOT, "%.3f", t.savedMwhFinal()) : "n/a",
        t.savedElectricityMwh());
    line(
        b, "  CO2 avoided %.3f t%s", t.co2Tonnes(), t.co2Complete() ? "" : " (partial: see notes)");
    t.factorsUsed().forEach(f -> line(b, "  factor: %s", f));
    groups(b, "By VSIC sector", r.sectors());
    groups(b, "By district", r.districts());
    line(b, "");
    line(b, "Enterprises");
    for (EnterpriseLine e : r.enterprises()) {
      line(
          b,
          "  %s %s (VSIC %s, %s): %s%s, F %s [%s, %s], SEC %s -> %s %s%s",
          e.id(),
          e.name(),
          e.vsicCode(),
          e.district(),
          e.category(),
          e.band() == null ? "" : " " + e.band(),
          pct(e.fraction()),
          pct(e.fractionLow()),
          pct(e.fractionHigh()),
          num(e.baselineSec()),
          num(e.reportingSec()),
          e.secUnit() == null ? "" : e.secUnit(),
          e.norm() == null ? "" : norm(e));
    }
    line(b, "");
    var k = r.keyEnergyUsers();
    line(
        b,
        "Key energy users (>= %.0f %s, %s)",
        k.threshold().threshold(),
        k.threshold().unit(),
        k.threshold().source());
    for (KeyUserLine u : k.list()) {
      line(
          b,
          "  %s %s: %s TOE%s",
          u.id(),
          u.name(),
          num(u.annualToe()),
          u.note().isEmpty() ? "" : " (" + u.note() + ")");
    }
    notes(b, r.notes());
    return b.toString();
  }

  private static void groups(StringBuilder b, String title, List<GroupLine> groups) {
    line(b, "");
    line(b, title);
    for (GroupLine g : groups) {
      line(
          b,
          "  %-16s %d enterprises, %d applying CP, bands %s, %d inconclusive, %.3f TOE, %.3f t CO2",
          g.key().isEmpty() ? "(none)" : g.key(),
          g.enterprises(),
          g.applying(),
          g.bands(),
          g.inconclusive(),
          g.savedToe(),
          g.co2Tonnes());
    }
  }

  private static String norm(EnterpriseLine e) {
    var n = e.norm();
    if (n.withinNorm() == null) {
      return "; norm " + n.normId() + ": " + n.note();
    }
    return String.format(
        Locale.ROOT,
        "; norm %s %s %s: SEC %s (%s)",
        n.normId(),
        num(n.normValue()),
        n.normUnit(),
        num(n.sec()),
        n.withinNorm() ? "within" : "ABOVE the norm");
  }

  private static void count(StringBuilder b, String what, Count c) {
    line(b, "  %-28s %d (%s)", what, c.n(), pct(c.share()));
  }

  private static String pct(double f) {
    return Double.isFinite(f) ? String.format(Locale.ROOT, "%.1f %%", 100 * f) : "n/a";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Figures.significant(v, 4) : "n/a";
  }
}
