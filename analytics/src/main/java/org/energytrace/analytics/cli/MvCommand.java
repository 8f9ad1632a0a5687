package org.energytrace.analytics.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.DailyRollup;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.json.Json;
import org.energytrace.analytics.report.MvAnalysis;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.report.TextReport;
import org.energytrace.analytics.savings.AdjustmentsJson;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.TargetProgress;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.Emission;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.analytics.units.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analytics mv}: baseline model, savings and uncertainty from two CSV files. */
@Command(
    name = "mv",
    mixinStandardHelpOptions = true,
    description = {
      "Fits a baseline model and reports avoided energy with its uncertainty"
          + " (ASHRAE Guideline 14, IPMVP Option B/C). See docs/mv-method.md.",
      "CSV: header row; 'period' (ISO date or date-time, the period start), 'energy', one column"
          + " per independent variable (production, production_b, temperature, degree days"
          + " with their balance point such as hdd_65f or cdd_18c, ...)."
    })
final class MvCommand implements Callable<Integer> {

  /** Exit status for bad input data or a model that cannot be fitted. */
  static final int EXIT_DATA_ERROR = 1;

  /** A bad command line: an option's value out of its range, or options that go together. */
  static final int EXIT_USAGE = 2;

  enum Rollup {
    daily
  }

  enum Model {
    auto,
    ratio,
    ols,
    changepoint
  }

  @Spec CommandSpec spec;

  @Option(names = "--baseline", required = true, paramLabel = "B.csv", description = "baseline")
  Path baseline;

  @Option(names = "--reporting", required = true, paramLabel = "R.csv", description = "reporting")
  Path reporting;

  @Option(
      names = "--model",
      defaultValue = "auto",
      description = "auto, ratio, ols or changepoint (default: ${DEFAULT-VALUE})")
  Model model;

  @Option(
      names = "--confidence",
      defaultValue = "90",
      paramLabel = "PERCENT",
      description = "two-sided confidence level in percent, e.g. 68, 90, 95 (default: 90)")
  double confidence;

  @Mixin FormatOption format;

  @Option(
      names = "--targets",
      split = ",",
      paramLabel = "PERCENT",
      description = "saving targets per unit of product in percent, e.g. 8,13 (Decision 1419)")
  List<Double> targets = List.of();

  @Option(
      names = "--carrier",
      description = "energy carrier of the 'energy' column for CO2 (electricity, natural_gas, ...)")
  String carrier;

  @Option(
      names = "--unit",
      defaultValue = "kWh",
      description = "unit of the 'energy' column for CO2 (default: ${DEFAULT-VALUE})")
  String unit;

  @Option(
      names = "--adjustments",
      paramLabel = "adjustments.json",
      description =
          "non-routine adjustments (IPMVP static factors); approved ones are applied and reported"
              + " apart (docs/mv-method.md)")
  Path adjustments;

  @Option(
      names = "--rollup",
      paramLabel = "daily",
      description =
          "sum hourly or shorter interval rows to days first (CalTRACK 2.0: a day with more than"
              + " half of its intervals missing is dropped, one with at least half is filled with"
              + " the mean of its intervals; temperature is averaged); both files are rolled up")
  Rollup rollup;

  /** The rollups of the two files when --rollup is given. */
  private DailyRollup baselineRollup;

  private DailyRollup reportingRollup;

