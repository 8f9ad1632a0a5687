package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.domain.Enterprise;
import org.energytrace.analytics.report.ProgrammeReport.Count;
import org.energytrace.analytics.report.ProgrammeReport.EnterpriseLine;
import org.energytrace.analytics.report.ProgrammeReport.GroupLine;
import org.energytrace.analytics.report.ProgrammeReport.KeyUserLine;
import org.energytrace.analytics.report.ProgrammeReport.NormLine;
import org.energytrace.analytics.report.SavingsBands.Assessment;
import org.energytrace.analytics.report.SavingsBands.Category;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.analytics.units.ConversionFactor;
import org.energytrace.analytics.units.Emission;
import org.energytrace.analytics.units.NormComparison;

/**
 * Computes a province's programme report from per-enterprise results: CP indicators, saving bands
 * at the stated confidence, energy and CO2 totals, breakdowns by VSIC sector and district, SEC
 * against sector norms and the key-energy-user list. Pure: same inputs, same report.
 */
public final class ProgrammeCalculator {

  static final double MJ_PER_MWH = 3600.0;
  static final double MJ_PER_KWH = 3.6;

  private ProgrammeCalculator() {}

  /** One enterprise's converted savings. */
  private record Saved(
      double toe, double toeHalfWidth, double mwhFinal, double electricityMwh, double co2) {}

  /**
   * The programme indicators as of {@code input.asOf()} for the facilities in {@code scope} (issue
   * 16): shares with numerator, denominator, target and the facilities behind them (aware; applying
   * among those with CP potential; saving ≥ 8 % and ≥ 13 % per unit of product per resource and for
   * any resource, verified and indicative apart; CP officers trained), verified energy saved in
   * kWh, TOE and t CO2 with money, key energy users of the previous year, and the same by district
   * and by VSIC sector. The API and {@code analytics programme} both call this.
   */
  public static ProgrammeIndicators indicators(
      ProgrammeInput input, ProgrammeScope scope, ProgrammeData data) {
    return IndicatorCalculator.compute(input, scope, data);
  }

