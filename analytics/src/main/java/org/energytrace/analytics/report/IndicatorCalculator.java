package org.energytrace.analytics.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.report.ProgrammeIndicators.Group;
import org.energytrace.analytics.report.ProgrammeIndicators.Indicators;
import org.energytrace.analytics.report.ProgrammeIndicators.KeyUser;
import org.energytrace.analytics.report.ProgrammeIndicators.KeyUsers;
import org.energytrace.analytics.report.ProgrammeIndicators.Savings;
import org.energytrace.analytics.report.ProgrammeIndicators.Totals;
import org.energytrace.analytics.resource.FacilityEnergy;
import org.energytrace.analytics.resource.Resource;
import org.energytrace.analytics.resource.ResourceAmount;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.analytics.units.ConversionFactor;
import org.energytrace.analytics.units.EmissionFactor;
import org.energytrace.analytics.units.MissingFactor;

/** The as-of indicators behind {@link ProgrammeCalculator#indicators}. */
final class IndicatorCalculator {

  static final double MJ_PER_KWH = 3.6;
  static final String[] INDICATORS = {
    "aware", "applying", "saving_low", "saving_high", "officers_trained"
  };

  private IndicatorCalculator() {}

  static ProgrammeIndicators compute(ProgrammeInput in, ProgrammeScope scope, ProgrammeData data) {
    LocalDate asOf = in.asOf();
    List<String> notes = new ArrayList<>();
    Map<String, IndicatorTarget> targets = new LinkedHashMap<>();
    for (String i : INDICATORS) {
      IndicatorTarget t = IndicatorTarget.of(i, asOf, in.targets());
      targets.put(i, t);
      if (t.carriedForward()) {
        notes.add(ReportNotes.carriedForward(i, t.target(), t.source(), t.validTo(), asOf));
      }
    }
    List<Facility> facilities =
        in.facilities().stream()
            .filter(f -> f.registered(asOf) && scope.covers(f))
            .sorted(Comparator.comparing(Facility::id))
            .toList();
    for (Facility f : facilities) {
      if (f.potentialContradicted(asOf)) {
        notes.add(ReportNotes.potentialContradicted(f.id(), asOf));
      }
      if (!f.reached(CpStage.APPLYING, asOf)
          && !counted(f, ResourceSaving.Status.VERIFIED, in).isEmpty()) {
        notes.add(ReportNotes.savingNotApplying(f.id(), asOf));
      } else if (!f.reached(CpStage.APPLYING, asOf)
          && !counted(f, ResourceSaving.Status.INDICATIVE, in).isEmpty()) {
        notes.add(ReportNotes.indicativeNotApplying(f.id(), asOf));
      }
      if (in.period() != null) {
        for (ResourceSaving s : f.savings()) {
          // a saving that overlaps the period but is not inside it counts in no report of it
          boolean overlaps =
              !s.from().isAfter(in.period().to()) && !s.to().isBefore(in.period().from());
          // (also one still running: it will never lie inside this period)
          if (overlaps && !in.period().contains(s.from(), s.to())) {
            notes.add(
                ReportNotes.crossesPeriod(f.id(), s.resource(), s.from(), s.to(), in.period()));
          }
        }
      }
    }
    Indicators indicators = indicators(facilities, in, targets);
    Totals verified = totals(facilities, ResourceSaving.Status.VERIFIED, in, data);
    Totals indicative = totals(facilities, ResourceSaving.Status.INDICATIVE, in, data);
    List<Group> byDistrict = groups(facilities, Facility::district, in, targets, data);
    List<Group> bySector = groups(facilities, Facility::vsic, in, targets, data);
    return new ProgrammeIndicators(
        in.province(),
        asOf,
        in.period(),
        scope,
        in.confidence(),
        targets,
        indicators,
        verified,
        indicative,
        keyUsers(facilities, asOf.getYear() - 1, data),
        byDistrict,
        bySector,
        notes,
        MethodVersion.CURRENT);
  }