  @Option(
      names = "--year",
      description = "year of the CO2 factor (default: the year of the last reporting period)")
  Integer year;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(confidence > 0 && confidence < 100)) {
      return CommandEnd.error(
          err,
          EXIT_USAGE,
          "--confidence must be a percentage between 0 and 100, got " + confidence);
    }
    for (double t : targets) {
      if (!(t > 0 && t < 100)) {
        return CommandEnd.error(
            err, EXIT_USAGE, "--targets must be percentages between 0 and 100, got " + t);
      }
    }
    if (year != null && carrier == null) {
      return CommandEnd.error(err, EXIT_USAGE, "--year needs --carrier");
    }
    String output;
    try {
      output = render(analyse());
    } catch (InputException e) {
      return CommandEnd.error(err, EXIT_DATA_ERROR, e.getMessage());
    }
    // output is written only once everything has been computed: never half a report
    return CommandEnd.output(out, output);
  }

  /** Tonnes CO2 of the savings and of its interval bounds. */
  private Emission[] co2(MvReport report) {
    LocalDate on = year != null ? LocalDate.of(year, 7, 1) : report.lastReportingDay();
    try {
      return report.co2(carrier, unit, on, TABLE, FACTORS);
    } catch (AnalyticsException e) {
      throw new InputException(reporting, 0, null, "CO2: " + e.getMessage());
    }
  }

  private static final ConversionTable TABLE = ConversionTable.bundled();
  private static final EmissionFactors FACTORS = EmissionFactors.bundled();

  private MvReport analyse() {
    DataSet base = CsvDataReader.read(baseline);
    DataSet rep = CsvDataReader.read(reporting);
    if (rollup != null) {
      baselineRollup = rollup(baseline, base);
      reportingRollup = rollup(reporting, rep);
      base = baselineRollup.days();
      rep = reportingRollup.days();
    }
    if (base.size() == 0) {
      throw new InputException(baseline, 0, null, "the baseline period has no data rows");
    }
    if (rep.size() == 0) {
      throw new InputException(reporting, 0, null, "the reporting period has no data rows");
    }
    for (String v : base.variables()) {
      if (!rep.variables().contains(v)) {
        throw new InputException(
            reporting, 1, v, "missing column (the baseline has it: " + base.variables() + ")");
      }
    }
    ModelSelector.Request request =
        ModelSelector.Request.valueOf(model.name().toUpperCase(Locale.ROOT));
    List<NonRoutineAdjustment> nra = adjustments == null ? null : readAdjustments();
    try {
      return nra == null
          ? MvAnalysis.run(base, rep, request, confidence / 100.0)
          : MvAnalysis.run(base, rep, request, confidence / 100.0, nra);
    } catch (AnalyticsException e) {
      throw new InputException(
          e.getMessage().startsWith("adjustment ") ? adjustments : baseline,
          0,
          null,
          e.getMessage());
    }
  }

  private static DailyRollup rollup(Path file, DataSet intervals) {
    try {
      return DailyRollup.of(intervals);
    } catch (AnalyticsException e) {
      throw new InputException(file, 0, null, "--rollup daily: " + e.getMessage());
    }
  }

  private List<NonRoutineAdjustment> readAdjustments() {
    String text;
    try {
      text = Files.readString(adjustments, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(adjustments, 0, null, "cannot read the file: " + e.getMessage());
    }
    try {
      return AdjustmentsJson.read(text);
    } catch (AnalyticsException e) {
      throw new InputException(adjustments, 0, null, e.getMessage());
    }
  }

  private String render(MvReport report) {
    List<TargetProgress> progress = new ArrayList<>();
    for (double t : targets) {
      progress.add(report.progress(ProgrammeTarget.forFraction(t / 100.0)));
    }
    Emission[] co2 = carrier == null ? null : co2(report);
    if (format.text()) {
      StringBuilder b = new StringBuilder(TextReport.render(report));
      for (TargetProgress p : progress) {
        b.append(
            String.format(
                Locale.ROOT,
                "Target %.1f %% (%s): %s, savings fraction %.2f %% [%.2f %%, %.2f %%]%n",
                100 * p.target().fraction(),
                p.target().source(),
                p.status() == TargetProgress.Status.INDICATIVE
                    ? "INDICATIVE (" + p.verifiability().label() + ")"
                    : p.status(),
                100 * p.fraction(),
                100 * p.fractionLow(),
                100 * p.fractionHigh()));
      }
      if (co2 != null) {
        b.append(
            String.format(
                Locale.ROOT,
                "CO2 avoided: %s t [%s, %s] (%s %s: %s tCO2/%s, %s)%n",
                Figures.significant(co2[0].tonnesCo2()),
                Figures.significant(co2[1].tonnesCo2()),
                Figures.significant(co2[2].tonnesCo2()),
                co2[0].factor().table(),
                co2[0].factor().version(),
                co2[0].factor().factor(),
                co2[0].factor().basisUnit(),
                co2[0].factor().source()));
      }
      if (baselineRollup != null) {
        b.append(baselineRollup.summary("baseline")).append('\n');
        b.append(reportingRollup.summary("reporting")).append('\n');
      }
      return b.toString().replace("\r\n", "\n");
    }
    Map<String, Object> tree = new LinkedHashMap<>(report.tree());
    Object version = tree.remove("method_version");
    if (!progress.isEmpty()) {
      List<Object> list =
          Json.objects(
              progress,
              (TargetProgress p, Map<String, Object> m) -> {
                m.put("target", p.target().fraction());
                m.put("id", p.target().id());
                m.put("source", p.target().source());
                m.put("status", p.status().name());
                m.put("savings_fraction", p.fraction());
                m.put("fraction_low", p.fractionLow());
                m.put("fraction_high", p.fractionHigh());
                m.put("confidence", p.confidence());
              });
      tree.put("targets", list);
    }
    if (co2 != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("carrier", carrier);
      m.put("unit", unit);
      m.put("avoided_t", co2[0].tonnesCo2());
      m.put("avoided_low_t", co2[1].tonnesCo2());
      m.put("avoided_high_t", co2[2].tonnesCo2());
      m.put("factor_table", co2[0].factor().table());
      m.put("factor_version", co2[0].factor().version());
      m.put("factor", co2[0].factor().factor());
      m.put("factor_unit", "tCO2/" + co2[0].factor().basisUnit());
      m.put("source", co2[0].factor().source());
      tree.put("co2", m);
    }
    if (baselineRollup != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("baseline", baselineRollup.tree());
      m.put("reporting", reportingRollup.tree());
      tree.put("rollup", m);
    }
    tree.put("method_version", version);
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      return new ObjectMapper().writer(printer).writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the report", e);
    }
  }
}
