package org.energytrace.ingest.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.energytrace.analytics.report.Figure;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.ingest.documents.TableDocument.Cell;
import org.energytrace.ingest.documents.TableDocument.Table;

/**
 * The programme report's sections of figures ({@link ProgrammeReportDocument}), each read from
 * {@link ProgrammeIndicators}: 1 the indicators against their targets, 2 energy saved, 3 and 4 the
 * headline indicators by district and by sector, 7 the trend over the previous periods.
 */
final class IndicatorTables {
  private final ReportText t;

  /** The saving levels in force for the report ({@link #levels}), by target key. */
  private Map<String, Double> levels = Map.of("saving_low", 0.08, "saving_high", 0.13);

  IndicatorTables(ReportText t) {
    this.t = t;
  }

  /**
   * The saving levels the labels name: those in force on the report's as-of date (a province may
   * set 10 % and 15 %; the labels said 8 % and 13 % whatever the figures were counted at).
   */
  void levels(ProgrammeIndicators now) {
    levels =
        Map.of(
            "saving_low", now.targets().get("saving_low").target(),
            "saving_high", now.targets().get("saving_high").target());
  }

  /** The label {@code key} with its saving level, "Saving ≥ 10 % (verified)". */
  private String label(String key) {
    String level =
        key.endsWith("_low") ? "saving_low" : key.endsWith("_high") ? "saving_high" : null;
    String text = t.label(key);
    return level == null
        ? text
        : text.replace("{level}", t.number(100 * levels.get(level), 1) + " %");
  }

  /** 1. Every indicator (the by-resource figures after their "any" row) against its target. */
  Table indicators(ProgrammeIndicators.Indicators i) {
    List<Map.Entry<String, Figure>> figures = new ArrayList<>();
    figures.add(Map.entry(t.label("i.aware"), i.aware()));
    figures.add(Map.entry(t.label("i.applying"), i.applying()));
    savings(figures, "i.v_low", i.savingLowVerified());
    savings(figures, "i.v_high", i.savingHighVerified());
    savings(figures, "i.i_low", i.savingLowIndicative());
    savings(figures, "i.i_high", i.savingHighIndicative());
    figures.add(Map.entry(t.label("i.officers"), i.officersTrained()));
    List<List<Cell>> rows = new ArrayList<>();
    for (var e : figures) {
      Figure f = e.getValue();
      rows.add(
          List.of(
              Cell.text(e.getKey()),
              t.count(f.numerator()),
              t.count(f.denominator()),
              t.share(f),
              t.target(f),
              t.reached(f)));
    }
    return t.table(
        "indicators",
        t.labels("c.indicator", "c.numerator", "c.denominator", "c.share", "c.target", "c.reached"),
        rows,
        new float[] {3.5f, 1, 1, 1, 1, 1});
  }

  private void savings(
      List<Map.Entry<String, Figure>> out, String key, ProgrammeIndicators.Savings s) {
    out.add(Map.entry(label(key), s.any()));
    s.byResource()
        .forEach(
            (r, f) -> out.add(Map.entry(t.label("i.resource").replace("{r}", t.resource(r)), f)));
  }

  /** 2. Energy saved, verified beside indicative, with the money by currency. */
  Table energy(ProgrammeIndicators now) {
    ProgrammeIndicators.Totals v = now.verified();
    ProgrammeIndicators.Totals n = now.indicative();
    List<List<Cell>> rows = new ArrayList<>();
    rows.add(row("e.kwh", t.quantity(v.kwhFinal(), 0), t.quantity(n.kwhFinal(), 0)));
    // two decimals each, so verified and indicative compare in one row ("18.4 | 1,641.41" read
    // as figures of different precision)
    rows.add(row("e.toe", t.fixed(v.toe(), 2), t.fixed(n.toe(), 2)));
    rows.add(row("e.co2", t.fixed(v.co2Tonnes(), 2), t.fixed(n.co2Tonnes(), 2)));
    // the year of the grid factor: a year without a published one is converted with an earlier's
    rows.add(row("e.grid", Cell.text(grid(v)), Cell.text(grid(n))));
    rows.add(row("e.facilities", t.count(v.facilities().size()), t.count(n.facilities().size())));
    TreeSet<String> currencies = new TreeSet<>(v.money().keySet());
    currencies.addAll(n.money().keySet());
    for (String c : currencies) {
      rows.add(
          List.of(
              Cell.text(t.label("e.money").replace("{currency}", c)),
              t.quantity(v.money().getOrDefault(c, 0.0), 0),
              t.quantity(n.money().getOrDefault(c, 0.0), 0)));
    }
    rows.add(row("e.complete", t.yesNo(v.complete()), t.yesNo(n.complete())));
    if (!v.missingFactors().isEmpty() || !n.missingFactors().isEmpty()) {
      rows.add(
          row(
              "e.missing",
              Cell.text(missing(v.missingFactors())),
              Cell.text(missing(n.missingFactors()))));
    }
    return t.table(
        "energy", t.labels("c.what", "c.verified", "c.indicative"), rows, new float[] {3, 2, 2});
  }