  private static List<Group> groups(
      List<Facility> facilities,
      Function<Facility, String> key,
      ProgrammeInput in,
      Map<String, IndicatorTarget> targets,
      ProgrammeData data) {
    Map<String, List<Facility>> by = new TreeMap<>();
    facilities.forEach(f -> by.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f));
    List<Group> out = new ArrayList<>();
    by.forEach(
        (k, members) ->
            out.add(
                new Group(
                    k,
                    indicators(members, in, targets),
                    totals(members, ResourceSaving.Status.VERIFIED, in, data))));
    return out;
  }

  static Indicators indicators(
      List<Facility> facilities, ProgrammeInput in, Map<String, IndicatorTarget> targets) {
    LocalDate asOf = in.asOf();
    List<String> all = ids(facilities);
    List<String> aware =
        ids(facilities.stream().filter(f -> f.reached(CpStage.AWARE, asOf)).toList());
    List<Facility> potential = facilities.stream().filter(f -> f.hasPotential(asOf)).toList();
    List<Facility> applying =
        potential.stream().filter(f -> f.reached(CpStage.APPLYING, asOf)).toList();
    List<String> officers = new ArrayList<>();
    List<String> trained = new ArrayList<>();
    for (Facility f : facilities) {
      for (CpOfficer o : f.officers()) {
        if (o.registered(asOf)) {
          officers.add(f.id() + "/" + o.id());
          if (o.trained(asOf)) {
            trained.add(f.id() + "/" + o.id());
          }
        }
      }
    }
    double low = targets.get("saving_low").target();
    double high = targets.get("saving_high").target();
    return new Indicators(
        facilities.size(),
        Figure.of(aware, all, targets.get("aware").target()),
        Figure.of(ids(applying), ids(potential), targets.get("applying").target()),
        savings(applying, ResourceSaving.Status.VERIFIED, low, in),
        savings(applying, ResourceSaving.Status.VERIFIED, high, in),
        savings(applying, ResourceSaving.Status.INDICATIVE, low, in),
        savings(applying, ResourceSaving.Status.INDICATIVE, high, in),
        Figure.of(trained, officers, targets.get("officers_trained").target()));
  }

  /**
   * Applying facilities whose saving (of the status) reaches {@code threshold} per unit of product
   * with the lower bound of its band: for each resource, and for any resource.
   */
  private static Savings savings(
      List<Facility> applying, ResourceSaving.Status status, double threshold, ProgrammeInput in) {
    List<String> of = ids(applying);
    TreeSet<String> resources = new TreeSet<>();
    Map<String, Map<String, ResourceSaving>> counted = new LinkedHashMap<>();
    for (Facility f : applying) {
      Map<String, ResourceSaving> c = counted(f, status, in);
      counted.put(f.id(), c);
      resources.addAll(c.keySet());
    }
    List<String> any = new ArrayList<>();
    Map<String, Figure> byResource = new LinkedHashMap<>();
    for (String r : resources) {
      List<String> reached = new ArrayList<>();
      for (Facility f : applying) {
        ResourceSaving s = counted.get(f.id()).get(r);
        if (s != null && s.fractionLow() >= threshold) {
          reached.add(f.id());
        }
      }
      // the level is what each facility's saving must reach; the share has no target
      // (verification-and-programme.md: "— (seed: 8–13 %)"), so it is never "reached"
      byResource.put(r, Figure.of(reached, of, Double.NaN));
    }
    for (Facility f : applying) {
      if (counted.get(f.id()).values().stream().anyMatch(s -> s.fractionLow() >= threshold)) {
        any.add(f.id());
      }
    }
    return new Savings(Figure.of(any, of, Double.NaN), byResource);
  }

  /**
   * The savings of a facility that count on the as-of date: of the status, ended by then (and
   * verified by then for verified ones), inside the period when one is given; per resource the
   * latest (by end, then by order of input).
   */
  static Map<String, ResourceSaving> counted(
      Facility f, ResourceSaving.Status status, ProgrammeInput in) {
    Map<String, ResourceSaving> out = new TreeMap<>();
    for (ResourceSaving s : f.savings()) {
      if (s.status() != status || s.to().isAfter(in.asOf())) {
        continue;
      }
      if (s.verifiedOn() != null && s.verifiedOn().isAfter(in.asOf())) {
        continue;
      }
      if (in.period() != null && !in.period().contains(s.from(), s.to())) {
        continue;
      }
      ResourceSaving old = out.get(s.resource());
      if (old == null || !s.to().isBefore(old.to())) {
        out.put(s.resource(), s);
      }
    }
    return out;
  }

  static Totals totals(
      List<Facility> facilities,
      ResourceSaving.Status status,
      ProgrammeInput in,
      ProgrammeData data) {
    List<String> contributing = new ArrayList<>();
    double kwh = 0;
    double toe = 0;
    double co2 = 0;
    List<String> missing = new ArrayList<>();
    Set<EmissionFactor> grid = new LinkedHashSet<>();
    Map<String, Double> money = new TreeMap<>();
    Map<String, Double> other = new TreeMap<>();
    for (Facility f : facilities) {
      Map<String, ResourceSaving> c = counted(f, status, in);
      if (!c.isEmpty()) {
        contributing.add(f.id());
      }
      for (ResourceSaving s : c.values()) {
        if (s.money() != null) {
          money.merge(s.currency(), s.money(), Double::sum);
        }
        if (s.kind() != ResourceKind.ENERGY) {
          other.merge(s.resource() + " (" + s.unit() + ")", s.amount(), Double::sum);
          continue;
        }
        LocalDate on = s.to();
        String where = f.id() + " " + s.resource() + ": ";
        Optional<ConversionFactor> mj =
            data.conversions().lookup(s.carrier(), s.unit(), Accounting.MJ_FINAL, on);
        Optional<ConversionFactor> t =
            data.conversions().lookup(s.carrier(), s.unit(), Accounting.TOE_PRIMARY, on);
        if (mj.isPresent()) {
          kwh += s.amount() * mj.get().factor() / MJ_PER_KWH;
        } else {
          missing.add(where + gap(data, s.carrier(), s.unit(), Accounting.MJ_FINAL, on));
        }
        if (t.isPresent()) {
          toe += s.amount() * t.get().factor();
        } else {
          missing.add(where + gap(data, s.carrier(), s.unit(), Accounting.TOE_PRIMARY, on));
        }
        if (mj.isEmpty()) {
          continue;
        }
        double megajoules = s.amount() * mj.get().factor();
        if (s.carrier().equals("electricity")) {
          int year = in.gridFactorYear() != null ? in.gridFactorYear() : on.getYear();
          Optional<EmissionFactor> ef =
              data.emissions().lookup("electricity", LocalDate.of(year, 7, 1));
          if (ef.isPresent()) {
            co2 += megajoules / MJ_PER_KWH / 1000 * ef.get().factor();
            grid.add(ef.get());
          } else {
            missing.add(
                where
                    + data.emissions()
                        .missing("electricity", s.unit(), year)
                        .map(MissingFactor::message)
                        .orElse("no grid factor for " + year));
          }
        } else {
          Optional<EmissionFactor> ef = data.emissions().lookup(s.carrier(), on);
          if (ef.isPresent()) {
            co2 += megajoules / 1_000_000 * ef.get().factor();
          } else {
            missing.add(
                where
                    + data.emissions()
                        .missing(s.carrier(), s.unit(), on.getYear())
                        .map(MissingFactor::message)
                        .orElse("no CO2 factor for " + s.carrier() + " on " + on));
          }
        }
      }
    }
    return new Totals(
        contributing,
        kwh,
        toe,
        co2,
        missing.isEmpty(),
        missing,
        grid.stream().sorted(Comparator.comparing(EmissionFactor::version)).toList(),
        money,
        other);
  }

  private static String gap(
      ProgrammeData data, String carrier, String unit, Accounting accounting, LocalDate on) {
    return data.conversions()
        .missing(carrier, unit, accounting, on.getYear())
        .map(MissingFactor::message)
        .orElse("no " + accounting + " factor for " + carrier + " (" + unit + ") on " + on);
  }

  static KeyUsers keyUsers(List<Facility> facilities, int year, ProgrammeData data) {
    KeyEnergyUserThreshold threshold =
        KeyEnergyUserThreshold.bundled(data.keyEnergyUserThresholdId(), LocalDate.of(year, 12, 31));
    List<KeyUser> list = new ArrayList<>();
    for (Facility f : facilities) {
      List<ResourceAmount> amounts = new ArrayList<>();
      for (EnergyUse e : f.energy()) {
        if (e.year() == year) {
          amounts.add(
              new ResourceAmount(Resource.energy(e.carrier(), e.carrier(), e.unit()), e.amount()));
        }
      }
      if (amounts.isEmpty()) {
        if (f.keyEnergyUserListed()) {
          list.add(
              new KeyUser(
                  f.id(),
                  f.name(),
                  Double.NaN,
                  false,
                  true,
                  false,
                  "on the national list; no energy reported for " + year));
        }
        continue;
      }
      FacilityEnergy.ToeTotal total = FacilityEnergy.toe(amounts, year, data.conversions());
      boolean above = total.toe() >= threshold.threshold();
      if (!above && !f.keyEnergyUserListed() && total.complete()) {
        continue;
      }
      List<String> note = new ArrayList<>();
      if (!total.complete()) {
        note.add(
            ReportNotes.incomplete(total.missing().stream().map(MissingFactor::message).toList()));
      }
      if (above && !f.keyEnergyUserListed()) {
        note.add(ReportNotes.KEU_UNLISTED);
      }
      if (!above && f.keyEnergyUserListed()) {
        note.add(ReportNotes.KEU_BELOW);
      }
      list.add(
          new KeyUser(
              f.id(),
              f.name(),
              total.toe(),
              total.complete(),
              f.keyEnergyUserListed(),
              above,
              String.join("; ", note)));
    }
    list.sort(
        Comparator.comparing(
                (KeyUser k) -> Double.isNaN(k.toe()) ? Double.NEGATIVE_INFINITY : k.toe())
            .reversed()
            .thenComparing(KeyUser::id));
    return new KeyUsers(year, threshold, list);
  }

  private static List<String> ids(List<Facility> facilities) {
    return facilities.stream().map(Facility::id).toList();
  }
}