  public static ProgrammeReport compute(
      ProgrammeRequest request, List<EnterpriseResult> results, ProgrammeData data) {
    ReportPeriod period = request.period();
    Set<String> ids = new HashSet<>();
    for (EnterpriseResult r : results) {
      if (!ids.add(r.enterprise().id())) {
        throw new AnalyticsException(
            Code.INVALID_INPUT, "enterprise " + r.enterprise().id() + " appears twice");
      }
      VerifiedSaving s = r.saving();
      if (s != null && s.confidence() != request.confidence()) {
        throw new AnalyticsException(
            Code.INVALID_INPUT,
            String.format(
                Locale.ROOT,
                "enterprise %s: its result is at %.0f %% confidence, the report at %.0f %%;"
                    + " recompute it at the report's confidence",
                r.enterprise().id(),
                100 * s.confidence(),
                100 * request.confidence()));
      }
    }
    List<EnterpriseResult> sorted =
        results.stream().sorted(Comparator.comparing(r -> r.enterprise().id())).toList();
    List<String> notes = new ArrayList<>();
    Set<String> factorsUsed = new TreeSet<>();
    boolean[] mwhComplete = {true};
    boolean[] co2Complete = {true};
    SavingsBands bands = data.bands();
    KeyEnergyUserThreshold threshold =
        KeyEnergyUserThreshold.bundled(data.keyEnergyUserThresholdId(), period.to());

    List<EnterpriseLine> lines = new ArrayList<>();
    Map<String, Assessment> assessments = new LinkedHashMap<>();
    Map<String, Saved> savedBy = new LinkedHashMap<>();
    for (EnterpriseResult r : sorted) {
      Enterprise e = r.enterprise();
      VerifiedSaving s = r.saving();
      if (s != null && !period.contains(s.from(), s.to())) {
        notes.add(
            e.id()
                + ": verified saving "
                + s.from()
                + ".."
                + s.to()
                + " lies outside "
                + period.label()
                + "; not counted");
        s = null;
      }
      Assessment a = bands.assess(s);
      assessments.put(e.id(), a);
      Saved saved = null;
      if (a.category() != Category.NO_RESULT && a.category() != Category.MODEL_NOT_VALID) {
        saved = convert(e.id(), s, request, data, notes, factorsUsed, mwhComplete, co2Complete);
        savedBy.put(e.id(), saved);
      }
      double annualToe = annualToe(r, period.to(), data, notes, factorsUsed);
      lines.add(
          new EnterpriseLine(
              e.id(),
              e.name(),
              e.vsicCode(),
              e.district(),
              e.industrialPark(),
              r.cp(),
              a.category().name().toLowerCase(Locale.ROOT),
              a.band(),
              a.pointBand(),
              s == null ? Double.NaN : s.fraction(),
              s == null ? Double.NaN : s.fractionLow(),
              s == null ? Double.NaN : s.fractionHigh(),
              s == null ? null : s.secUnit(),
              s == null ? Double.NaN : s.baselineSec(),
              s == null ? Double.NaN : s.reportingSec(),
              saved == null ? Double.NaN : saved.toe(),
              saved == null ? Double.NaN : saved.mwhFinal(),
              saved == null ? Double.NaN : saved.co2(),
              norm(r, s, data),
              annualToe));
    }

    int total = sorted.size();
    Function<Integer, Count> count =
        n -> new Count(n, total == 0 ? Double.NaN : (double) n / total);
    Map<String, Count> bandCounts = new LinkedHashMap<>();
    for (String label : bands.labels()) {
      bandCounts.put(
          label,
          count.apply(
              (int)
                  assessments.values().stream()
                      .filter(a -> a.category() == Category.IN_BAND && label.equals(a.band()))
                      .count()));
    }
    ProgrammeReport.Indicators indicators =
        new ProgrammeReport.Indicators(
            total,
            count.apply((int) sorted.stream().filter(r -> r.cp().aware()).count()),
            count.apply((int) sorted.stream().filter(r -> r.cp().applying()).count()),
            count.apply((int) sorted.stream().filter(r -> r.cp().hasCpUnit()).count()),
            (int)
                assessments.values().stream()
                    .filter(a -> a.category() != Category.NO_RESULT)
                    .count(),
            bandCounts,
            count.apply(categoryCount(assessments, Category.BELOW_LOWEST)),
            count.apply(categoryCount(assessments, Category.INCONCLUSIVE)),
            count.apply(categoryCount(assessments, Category.MODEL_NOT_VALID)),
            count.apply(categoryCount(assessments, Category.NO_RESULT)));

    double toe = 0;
    double toeSquares = 0;
    double mwh = 0;
    double elec = 0;
    double co2 = 0;
    for (Saved s : savedBy.values()) {
      toe += s.toe();
      toeSquares += s.toeHalfWidth() * s.toeHalfWidth();
      mwh += s.mwhFinal();
      elec += s.electricityMwh();
      co2 += s.co2();
    }
    double half = Math.sqrt(toeSquares);
    ProgrammeReport.Totals totals =
        new ProgrammeReport.Totals(
            savedBy.size(),
            toe,
            half,
            toe == 0 ? Double.NaN : half / Math.abs(toe),
            mwhComplete[0] ? mwh : Double.NaN,
            mwhComplete[0],
            elec,
            co2,
            co2Complete[0],
            new ArrayList<>(factorsUsed));

    List<GroupLine> sectors =
        groups(sorted, r -> r.enterprise().vsicCode(), assessments, savedBy, bands);
    List<GroupLine> districts =
        groups(sorted, r -> r.enterprise().district(), assessments, savedBy, bands);

    List<KeyUserLine> keyUsers = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      EnterpriseResult r = sorted.get(i);
      double annual = lines.get(i).annualToe();
      boolean above = annual >= threshold.threshold();
      boolean listed = r.enterprise().keyEnergyUser();
      if (!above && !listed) {
        continue;
      }
      String note =
          Double.isNaN(annual)
              ? ReportNotes.KEU_UNREPORTED
              : above && !listed ? ReportNotes.KEU_UNLISTED : !above ? ReportNotes.KEU_BELOW : "";
      keyUsers.add(
          new KeyUserLine(r.enterprise().id(), r.enterprise().name(), annual, listed, above, note));
    }
    keyUsers.sort(
        Comparator.comparing(
                (KeyUserLine k) ->
                    Double.isNaN(k.annualToe()) ? Double.NEGATIVE_INFINITY : k.annualToe())
            .reversed()
            .thenComparing(KeyUserLine::id));