  /** The grid factors of a total: "0,6592 t CO2/MWh (2023)", or none when it has no electricity. */
  private String grid(ProgrammeIndicators.Totals totals) {
    return totals.gridFactors().isEmpty()
        ? t.none()
        : String.join(
            "; ",
            totals.gridFactors().stream()
                .map(f -> t.number(f.factor(), 4) + " t CO2/MWh (" + f.version() + ")")
                .toList());
  }

  /** The missing factors of a total, each in the report's language. */
  private String missing(List<String> factors) {
    return String.join("; ", factors.stream().map(t::missingFactor).toList());
  }

  private List<Cell> row(String key, Cell verified, Cell indicative) {
    return List.of(Cell.text(t.label(key)), verified, indicative);
  }

  /** 3, 4. The headline indicators and verified energy of each district or sector. */
  Table groups(String section, String keyLabel, List<ProgrammeIndicators.Group> groups) {
    List<String> header = new ArrayList<>();
    header.add(t.label(keyLabel));
    header.add(t.label("c.facilities"));
    header.addAll(headlineLabels());
    header.add(t.label("c.kwh"));
    header.add(t.label("c.toe"));
    List<List<Cell>> rows = new ArrayList<>();
    for (ProgrammeIndicators.Group g : groups) {
      List<Cell> row = new ArrayList<>();
      row.add(t.textOrNone(g.key()));
      row.add(t.count(g.indicators().facilities()));
      for (Figure f : headline(g.indicators())) {
        row.add(t.fraction(f));
      }
      row.add(t.quantity(g.verified().kwhFinal(), 0));
      row.add(t.quantity(g.verified().toe(), 2));
      rows.add(row);
    }
    return t.table(
        section, header, rows, new float[] {2, 1, 1.3f, 1.3f, 1.3f, 1.3f, 1.3f, 1.3f, 1});
  }

  /** 7. The headline indicators and verified TOE of the previous periods and this one. */
  Table trend(ProgrammeIndicators now, List<ProgrammeIndicators> previous) {
    List<ProgrammeIndicators> periods = new ArrayList<>(previous);
    periods.add(now);
    List<String> header = new ArrayList<>();
    header.add(t.label("c.indicator"));
    for (ProgrammeIndicators p : periods) {
      header.add(p.period() == null ? t.day(p.asOf()) : t.shortPeriod(p.period().label()));
    }
    List<List<Cell>> rows = new ArrayList<>();
    List<String> names = headlineLabels();
    for (int k = 0; k < names.size(); k++) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.text(names.get(k)));
      for (ProgrammeIndicators p : periods) {
        row.add(t.fraction(headline(p.indicators()).get(k)));
      }
      rows.add(row);
    }
    List<Cell> toe = new ArrayList<>();
    toe.add(Cell.text(t.label("c.toe")));
    for (ProgrammeIndicators p : periods) {
      toe.add(t.quantity(p.verified().toe(), 2));
    }
    rows.add(toe);
    return t.table("trend", header, rows, null);
  }

  /** The headline figures of one set of indicators, for the group and trend tables. */
  private static List<Figure> headline(ProgrammeIndicators.Indicators i) {
    return List.of(
        i.aware(),
        i.applying(),
        i.savingLowVerified().any(),
        i.savingHighVerified().any(),
        i.officersTrained());
  }

  private List<String> headlineLabels() {
    return List.of(
        label("i.aware"),
        label("i.applying"),
        label("i.v_low"),
        label("i.v_high"),
        label("i.officers"));
  }
}