    String rule =
        String.format(
            Locale.ROOT,
            "an enterprise counts in the highest band whose lower edge the lower bound of its"
                + " %.0f %% savings-fraction interval reaches; below the lowest edge only when the"
                + " upper bound is below it too; otherwise inconclusive; results whose baseline"
                + " model fails its validity checks are counted apart (model_not_valid)",
            100 * request.confidence());
    return new ProgrammeReport(
        request.province(),
        period,
        request.confidence(),
        ProgrammeReport.ACCOUNTING,
        rule,
        bands.source(),
        indicators,
        totals,
        sectors,
        districts,
        lines,
        new ProgrammeReport.KeyEnergyUsers(threshold, keyUsers),
        notes,
        MethodVersion.CURRENT);
  }

  private static int categoryCount(Map<String, Assessment> a, Category c) {
    return (int) a.values().stream().filter(x -> x.category() == c).count();
  }

  private static Saved convert(
      String id,
      VerifiedSaving s,
      ProgrammeRequest request,
      ProgrammeData data,
      List<String> notes,
      Set<String> factorsUsed,
      boolean[] mwhComplete,
      boolean[] co2Complete) {
    LocalDate on = s.to();
    double toe = 0;
    double toeHalf = 0;
    double mwh = 0;
    double elec = 0;
    double co2 = 0;
    for (CarrierAmount c : s.energySaved()) {
      ConversionFactor toeRow =
          data.conversions().factor(c.carrier(), c.unit(), Accounting.TOE_PRIMARY, on);
      factorsUsed.add(label(toeRow));
      toe += c.amount() * toeRow.factor();
      // carriers of one enterprise come from one model: their half-widths add linearly
      toeHalf += c.halfWidth() * toeRow.factor();
      double mj;
      try {
        ConversionFactor mjRow =
            data.conversions().factor(c.carrier(), c.unit(), Accounting.MJ_FINAL, on);
        factorsUsed.add(label(mjRow));
        mj = c.amount() * mjRow.factor();
        mwh += mj / MJ_PER_MWH;
      } catch (AnalyticsException e) {
        mwhComplete[0] = false;
        co2Complete[0] = false;
        notes.add(id + ": " + e.getMessage() + "; MWh and CO2 of this carrier not estimated");
        continue;
      }
      try {
        Emission emission;
        if (c.carrier().equals("electricity")) {
          elec += mj / MJ_PER_MWH;
          emission =
              data.emissions().electricity(mj / MJ_PER_KWH, LocalDate.of(request.gridYear(), 7, 1));
        } else {
          emission =
              data.emissions().fuel(c.carrier(), c.unit(), c.amount(), on, data.conversions());
        }
        factorsUsed.add(
            emission.factor().table()
                + " "
                + emission.factor().version()
                + " "
                + emission.factor().carrier()
                + ": "
                + emission.factor().factor()
                + " tCO2/"
                + emission.factor().basisUnit()
                + " ("
                + emission.factor().source()
                + ")");
        co2 += emission.tonnesCo2();
      } catch (AnalyticsException e) {
        co2Complete[0] = false;
        String note = id + ": " + e.getMessage() + "; CO2 of this carrier not estimated";
        notes.add(note);
      }
    }
    return new Saved(toe, toeHalf, mwh, elec, co2);
  }

  private static String label(ConversionFactor f) {
    return f.table()
        + " "
        + f.version()
        + " "
        + f.carrier()
        + ": "
        + f.factor()
        + " "
        + f.toUnit()
        + "/"
        + f.unit()
        + " ("
        + f.source()
        + (f.note().isEmpty() ? "" : "; " + f.note())
        + ")";
  }

  private static double annualToe(
      EnterpriseResult r, LocalDate on, ProgrammeData data, List<String> notes, Set<String> used) {
    if (r.annualConsumption().isEmpty()) {
      return Double.NaN;
    }
    double toe = 0;
    for (CarrierAmount c : r.annualConsumption()) {
      try {
        ConversionFactor f =
            data.conversions().factor(c.carrier(), c.unit(), Accounting.TOE_PRIMARY, on);
        used.add(label(f));
        toe += c.amount() * f.factor();
      } catch (AnalyticsException e) {
        notes.add(r.enterprise().id() + ": yearly consumption: " + e.getMessage());
        return Double.NaN;
      }
    }
    return toe;
  }

  private static NormLine norm(EnterpriseResult r, VerifiedSaving s, ProgrammeData data) {
    if (r.normId() == null) {
      return null;
    }
    if (s == null) {
      return new NormLine(
          r.normId(), null, Double.NaN, Double.NaN, Double.NaN, null, null, "no SEC this period");
    }
    try {
      NormComparison c =
          data.norms()
              .compare(r.normId(), s.reportingSec(), s.secUnit(), s.to(), data.conversions());
      return new NormLine(
          r.normId(),
          c.norm().unit(),
          c.norm().value(),
          c.sec(),
          c.ratio(),
          c.withinNorm(),
          c.norm().source(),
          c.conversion() == null
              ? ""
              : "SEC converted from " + s.secUnit() + " with " + label(c.conversion()));
    } catch (AnalyticsException e) {
      return new NormLine(
          r.normId(), null, Double.NaN, Double.NaN, Double.NaN, null, null, e.getMessage());
    }
  }

  private static List<GroupLine> groups(
      List<EnterpriseResult> sorted,
      Function<EnterpriseResult, String> key,
      Map<String, Assessment> assessments,
      Map<String, Saved> savedBy,
      SavingsBands bands) {
    Map<String, List<EnterpriseResult>> byKey = new TreeMap<>();
    for (EnterpriseResult r : sorted) {
      byKey.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    List<GroupLine> lines = new ArrayList<>();
    byKey.forEach(
        (k, members) -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          bands.labels().forEach(l -> counts.put(l, 0));
          int inconclusive = 0;
          double toe = 0;
          double co2 = 0;
          for (EnterpriseResult r : members) {
            Assessment a = assessments.get(r.enterprise().id());
            if (a.category() == Category.IN_BAND) {
              counts.merge(a.band(), 1, Integer::sum);
            } else if (a.category() == Category.INCONCLUSIVE) {
              inconclusive++;
            }
            Saved s = savedBy.get(r.enterprise().id());
            if (s != null) {
              toe += s.toe();
              co2 += s.co2();
            }
          }
          lines.add(
              new GroupLine(
                  k,
                  members.size(),
                  (int) members.stream().filter(r -> r.cp().applying()).count(),
                  counts,
                  inconclusive,
                  toe,
                  co2));
        });
    return lines;
  }
}
